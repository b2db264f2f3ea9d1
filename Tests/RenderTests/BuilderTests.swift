@testable import Render
import Tensor
import Testing

/// Bad requests are thrown `RenderError`s with messages that say what is wrong.
@Suite struct BuilderTests {
    func message(_ body: () throws -> Figure) -> String? {
        do { _ = try body(); return nil } catch let e as RenderError { return e.message } catch { return "\(error)" }
    }

    @Test("a 3-D tensor is not a heatmap")
    func heatmap3D() throws {
        let t = try Tensor(repeating: 0, shape: [2, 2, 2])
        #expect(message { try Figure.heatmap(t) } == "heatmap: expected a 2-D tensor (rows × columns), got shape [2, 2, 2]")
    }

    @Test("empty and all-NaN data are refused")
    func emptyAndNaN() throws {
        #expect(message { try Figure.line(x: nil, ys: [[]]) } == "plot: no data (empty tensor)")
        #expect(message { try Figure.line(x: nil, ys: [[.nan, .nan]]) } == "plot: all values are NaN or infinite; nothing to draw")
        let nanMatrix = try Tensor([Double.nan, .nan, .nan, .nan], shape: [2, 2])
        #expect(message { try Figure.heatmap(nanMatrix) } == "heatmap: all values are NaN or infinite; nothing to draw")
        #expect(message { try Figure.hist([Double]()) } == "hist: no data (empty tensor)")
        #expect(message { try Figure.scatter(groups: []) } == "scatter: no data (no groups)")
        #expect(message { try Figure.grid([]) } == "grid: no plots given")
    }

    @Test("x and y lengths must match")
    func mismatched() {
        #expect(message { try Figure.line(x: [0, 1, 2], ys: [[1, 2, 3], [1, 2]]) } == "plot: x has 3 values but series 2 has 2")
        #expect(message { try Figure.scatter(groups: [(x: [1, 2], y: [1])]) } == "scatter: x has 2 values but y has 1")
    }

    @Test("logy needs positive data")
    func logy() {
        var o = PlotOptions()
        o.logy = true
        #expect(message { try Figure.line(x: nil, ys: [[1, 0.5, 0, 2]], options: o) } == "plot: logy needs positive values, but y[2] = 0")
        #expect(message { try Figure.line(x: nil, ys: [[1, .nan, 2]], options: o) } == nil, "NaN is skipped, not an error")
        #expect(message { try Figure.hist([1, 2, 3], options: o) } == "hist: logy is not supported for histograms")
    }

    @Test("label counts must match the series")
    func labels() throws {
        #expect(message { try Figure.line(x: nil, ys: [[1, 2]], labels: ["a", "b"]) } == "plot: 2 labels for 1 series")
        #expect(message { try Figure.bar(Tensor([1, 2, 3]), labels: ["a"]) } == "bar: 1 label for 3 bars")
    }

    @Test("shapes: vectors, N×2 points, images")
    func shapes() throws {
        let m = try Tensor(repeating: 1, shape: [3, 3])
        #expect(message { try Figure.line(ys: [m]) } == "plot: expected a 1-D tensor, got shape [3, 3]")
        #expect(message { try Figure.scatter([m]) } == "scatter: expected N×2 points (columns x, y), got shape [3, 3]")
        let img = try Tensor(repeating: 0.5, shape: [4, 4, 2])
        #expect(message { try Figure.image(img) } == "image: expected H×W (grey), H×W×3 or 3×H×W (RGB), got shape [4, 4, 2]")
        let column = try Tensor([1, 2, 3], shape: [3, 1])
        #expect(message { try Figure.line(ys: [column]) } == nil, "a column vector is a vector")
        #expect(message { try Figure.hist(Tensor([1, 2]), bins: 0) } == "hist: bins must be between 1 and 10000, got 0")
    }

    @Test("channels-first images are reordered to H×W×3")
    func channelsFirst() throws {
        // 3×1×2: red plane [1, 0], green [0, 1], blue [0, 0].
        let t = try Tensor([1, 0, 0, 1, 0, 0], shape: [3, 1, 2])
        guard case let .image(g) = try Figure.image(t).content else { Issue.record("not an image"); return }
        #expect((g.rows, g.cols, g.channels) == (1, 2, 3))
        #expect(g.values == [1, 0, 0, 0, 1, 0])
    }

    @Test("grids are flat and have at least one column")
    func grids() throws {
        let a = try Fixtures.barFigure()
        let g = try Figure.grid([a, a])
        #expect(message { try Figure.grid([g]) } == "grid: a panel cannot itself be a grid")
        #expect(message { try Figure.grid([a], cols: 0) } == "grid: cols must be at least 1, got 0")
        #expect(try Figure.grid([a, a, a, a]).summary == "<grid 4 panels, 3 cols>")
    }

