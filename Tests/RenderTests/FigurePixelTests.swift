import Testing
@testable import Render
import Tensor

/// Figures a workshop can trust (issue #14), checked on decoded PNG pixels: extreme values
/// are visible inside the frame, grid panels of one kind share ranges, long labels are not
/// cut; and ticks use one format per axis, integers for integer data.
struct FigurePixelTests {
    static let blue = (31, 119, 180)

    static func png(_ figure: Figure) throws -> PNGPixels {
        try PNGPixels(png: try figure.renderFile(format: .png))
    }

    /// Whether pixel (x, y) is close to `c`.
    static func near(_ p: PNGPixels, _ x: Int, _ y: Int, _ c: (Int, Int, Int), tolerance: Int = 40) -> Bool {
        let (r, g, b) = p.rgb(x, y)
        return abs(r - c.0) + abs(g - c.1) + abs(b - c.2) <= tolerance
    }

    /// Whether pixel (x, y) is coloured (not white, grey or black): a series, point or bar.
    static func coloured(_ p: PNGPixels, _ x: Int, _ y: Int) -> Bool {
        let (r, g, b) = p.rgb(x, y)
        return max(r, g, b) - min(r, g, b) > 40
    }

    /// The frame's top and bottom rows in column `x`: the first and last dark grey pixels
    /// (the 1-px frame is antialiased over two rows).
    static func frameRows(_ p: PNGPixels, column x: Int) -> (Int, Int)? {
        let rows = (0..<p.height).filter { y in let (r, g, b) = p.rgb(x, y); return r == g && g == b && r < 200 }
        guard let top = rows.first, let bottom = rows.last else { return nil }
        return (top, bottom)
    }

    @Test func aSeriesAtTheTopOfItsRangeIsDrawnInsideTheFrame() throws {
        // A constant series (IoU = 1.0 at every step) and one at the top of a range.
        for ys in [[1.0, 1, 1, 1, 1], [0, 0.5, 1, 1, 1]] {
            let p = try Self.png(try Figure.line(ys: [try Tensor(ys)]))
            let x = p.width * 3 / 4
            let (top, bottom) = try #require(Self.frameRows(p, column: x))
            let blueRows = (top...bottom).filter { Self.coloured(p, x, $0) }
            let first = try #require(blueRows.first, "the series is visible in column \(x)")
            #expect(first >= top + 3, "\(ys): the line (row \(first)) sits on the frame (row \(top))")
        }
    }

    @Test func scatterPointsAtTheEdgesAreInsideTheFrame() throws {
        let pts = try Tensor([-2.0, -2, 2, 2, 0, 0], shape: [3, 2])
        let p = try Self.png(try Figure.scatter([pts]))
        let (top, _) = try #require(Self.frameRows(p, column: p.width / 2))
        let blue = (0..<p.height).filter { y in (0..<p.width).contains { Self.coloured(p, $0, y) } }
        let first = try #require(blue.first)
        #expect(first > top + 2, "the point at the top is whole, inside the frame")
    }

    /// The columns holding `colour` in the left and right halves of a two-panel grid.
    static func spans(_ p: PNGPixels, _ colour: (Int, Int, Int)) -> (Int, Int) {
        func span(_ xs: Range<Int>) -> Int {
            let cols = xs.filter { x in stride(from: 0, to: p.height, by: 1).contains { Self.coloured(p, x, $0) } }
            return (cols.last ?? 0) - (cols.first ?? 0)
        }
        return (span(0..<p.width / 2), span(p.width / 2..<p.width))
    }

    @Test func gridPanelsOfOneKindShareTheirRangesUnlessShareIsFalse() throws {
        let small = try Figure.scatter([try Tensor([-1.0, -1, 1, 1], shape: [2, 2])])
        let big = try Figure.scatter([try Tensor([-4.0, -4, 4, 4], shape: [2, 2])])
        let shared = try Self.png(try Figure.grid([small, big]))
        let (a, b) = Self.spans(shared, Self.blue)
        #expect(a > 0 && b > 0)
        #expect(Double(a) < 0.4 * Double(b), "±1 spans about a quarter of ±4 on a shared axis: \(a) vs \(b)")
        let own = try Self.png(try Figure.grid([small, big], share: false))
        let (c, d) = Self.spans(own, Self.blue)
        #expect(abs(c - d) <= 4, "each panel fills its own range: \(c) vs \(d)")
        // The layout says the same: one range for both panels.
        let layout = try Figure.grid([small, big]).layout()
        #expect(layout.panels[0].xlo == layout.panels[1].xlo && layout.panels[0].yhi == layout.panels[1].yhi)
    }

    @Test func aLongYLabelIsMeasuredAndNotCut() throws {
        var o = PlotOptions()
        o.ylabel = "a very long y axis label that is much longer than the plot is tall"
        o.height = 200
        let p = try Self.png(try Figure.line(ys: [try Tensor([1.0, 2, 3])], options: o))
        let dark = (0..<p.height).filter { y in (0..<24).contains { x in let (r, g, b) = p.rgb(x, y); return r + g + b < 300 } }
        let first = try #require(dark.first, "the label is drawn")
        let last = try #require(dark.last)
        #expect(first >= 2 && last <= p.height - 3, "the label fits the picture: rows \(first)…\(last) of \(p.height)")
    }

    @Test func integerDataGetsIntegerTicks() throws {
        let panel = try Figure.line(ys: [try Tensor([1.0, 2, 3])]).layout().panels[0]
        let x = Panel.ticks(panel.xAxis, panel.xlo, panel.xhi, target: 8).map(\.label)
        #expect(x == ["0", "1", "2"])
        let y = Panel.ticks(panel.yAxis, panel.ylo, panel.yhi, target: 8).map(\.label)
        #expect(y.allSatisfy { !$0.contains(".") }, "\(y)")
        let real = try Figure.line(ys: [try Tensor([0.1, 0.25, 0.3])]).layout().panels[0]
        #expect(Panel.ticks(real.yAxis, real.ylo, real.yhi, target: 5).map(\.label).allSatisfy { $0.contains(".") })
    }

    @Test func aLogAxisUsesOneNumberFormat() {
        let mixed = Ticks.log10Axis(-5, 0, target: 6).map(\.label)
        #expect(mixed == ["1e-5", "1e-4", "1e-3", "1e-2", "1e-1", "1e0"])
        let plain = Ticks.log10Axis(-3, 2, target: 6).map(\.label)
        #expect(plain == ["0.001", "0.01", "0.1", "1", "10", "100"])
    }
}
