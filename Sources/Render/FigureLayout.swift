#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Figure → display list

extension Figure {
    /// The figure as back-end-free panels: ranges, axes, marks, legend, colour bar.
    func layout() throws(RenderError) -> Layout {
        if case let .grid(figures, cols) = content {
            var panels: [Panel] = []
            for f in figures { panels.append(try f.panel()) }
            if sharesAxes { Self.shareRanges(&panels, figures) }
            return Layout(panels: panels, cols: cols, title: options.title)
        }
        return Layout(panels: [try panel()], cols: 1, title: nil)
    }

    /// The single panel of a non-grid figure.
    func panel() throws(RenderError) -> Panel {
        let o = options
        switch content {
        case let .line(x, ys):
            let (xlo, xhi) = try Self.range(x, o.xlim, extend: false)
            let yt = try ys.map { y throws(RenderError) in try Self.transformY(y, o.logy) }
            let (ylo, yhi) = try Self.yRange(yt.flatMap { $0 }, o)
            var p = Panel(title: o.title, xlabel: o.xlabel, ylabel: o.ylabel, xlo: xlo, xhi: xhi, ylo: ylo, yhi: yhi,
                          xAxis: Self.linearKind(x), yAxis: o.logy ? .log10 : Self.linearKind(ys.flatMap { $0 }))
            for (i, y) in yt.enumerated() {
                p.marks.append(.polyline(zip(x, y).map { Point(x: $0, y: $1) }, Palette.color(i)))
            }
            p.legend = Self.legend(o.labels, count: ys.count, style: .line, prefix: "y")
            return p
        case let .scatter(groups):
            let (xlo, xhi) = try Self.range(groups.flatMap { $0.x }, o.xlim, extend: true)
            let yt = try groups.map { g throws(RenderError) in try Self.transformY(g.y, o.logy) }
            let (ylo, yhi) = try Self.yRange(yt.flatMap { $0 }, o)
            var p = Panel(title: o.title, xlabel: o.xlabel, ylabel: o.ylabel, xlo: xlo, xhi: xhi, ylo: ylo, yhi: yhi,
                          xAxis: Self.linearKind(groups.flatMap { $0.x }),
                          yAxis: o.logy ? .log10 : Self.linearKind(groups.flatMap { $0.y }))
            for (i, g) in groups.enumerated() {
                p.marks.append(.points(zip(g.x, yt[i]).map { Point(x: $0, y: $1) }, Palette.color(i)))
            }
            p.legend = Self.legend(o.labels, count: groups.count, style: .point, prefix: "group ")
            return p
        case let .hist(edges, counts):
            let lo = edges.first ?? 0, hi = edges.last ?? 1
            let xr = o.xlim.map { ($0.lo, $0.hi) } ?? (lo, hi)
            let top = Swift.max(1, counts.max() ?? 1) * (1 + Self.margin)
            let yr = o.ylim.map { ($0.lo, $0.hi) } ?? (0, top)
            var p = Panel(title: o.title, xlabel: o.xlabel, ylabel: o.ylabel, xlo: xr.0, xhi: xr.1, ylo: yr.0, yhi: yr.1,
                          xAxis: .linear, yAxis: .integer)
            for (i, c) in counts.enumerated() where c > 0 {
                p.marks.append(.rect(x0: edges[i], y0: 0, x1: edges[i + 1], y1: c, Palette.color(0)))
            }
            return p
        case let .bar(values):
            let finite = values.filter { $0.isFinite }
            let lo = Swift.min(0, finite.min() ?? 0), hi = Swift.max(0, finite.max() ?? 1)
            let pad = (hi - lo == 0 ? 1 : hi - lo) * Self.margin
            let (ylo, yhi) = (lo < 0 ? lo - pad : 0, hi > 0 || lo == hi ? hi + pad : 0)
            let yr = o.ylim.map { ($0.lo, $0.hi) } ?? (ylo, yhi)
            let names = o.labels ?? values.indices.map(String.init)
            let ticks = names.enumerated().map { Tick(value: Double($0.offset), label: $0.element) }
            let xr = o.xlim.map { ($0.lo, $0.hi) } ?? (-0.5, Double(values.count) - 0.5)
            var p = Panel(title: o.title, xlabel: o.xlabel, ylabel: o.ylabel, xlo: xr.0, xhi: xr.1, ylo: yr.0, yhi: yr.1,
                          xAxis: .categories(ticks), yAxis: Self.linearKind(finite))
            for (i, v) in values.enumerated() where v.isFinite {
                p.marks.append(.rect(x0: Double(i) - 0.4, y0: Swift.min(0, v), x1: Double(i) + 0.4, y1: Swift.max(0, v), Palette.color(0)))
            }
            return p
        case let .heatmap(m):
            let (lo, hi) = Self.colorRange(m.lo, m.hi)
            let raster = Raster(rows: m.rows, cols: m.cols, channels: 1, values: m.values, lo: lo, hi: hi, colorMap: .viridis)
            var p = try matrixPanel(raster, axes: .integer)
            p.colorBar = ColorBar(lo: lo, hi: hi, label: o.labels?.first ?? "value", colorMap: .viridis)
            return p
        case let .image(m):
            let raster = Raster(rows: m.rows, cols: m.cols, channels: m.channels == 3 ? 3 : 1, values: m.values,
                                lo: 0, hi: 1, colorMap: .grey)
            var p = try matrixPanel(raster, axes: .hidden)
            p.keepsAspect = true
            return p
        case .grid:
            throw .data("grid: a panel cannot itself be a grid")
        }
    }

