import Tensor

// MARK: - Builders (one per plot builtin); all data checks happen here

extension Figure {
    /// Line plot of one or more series against `x` (default 0, 1, …, n−1). NaN values leave
    /// gaps. With several series, or `labels`, a legend names them.
    /// ```swift
    /// try Figure.line(ys: [sinT, cosT], labels: ["sin", "cos"])
    /// ```
    public static func line(x: Tensor? = nil, ys: [Tensor], labels: [String]? = nil,
                            options: PlotOptions = PlotOptions()) throws(RenderError) -> Figure {
        var series: [[Double]] = []
        for (i, y) in ys.enumerated() { series.append(try vector(y, ys.count > 1 ? "plot: series \(i + 1)" : "plot")) }
        return try line(x: try x.map { t throws(RenderError) in try vector(t, "plot: x") }, ys: series,
                        labels: labels, options: options)
    }

    /// Line plot from arrays (the tensor builder above, with arrays).
    public static func line(x: [Double]?, ys: [[Double]], labels: [String]? = nil,
                            options: PlotOptions = PlotOptions()) throws(RenderError) -> Figure {
        var options = options
        if let labels { options.labels = labels }
        guard let n = ys.first?.count, n > 0 else { throw .data("plot: no data (empty tensor)") }
        let xs = x ?? (0..<n).map(Double.init)
        for (i, y) in ys.enumerated() where y.count != xs.count {
            throw .data("plot: x has \(xs.count) values but series \(i + 1) has \(y.count)")
        }
        try requireFinite(xs, "plot: x")
        try requireFinite(ys.flatMap { $0 }, "plot")
        try checkLabels(options.labels, count: ys.count, what: "plot", noun: "series")
        if options.logy {
            for (i, y) in ys.enumerated() { try checkPositive(y, "plot", ys.count > 1 ? " in series \(i + 1)" : "") }
        }
        return Figure(.line(x: xs, ys: ys), options)
    }

    /// Scatter plot of point clouds: each tensor is N×2 (columns x, y), one colour per group.
    /// ```swift
    /// try Figure.scatter([moons0, moons1], options: o)   // two N×2 groups
    /// ```
    public static func scatter(_ groups: [Tensor], options: PlotOptions = PlotOptions()) throws(RenderError) -> Figure {
        var out: [(x: [Double], y: [Double])] = []
        for (i, g) in groups.enumerated() {
            guard g.rank == 2, g.shape[1] == 2 else {
                throw .data("scatter: expected N×2 points (columns x, y)\(groups.count > 1 ? " in group \(i + 1)" : ""), got shape \(describe(g.shape))")
            }
            let v = g.toArray()
            out.append((stride(from: 0, to: v.count, by: 2).map { v[$0] }, stride(from: 1, to: v.count, by: 2).map { v[$0] }))
        }
        return try scatter(groups: out, options: options)
    }

    /// Scatter plot of one group given as two 1-D tensors of equal length.
    public static func scatter(x: Tensor, y: Tensor, options: PlotOptions = PlotOptions()) throws(RenderError) -> Figure {
        try scatter(groups: [(try vector(x, "scatter: x"), try vector(y, "scatter: y"))], options: options)
    }

    /// Scatter plot from arrays, one `(x, y)` pair per group.
    public static func scatter(groups: [(x: [Double], y: [Double])], options: PlotOptions = PlotOptions()) throws(RenderError) -> Figure {
        guard !groups.isEmpty else { throw .data("scatter: no data (no groups)") }
        for (i, g) in groups.enumerated() where g.x.count != g.y.count {
            throw .data("scatter: x has \(g.x.count) values but y has \(g.y.count)\(groups.count > 1 ? " in group \(i + 1)" : "")")
        }
        try requireFinite(groups.flatMap { $0.x }, "scatter: x")
        try requireFinite(groups.flatMap { $0.y }, "scatter: y")
        try checkLabels(options.labels, count: groups.count, what: "scatter", noun: "groups")
        if options.logy { for g in groups { try checkPositive(g.y, "scatter", "") } }
        return Figure(.scatter(groups.map { XY(x: $0.x, y: $0.y) }), options)
    }

    /// Heatmap of a 2-D tensor (row 0 at the top) with a viridis colour bar showing the
    /// minimum, the maximum and a label (`labels: ["…"]`, default "value"). NaN cells stay blank.
    public static func heatmap(_ m: Tensor, options: PlotOptions = PlotOptions()) throws(RenderError) -> Figure {
        guard m.rank == 2 else {
            throw .data("heatmap: expected a 2-D tensor (rows × columns), got shape \(describe(m.shape))")
        }
        if options.logy { throw .option("heatmap: logy does not apply to heatmaps") }
        let v = m.toArray()
        let (lo, hi) = try finiteRange(v, "heatmap")
        return Figure(.heatmap(Grid2D(rows: m.shape[0], cols: m.shape[1], channels: 1, values: v, lo: lo, hi: hi)), options)
    }

