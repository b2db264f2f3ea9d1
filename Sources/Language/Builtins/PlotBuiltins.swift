import Render
import Tensor

// MARK: - Options and data shared by the plot builtins

/// The options every plot builtin takes (after its data parameters), in documented order.
private let optionParameters: [BuiltinParameter] = PlotOptions.names.map { name in
    let shown = ["width": "640", "height": "480", "logy": "false"]
    let p = BuiltinParameter.optional(name, .any)
    return shown[name].map { p.documented($0) } ?? p
}

private let optionHelp = """
 Options: title, xlabel, ylabel (strings), width and height (pixels of a saved file, default 640×480), \
xlim and ylim ([lo, hi]), logy (true/false), labels (a list of strings naming the series, groups or bars).
"""

extension Args {
    /// The plot options given as named arguments from parameter `first` on (named after
    /// ``PlotOptions/names``); a bad value is an error at that argument.
    func plotOptions(from first: Int, names: [String] = PlotOptions.names) throws(Unwind) -> PlotOptions {
        var o = PlotOptions()
        for (k, name) in names.enumerated() where given(first + k) {
            let i = first + k
            let v = value(i)
            let ov: OptionValue
            switch v {
            case .string(let s): ov = .string(s)
            case .number(let x): ov = .number(x)
            case .bool(let b): ov = .bool(b)
            case .tensor(let box) where box.tensor.rank <= 1: ov = .numbers(box.tensor.toArray())
            case .list(let items):
                var strings: [String] = []
                for item in items {
                    guard case .string(let s) = item else { throw fail("\(name): expected a list of strings", at: i) }
                    strings.append(s)
                }
                ov = .strings(strings)
            default:
                throw fail("\(name): a \(v.typeName) is not a valid value for this option", at: i)
            }
            do throws(RenderError) { try o.set(name, ov) } catch { throw fail(error.message, at: i) }
        }
        return o
    }

    /// Builds a figure and lays it out once, so an invalid figure is an error here (data
    /// errors at argument `at`, option errors at the call), never when it is displayed.
    func figure(at i: Int = 0, _ body: () throws(RenderError) -> Figure) throws(Unwind) -> Value {
        do throws(RenderError) {
            let figure = try body()
            try figure.validate()
            return .object(PlotValue(figure))
        } catch {
            throw error.kind == .invalidData ? fail(error.message, at: i) : fail(error.message)
        }
    }

    /// A tensor from a data value (tensors, numbers, numeric lists), or an error at argument `i`.
    func dataTensor(_ v: Value, _ what: String, at i: Int) throws(Unwind) -> Tensor {
        if let t = Conversions.asTensor(v) { return t }
        if case .list(let items) = v {
            do throws(TensorError) { return try Conversions.tensor(fromList: items) } catch {
                throw fail("\(what) must be numbers: \(error.description)", at: i)
            }
        }
        throw fail("\(what) must be a tensor, got a \(v.typeName)", at: i)
    }

    /// Line series from a value: a 1-D tensor (one series), a 2-D tensor (each row a series;
    /// a column vector is one series), or a list of 1-D tensors.
    func series(_ i: Int) throws(Unwind) -> [Tensor] {
        let v = value(i)
        if case .list(let items) = v {
            var out: [Tensor] = []
            for (j, item) in items.enumerated() {
                out.append(try dataTensor(item, "series \(j + 1)", at: i))
            }
            guard !out.isEmpty else { throw fail("plot: no series given (an empty list)", at: i) }
            return out
        }
        let t = try dataTensor(v, "plot data", at: i)
        guard t.rank <= 2 else {
            throw fail("plot data must be a 1-D tensor (one series) or a 2-D tensor (one series per row), "
                       + "got shape \(Shape.describe(t.shape))", at: i)
        }
        if t.rank == 2, t.shape[1] != 1 {
            var rows: [Tensor] = []
            for r in 0..<t.shape[0] {
                rows.append(try run(at: i) { () throws(TensorError) in try t.subscripted([IndexArg.index(r)]) })
            }
            guard !rows.isEmpty else { throw fail("plot: no data (a tensor with no rows)", at: i) }
            return rows
        }
        return [t]
    }

    /// The figure inside a plot value, or an error at argument `i`.
    func plotFigure(_ v: Value, _ what: String, at i: Int) throws(Unwind) -> Figure {
        if case .object(let o) = v, let p = o as? PlotValue { return p.figure }
        throw fail("\(what) must be a plot, got a \(v.typeName)", at: i)
    }
}