    /// A panel showing a raster with row 0 at the top and one unit per cell (cell j spans
    /// j − ½ … j + ½). `xlim`/`ylim` select column/row indices, widened to whole cells.
    func matrixPanel(_ r: Raster, axes: AxisKind) throws(RenderError) -> Panel {
        let o = options
        let (c0, c1) = try Self.cells(o.xlim, r.cols, "xlim", "columns")
        let (r0, r1) = try Self.cells(o.ylim, r.rows, "ylim", "rows")
        let shown = (c0, c1, r0, r1) == (0, r.cols, 0, r.rows) ? r : r.cropped(rows: r0..<r1, cols: c0..<c1)
        let x0 = Double(c0) - 0.5, x1 = Double(c1) - 0.5, y0 = Double(r0) - 0.5, y1 = Double(r1) - 0.5
        var p = Panel(title: o.title, xlabel: o.xlabel, ylabel: o.ylabel, xlo: x0, xhi: x1, ylo: y0, yhi: y1,
                      xAxis: axes, yAxis: axes)
        p.yInverted = true
        p.gridLines = false
        p.marks = [.raster(shown, x0: x0, y0: y0, x1: x1, y1: y1)]
        return p
    }

    /// The index range `lo..<hi` of the cells that `limits` overlaps (all cells when nil).
    static func cells(_ limits: AxisLimits?, _ n: Int, _ name: String, _ noun: String) throws(RenderError) -> (Int, Int) {
        guard let l = limits else { return (0, n) }
        guard l.hi > -0.5, l.lo < Double(n) - 0.5 else {
            throw .option("\(name): [\(Ticks.plain(l.lo)), \(Ticks.plain(l.hi))] is outside the \(noun) 0…\(n - 1)")
        }
        let lo = clampIndex((l.lo + 0.5).rounded(.down), n)
        let hi = clampIndex((l.hi + 0.5).rounded(.up) - 1, n) + 1
        return (lo, max(lo + 1, hi))
    }

    // MARK: - Ranges

    /// The range a heatmap's colour map spans: the data range, or for constant data `v` the
    /// range `[min(0, v), max(0, v)]` (`[0, 1]` when v = 0), so an all-ones mask takes the top
    /// colour and an all-zeros mask the bottom one, as they would inside a 0/1 mask.
    static func colorRange(_ lo: Double, _ hi: Double) -> (Double, Double) {
        guard lo == hi else { return (lo, hi) }
        return lo == 0 ? (0, 1) : (Swift.min(0, lo), Swift.max(0, lo))
    }

    /// The share of the data range added on each side of an axis, so that extreme values
    /// (a series at the top of its range, a point at the edge) are drawn inside the frame.
    static let margin = 0.05