    @Test("unknown options list the valid ones")
    func options() throws {
        var o = PlotOptions()
        #expect(throws: RenderError.option("unknown option 'colour'; valid options: title, xlabel, ylabel, width, height, xlim, ylim, logy, labels")) {
            try o.set("colour", .string("red"))
        }
        #expect(throws: RenderError.self) { try o.set("xlim", .numbers([2, 1])) }
        #expect(throws: RenderError.self) { try o.set("width", .number(10.5)) }
        #expect(throws: RenderError.self) { try o.set("logy", .number(1)) }
        try o.set("xlim", .numbers([0, 10]))
        try o.set("labels", .strings(["a", "b"]))
        try o.set("title", .string("t"))
        #expect(o.xlim == (try AxisLimits(0, 10)))
        #expect(o.labels == ["a", "b"])
        #expect(o.title == "t")
        for name in PlotOptions.names { #expect(!name.isEmpty) }
    }

    @Test("histogram counts every finite value once")
    func histCounts() throws {
        let f = try Figure.hist([0, 0.1, 0.5, 0.9, 1, .nan, .infinity], bins: 2)
        guard case let .hist(edges, counts) = f.content else { Issue.record("not a histogram"); return }
        #expect(edges == [0, 0.5, 1])
        #expect(counts == [2, 3])
    }

    @Test("summaries name the kind and size")
    func summaries() throws {
        #expect(try Figure.heatmap(Fixtures.dtrMaskTensor(T: 4, C: 5)).summary == "<heatmap 4×5>")
        #expect(try Fixtures.lineFigure().kindName == "plot")
    }
}

/// Edge cases that must draw (or fail cleanly) rather than trap.
@Suite struct RobustnessTests {
    @Test("xlim/ylim on a heatmap select whole cells")
    func heatmapLimits() throws {
        var o = PlotOptions()
        try o.set("xlim", .numbers([2, 5.2]))
        try o.set("ylim", .numbers([0, 3]))
        let p = try Figure.heatmap(Fixtures.dtrMaskTensor(T: 20, C: 16), options: o).panel()
        guard case let .raster(r, x0, _, x1, _) = p.marks[0] else { Issue.record("no raster"); return }
        #expect((r.rows, r.cols) == (4, 4))
        #expect((x0, x1) == (1.5, 5.5))
        #expect((p.xlo, p.xhi) == (1.5, 5.5))
        try o.set("xlim", .numbers([100, 200]))
        #expect(throws: RenderError.self) { try Figure.heatmap(Fixtures.dtrMaskTensor(T: 20, C: 16), options: o).panel() }
    }

    @Test("many bars keep readable (skipped, not mangled) labels")
    func manyBars() throws {
        let v = try Tensor((0..<100).map { Double($0 % 7) })
        let text = try Figure.bar(v).renderTerminal(width: 80)
        let labels = try #require(text.split(separator: "\n").last)
        #expect(!labels.contains("…"))
        let shown = labels.split(separator: " ").compactMap { Int($0) }
        #expect(shown.first == 0 && shown.count >= 5)
        #expect(Set(zip(shown, shown.dropFirst()).map { $1 - $0 }).count == 1, "evenly spaced: \(shown)")
    }

    @Test("extreme values render without trapping")
    func extremes() throws {
        let big = try Figure.line(x: nil, ys: [[1e308, -1e308, 3]])
        _ = try big.renderTerminal(width: 60)
        let tiny = try Figure.hist([0, Double.leastNonzeroMagnitude, Double.leastNonzeroMagnitude], bins: 3)
        _ = try tiny.renderTerminal(width: 60)
        let flat = try Figure.heatmap(Tensor(repeating: 2, shape: [3, 3]))
        #expect(try flat.renderTerminal(width: 40).contains("█"))
        let inf = try Figure.scatter(groups: [(x: [1, .infinity, 2], y: [1, 2, -.infinity])])
        _ = try inf.renderTerminal(width: 40, color: .truecolor)
        let one = try Figure.line(x: nil, ys: [[5]])
        _ = try one.renderTerminal(width: 40)
        _ = try one.renderFile(format: .svg)
    }
}

@Test("options from named-argument pairs")
func optionPairs() throws {
    let o = try PlotOptions([("title", .string("loss")), ("logy", .bool(true)), ("ylim", .numbers([1e-3, 1]))])
    #expect(o.title == "loss" && o.logy && o.ylim?.hi == 1)
    #expect(throws: RenderError.self) { try PlotOptions([("size", .number(3))]) }
}
