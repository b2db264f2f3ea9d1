import Tensor

// The Render layer: plots as values.
//
//   Figure (data + PlotOptions, checked by the builders)
//     └─ layout() → Layout of Panels: the back-end-free display list (ranges, axes, marks,
//        legend, colour bar) in data coordinates
//          ├─ terminal: TerminalPanel rasterises marks into a PixelCanvas of sub-character
//          │   pixels (braille 2×4 / quadrant blocks 2×2 / ASCII), heatmaps by BlockAverage,
//          │   composes a CellGrid, and encodes colour once (none / 256 / truecolor)
//          └─ files: CairoPanel draws the same panels with cairo (dlopen'ed on first save)
//              onto PNG, SVG or PDF streams

/// A plot as a value: what to draw (kind-specific data) plus its options, independent of any
/// back end. Build one with the static builders, then show it with
/// ``renderTerminal(width:height:color:charset:)`` or save it with ``renderFile(format:scale:)``.
///
/// ```swift
/// let y = try Tensor([1, 4, 9, 16])
/// var o = PlotOptions(); o.title = "squares"
/// let fig = try Figure.line(ys: [y], options: o)
/// print(try fig.renderTerminal(width: 80))
/// let png = try fig.renderFile(format: .png)   // bytes; the caller writes the file
/// ```
public struct Figure: Sendable {
    /// The validated data of each plot kind.
    indirect enum Content: Sendable {
        case line(x: [Double], ys: [[Double]])
        case scatter([XY])
        case heatmap(Grid2D)
        case hist(edges: [Double], counts: [Double])
        case bar([Double])
        case image(Grid2D)
        case grid([Figure], cols: Int)
    }

    /// One scatter group.
    struct XY: Sendable {
        var x: [Double], y: [Double]
    }

    /// A row-major matrix (`channels` values per cell).
    struct Grid2D: Sendable {
        var rows: Int, cols: Int, channels: Int
        var values: [Double]
        /// Smallest and largest finite value.
        var lo: Double = 0, hi: Double = 1
    }

    let content: Content
    /// The options given when the figure was built.
    public let options: PlotOptions
    /// For a grid: whether panels of one kind share their axis ranges (`share:`, default true).
    var sharesAxes = true

    init(_ content: Content, _ options: PlotOptions) {
        self.content = content
        self.options = options
    }

    /// The builtin's name for this kind of plot: plot, scatter, heatmap, hist, bar, image or grid.
    public var kindName: String {
        switch content {
        case .line: return "plot"
        case .scatter: return "scatter"
        case .heatmap: return "heatmap"
        case .hist: return "hist"
        case .bar: return "bar"
        case .image: return "image"
        case .grid: return "grid"
        }
    }

    /// A one-line summary such as `<heatmap 1000×1152>`, for printing the value in a list.
    public var summary: String {
        switch content {
        case let .line(x, ys): return "<plot \(ys.count) series × \(x.count)>"
        case let .scatter(g): return "<scatter \(g.count) group\(g.count == 1 ? "" : "s")>"
        case let .heatmap(m): return "<heatmap \(m.rows)×\(m.cols)>"
        case let .hist(_, c): return "<hist \(c.count) bins>"
        case let .bar(v): return "<bar \(v.count)>"
        case let .image(m): return "<image \(m.rows)×\(m.cols)\(m.channels == 3 ? "×3" : "")>"
        case let .grid(f, cols): return "<grid \(f.count) panels, \(cols) cols>"
        }
    }
}

// MARK: - Converting tensors

extension Figure {
    /// The values of a vector-like tensor (1-D, or 2-D with one axis of length 1).
    static func vector(_ t: Tensor, _ what: String) throws(RenderError) -> [Double] {
        let nonUnit = t.shape.filter { $0 != 1 }
        guard t.rank >= 1, t.rank <= 2, nonUnit.count <= 1 else {
            throw .data("\(what): expected a 1-D tensor, got shape \(describe(t.shape))")
        }
        return t.toArray()
    }

    static func describe(_ shape: [Int]) -> String {
        "[" + shape.map(String.init).joined(separator: ", ") + "]"
    }

    /// The smallest and largest finite values, in one pass; throws if there are none.
    static func finiteRange(_ v: [Double], _ what: String) throws(RenderError) -> (Double, Double) {
        if v.isEmpty { throw .data("\(what): no data (empty tensor)") }
        var lo = Double.infinity, hi = -Double.infinity
        v.withUnsafeBufferPointer { p in
            for x in p where x.isFinite {
                lo = x < lo ? x : lo
                hi = x > hi ? x : hi
            }
        }
        guard lo <= hi else { throw .data("\(what): all values are NaN or infinite; nothing to draw") }
        return (lo, hi)
    }

    /// Throws unless some value is finite.
    static func requireFinite(_ v: [Double], _ what: String) throws(RenderError) {
        if v.isEmpty { throw .data("\(what): no data (empty tensor)") }
        if !v.contains(where: { $0.isFinite }) { throw .data("\(what): all values are NaN or infinite; nothing to draw") }
    }
}

extension Figure {
    /// Lays the figure out once without drawing it, so an impossible figure (for example
    /// `logy` with a non-positive `ylim`) is an error where it is built, not when it is shown.
    public func validate() throws(RenderError) {
        _ = try layout()
    }
}