    /// The data range of `v` (finite values), or `limits`; widened when empty; with a
    /// ``margin`` on each side when `extend` (a line's x range spans its data exactly, the
    /// first and last points being drawn as line ends, not on the frame's edge).
    static func range(_ v: [Double], _ limits: AxisLimits?, extend: Bool) throws(RenderError) -> (Double, Double) {
        if let limits { return (limits.lo, limits.hi) }
        var lo = Double.infinity, hi = -Double.infinity
        for x in v where x.isFinite { lo = Swift.min(lo, x); hi = Swift.max(hi, x) }
        guard lo <= hi else { throw .data("no finite values to draw") }
        if lo == hi { lo -= 1; hi += 1 }
        return extend ? padded(lo, hi) : (lo, hi)
    }

    /// `lo…hi` widened by ``margin`` of its length on each side.
    static func padded(_ lo: Double, _ hi: Double) -> (Double, Double) {
        let pad = (hi - lo) * margin
        return (lo - pad, hi + pad)
    }

    /// The y range (already in log10 space when `logy`): the data range with a ``margin``.
    static func yRange(_ yt: [Double], _ o: PlotOptions) throws(RenderError) -> (Double, Double) {
        if let l = o.ylim {
            if o.logy {
                guard l.lo > 0 else { throw .option("ylim: with logy both limits must be positive") }
                return (log10(l.lo), log10(l.hi))
            }
            return (l.lo, l.hi)
        }
        let (lo, hi) = try range(yt, nil, extend: false)
        return padded(lo, hi)
    }

    /// `.integer` ticks when every finite value is a whole number (indices, counts), else `.linear`.
    static func linearKind(_ v: [Double]) -> AxisKind {
        var any = false
        for x in v where x.isFinite {
            guard x == x.rounded(), abs(x) < 1e15 else { return .linear }
            any = true
        }
        return any ? .integer : .linear
    }

    /// A grid's panels of one kind (plot, scatter, hist; bar and heatmap y) get common axis
    /// ranges, so panels compare at a glance; an axis a panel's own `xlim`/`ylim` fixes is
    /// left alone, and only axes of the same scale (linear or log) are joined.
    static func shareRanges(_ panels: inout [Panel], _ figures: [Figure]) {
        var groups: [String: [Int]] = [:]
        for (i, f) in figures.enumerated() where ["plot", "scatter", "hist", "bar"].contains(f.kindName) {
            groups[f.kindName + (f.options.logy ? "/log" : ""), default: []].append(i)
        }
        for (kind, members) in groups where members.count > 1 {
            let xs = kind.hasPrefix("bar") ? [] : members.filter { figures[$0].options.xlim == nil }
            let ys = members.filter { figures[$0].options.ylim == nil }
            if xs.count > 1 {
                let lo = xs.map { panels[$0].xlo }.min() ?? 0, hi = xs.map { panels[$0].xhi }.max() ?? 1
                for i in xs { panels[i].xlo = lo; panels[i].xhi = hi }
            }
            if ys.count > 1 {
                let lo = ys.map { panels[$0].ylo }.min() ?? 0, hi = ys.map { panels[$0].yhi }.max() ?? 1
                for i in ys { panels[i].ylo = lo; panels[i].yhi = hi }
            }
        }
    }

    /// `y` or its log10 (logy data was checked positive when the figure was built).
    static func transformY(_ y: [Double], _ logy: Bool) throws(RenderError) -> [Double] {
        guard logy else { return y }
        return y.map { $0 > 0 ? log10($0) : .nan }
    }

    /// Legend entries: given labels, or numbered names when there are several series.
    static func legend(_ labels: [String]?, count: Int, style: LegendStyle, prefix: String) -> [LegendEntry] {
        if let labels { return labels.enumerated().map { LegendEntry(label: $0.element, color: Palette.color($0.offset), style: style) } }
        guard count > 1 else { return [] }
        return (0..<count).map { LegendEntry(label: "\(prefix)\($0 + 1)", color: Palette.color($0), style: style) }
    }
}