// MARK: - Declarations

extension Registry {
    /// Plots (`plot scatter heatmap hist bar image grid save`): each returns a plot value
    /// that draws itself in the terminal when displayed and saves as PNG, SVG or PDF.
    static let plotBuiltins: [Builtin] = [
        Builtin("plot", [.required("x", .any), .optional("y", .any)] + optionParameters,
                help: """
                A line plot. `plot(y)` draws one series against 0, 1, …; `plot(x, y)` against x (1-D, same length). \
                y may be several series: a list `[y1, y2, …]` or a 2-D tensor (each row a series), named by \
                `labels:`. NaN values leave gaps.
                """ + optionHelp,
                example: "plot(linspace(0, 1, 50) ^ 2, title: \"t²\", labels: [\"t²\"])") { a throws(Unwind) in
            let o = try a.plotOptions(from: 2)
            if a.given(1) {
                let x = try a.dataTensor(a.value(0), "x", at: 0)
                guard x.rank == 1 else { throw a.fail("plot(x, y): x must be a 1-D tensor, got shape \(Shape.describe(x.shape))", at: 0) }
                let ys = try a.series(1)
                return try a.figure(at: 1) { () throws(RenderError) in try Figure.line(x: x, ys: ys, options: o) }
            }
            let ys = try a.series(0)
            return try a.figure { () throws(RenderError) in try Figure.line(ys: ys, options: o) }
        },
        Builtin("scatter", [.required("x", .any), .optional("y", .any)] + optionParameters,
                help: """
                A scatter plot. `scatter(x, y)` with two 1-D tensors of equal length; `scatter(points)` with an N×2 \
                tensor (columns x, y); `scatter([g1, g2, …], labels: […])` with several N×2 groups, one colour each.
                """ + optionHelp,
                example: "scatter(randn([200, 2], seed: 1), title: \"Gaussian\")") { a throws(Unwind) in
            let o = try a.plotOptions(from: 2)
            if a.given(1) {
                let x = try a.dataTensor(a.value(0), "x", at: 0), y = try a.dataTensor(a.value(1), "y", at: 1)
                return try a.figure { () throws(RenderError) in try Figure.scatter(x: x, y: y, options: o) }
            }
            var groups: [Tensor] = []
            switch a.value(0) {
            case .list(let items):
                for (j, item) in items.enumerated() { groups.append(try a.dataTensor(item, "group \(j + 1)", at: 0)) }
            case let v:
                let t = try a.dataTensor(v, "points", at: 0)
                if t.rank == 3 {
                    for g in 0..<t.shape[0] {
                        groups.append(try a.run(at: 0) { () throws(TensorError) in try t.subscripted([IndexArg.index(g)]) })
                    }
                } else {
                    groups = [t]
                }
            }
            return try a.figure { () throws(RenderError) in try Figure.scatter(groups, options: o) }
        },
        Builtin("heatmap", [.required("m", .tensor)] + optionParameters,
                help: """
                A 2-D tensor as a heatmap (row 0 at the top) with a viridis colour bar; `labels: ["…"]` names the colour \
                bar. NaN cells stay blank. Masks from `route` and matrices from `affinity` read well this way: in the \
                terminal a heatmap fills the width and about 20 rows, each axis stretched on its own, every character \
                showing the mean of the cells it covers. A constant tensor is coloured on a range that includes 0 \
                (all ones in the top colour, as in a mask).
                """ + optionHelp,
                example: "heatmap(route(\"dtr\", 100, 64), title: \"DTR mask\")") { a throws(Unwind) in
            let o = try a.plotOptions(from: 1)
            let m = a.tensor(0)
            return try a.figure { () throws(RenderError) in try Figure.heatmap(m, options: o) }
        },
        Builtin("hist", [.required("v", .tensor), .optional("bins", .integer, .number(20))] + optionParameters,
                help: "A histogram of the finite values of v with `bins:` equal-width bins (1…10000) over their range." + optionHelp,
                example: "hist(randn(1000, seed: 0), bins: 30)") { a throws(Unwind) in
            let o = try a.plotOptions(from: 2)
            let v = a.tensor(0), bins = a.int(1)
            guard bins >= 1, bins <= 10_000 else { throw a.fail("bins must lie in 1…10000, got \(bins)", at: 1) }
            return try a.figure { () throws(RenderError) in try Figure.hist(v, bins: bins, options: o) }
        },
        Builtin("bar", [.required("values", .tensor)] + optionParameters,
                help: "A bar chart, one bar per value of a 1-D tensor, named by `labels:` (default 0, 1, …)." + optionHelp,
                example: "bar([3, 1, 2], labels: [\"a\", \"b\", \"c\"])") { a throws(Unwind) in
            let o = try a.plotOptions(from: 1)
            let v = a.tensor(0)
            return try a.figure { () throws(RenderError) in try Figure.bar(v, options: o) }
        },
        Builtin("image", [.required("t", .tensor)] + optionParameters,
                help: "A tensor shown as a picture: H×W grey or H×W×3 RGB, values in [0, 1] (clamped)." + optionHelp,
                example: "image(outer(linspace(0, 1, 32), linspace(0, 1, 32)))") { a throws(Unwind) in
            let o = try a.plotOptions(from: 1)
            let t = a.tensor(0)
            return try a.figure { () throws(RenderError) in try Figure.image(t, options: o) }
        },
        Builtin("grid", [.required("plots", .list), .optional("cols", .integer), .optional("title", .any),
                         .optional("width", .any), .optional("height", .any), .optional("share", .bool, .bool(true))],
                help: """
                Plots side by side: a list of plots laid out `cols:` per row (default all in one row, at most 3). \
                Panels of one kind (plot, scatter, hist, bar) share their axis ranges so they compare at a glance, \
                except an axis a panel fixes with xlim/ylim; `share: false` gives each panel its own. \
                `title:` goes above the whole grid; `width:`/`height:` size a saved file (default 480×360 per panel).
                """,
                example: "grid([plot([1, 3, 2]), hist(randn(500, seed: 1))], cols: 2)") { a throws(Unwind) in
            var figures: [Figure] = []
            for (j, v) in a.list(0).enumerated() { figures.append(try a.plotFigure(v, "item \(j + 1) of plots", at: 0)) }
            let o = try a.plotOptions(from: 2, names: ["title", "width", "height"])
            if a.given(1), a.int(1) < 1 { throw a.fail("cols must be at least 1, got \(a.int(1))", at: 1) }
            let share = a.bool(5)
            return try a.figure { () throws(RenderError) in try Figure.grid(figures, cols: a.optionalInt(1), share: share, options: o) }
        },
        Builtin("save", [.required("value", .any), .required("path", .string)],
                help: """
                Writes a plot to a file, choosing the format by the extension: .png, .svg or .pdf (drawn by cairo). \
                A tensor may be saved as .npy (see save_npy) or .csv (see save_csv). The path is relative to the \
                notebook's or script's folder (the current directory for `dtr eval` and the REPL) and may not leave \
                it unless --allow-fs is given.
                """,
                example: "save(plot([1, 4, 9]), \"squares.png\")") { a throws(Unwind) in
            let path = a.string(1)
            let ext = path.lastIndex(of: ".").map { path[path.index(after: $0)...].lowercased() } ?? ""
            let bytes: [UInt8]
            switch (a.value(0), ext) {
            case (_, "npy"), (_, "csv"):
                let t = try a.dataTensor(a.value(0), "the value saved as .\(ext)", at: 0)
                if ext == "npy" {
                    bytes = NumpyFile.encode(t)
                } else {
                    do throws(DataFileError) { bytes = try CSVFile.encode(t) } catch { throw a.fail(error.message, at: 0) }
                }
            case (.object(let o), _):
                guard let p = o as? PlotValue else { throw a.fail("save cannot write a \(o.typeName)", at: 0) }
                guard let format = FileFormat(fileName: path) else {
                    throw a.fail("cannot tell the file format from \"\(path)\"; use a name ending in .png, .svg or .pdf", at: 1)
                }
                do throws(RenderError) { bytes = try p.fileBytes(format) } catch { throw a.fail(error.message) }
            case (let v, _):
                throw a.fail("save writes plots (.png, .svg, .pdf) and tensors (.npy, .csv); got a \(v.typeName) and \"\(path)\"", at: 0)
            }
            do throws(FileAccessError) { try a.session.files.write(path, bytes) } catch { throw a.fail(error.message, at: 1) }
            return .none
        },
    ]
}