    /// Histogram of the finite values with `bins` equal-width bins over their range.
    public static func hist(_ values: Tensor, bins: Int = 20, options: PlotOptions = PlotOptions()) throws(RenderError) -> Figure {
        guard values.rank >= 1 else { throw .data("hist: expected a tensor of values, got a scalar") }
        return try hist(values.toArray(), bins: bins, options: options)
    }

    /// Histogram from an array (the tensor builder above, with an array).
    public static func hist(_ v: [Double], bins: Int = 20, options: PlotOptions = PlotOptions()) throws(RenderError) -> Figure {
        guard bins >= 1, bins <= 10_000 else { throw .data("hist: bins must be between 1 and 10000, got \(bins)") }
        try requireFinite(v, "hist")
        if options.logy { throw .option("hist: logy is not supported for histograms") }
        let finite = v.filter { $0.isFinite }
        var lo = finite.min() ?? 0, hi = finite.max() ?? 1
        if lo == hi { lo -= 0.5; hi += 0.5 }
        var counts = [Double](repeating: 0, count: bins)
        for x in finite {
            counts[clampIndex((x - lo) / (hi - lo) * Double(bins), bins)] += 1
        }
        let edges = (0...bins).map { lo + (hi - lo) * Double($0) / Double(bins) }
        return Figure(.hist(edges: edges, counts: counts), options)
    }

    /// Bar chart: one bar per value, named by `labels` (default 0, 1, …). NaN bars are left out.
    public static func bar(_ values: Tensor, labels: [String]? = nil, options: PlotOptions = PlotOptions()) throws(RenderError) -> Figure {
        let v = try vector(values, "bar")
        var options = options
        if let labels { options.labels = labels }
        try requireFinite(v, "bar")
        try checkLabels(options.labels, count: v.count, what: "bar", noun: "bars")
        if options.logy { throw .option("bar: logy is not supported for bar charts") }
        return Figure(.bar(v), options)
    }

    /// A tensor shown as a picture: H×W grey or H×W×3 RGB, values in [0, 1] (clamped).
    /// Channels-first 3×H×W and 1×H×W (as models produce them) are accepted too.
    public static func image(_ t: Tensor, options: PlotOptions = PlotOptions()) throws(RenderError) -> Figure {
        if options.logy { throw .option("image: logy does not apply to images") }
        let s = t.shape
        var v = t.toArray()
        let rows: Int, cols: Int, channels: Int
        if t.rank == 2 {
            (rows, cols, channels) = (s[0], s[1], 1)
        } else if t.rank == 3 && (s[2] == 1 || s[2] == 3) {
            (rows, cols, channels) = (s[0], s[1], s[2])
        } else if t.rank == 3 && (s[0] == 1 || s[0] == 3) {
            (rows, cols, channels) = (s[1], s[2], s[0])
            if channels == 3 {
                let plane = rows * cols
                let planar = v
                for p in 0..<plane { for c in 0..<3 { v[3 * p + c] = planar[c * plane + p] } }
            }
        } else {
            throw .data("image: expected H×W (grey), H×W×3 or 3×H×W (RGB), got shape \(describe(s))")
        }
        _ = try finiteRange(v, "image")
        return Figure(.image(Grid2D(rows: rows, cols: cols, channels: channels, values: v)), options)
    }

    /// Panels side by side, `cols` per row (default: all in one row, at most 3).
    /// Only the grid's `title`, `width` and `height` options apply to the whole figure.
    /// Panels of one kind share their axis ranges unless `share` is false.
    public static func grid(_ figures: [Figure], cols: Int? = nil, share: Bool = true,
                            options: PlotOptions = PlotOptions()) throws(RenderError) -> Figure {
        guard !figures.isEmpty else { throw .data("grid: no plots given") }
        if figures.contains(where: { if case .grid = $0.content { return true } else { return false } }) {
            throw .data("grid: a panel cannot itself be a grid")
        }
        let c = cols ?? Swift.min(3, figures.count)
        guard c >= 1 else { throw .data("grid: cols must be at least 1, got \(c)") }
        var figure = Figure(.grid(figures, cols: Swift.min(c, figures.count)), options)
        figure.sharesAxes = share
        return figure
    }

    // MARK: - Checks

    static func checkLabels(_ labels: [String]?, count: Int, what: String, noun: String) throws(RenderError) {
        if let labels, labels.count != count {
            throw .data("\(what): \(labels.count) label\(labels.count == 1 ? "" : "s") for \(count) \(noun)")
        }
    }

    static func checkPositive(_ y: [Double], _ what: String, _ whereText: String) throws(RenderError) {
        if let i = y.firstIndex(where: { !$0.isNaN && $0 <= 0 }) {
            throw .data("\(what): logy needs positive values, but y[\(i)] = \(Ticks.plain(y[i]))\(whereText)")
        }
    }
}
