/// A point in a panel's data coordinates (after the log10 transform when `logy`).
struct Point: Equatable {
    var x: Double, y: Double
}

/// Where a text's reference point sits relative to the text.
enum Anchor: Equatable {
    case center, left, right, top, bottom
}

/// A grid of values drawn as coloured cells: a heatmap (scalar + colour map) or an image.
struct Raster {
    enum ColorMap { case viridis, grey }
    /// Number of rows (drawn top to bottom) and columns.
    var rows: Int, cols: Int
    /// 1 (scalar) or 3 (RGB in [0, 1]); `values` is row-major with `channels` per cell.
    var channels: Int
    var values: [Double]
    /// Scalar range mapped onto the colour map (ignored for RGB).
    var lo: Double, hi: Double
    var colorMap: ColorMap

    /// The sub-grid `rows × cols` (copied).
    func cropped(rows rs: Range<Int>, cols cs: Range<Int>) -> Raster {
        var v: [Double] = []
        v.reserveCapacity(rs.count * cs.count * channels)
        for i in rs {
            let base = (i * cols + cs.lowerBound) * channels
            v.append(contentsOf: values[base..<base + cs.count * channels])
        }
        return Raster(rows: rs.count, cols: cs.count, channels: channels, values: v, lo: lo, hi: hi, colorMap: colorMap)
    }

    /// Colour of a scalar `v` (NaN → nil, i.e. background).
    func color(scalar v: Double) -> RGB? {
        guard v.isFinite else { return nil }
        let t = hi > lo ? (v - lo) / (hi - lo) : 0.5
        switch colorMap {
        case .viridis: return Viridis.color(t)
        case .grey: return RGB(unit: t, t, t)
        }
    }
}

/// One drawing instruction, in the panel's data coordinates.
enum Mark {
    /// A connected line; non-finite points break it into pieces.
    case polyline([Point], RGB)
    /// Separate markers.
    case points([Point], RGB)
    /// A filled axis-aligned rectangle (bars, histogram bins).
    case rect(x0: Double, y0: Double, x1: Double, y1: Double, RGB)
    /// A raster covering `x0…x1` × `y0…y1` (row 0 at `y0` when the y axis is inverted).
    case raster(Raster, x0: Double, y0: Double, x1: Double, y1: Double)
    /// Text anchored at a data point.
    case text(String, Point, Anchor)
}

/// How a legend entry is drawn.
enum LegendStyle { case line, point, box }

/// One legend row: a coloured sample and a name.
struct LegendEntry: Equatable {
    var label: String
    var color: RGB
    var style: LegendStyle
}

/// A colour bar: the scale of a heatmap, from `lo` (bottom) to `hi` (top).
struct ColorBar {
    var lo: Double, hi: Double
    var label: String
    var colorMap: Raster.ColorMap
}

/// What an axis shows.
enum AxisKind: Equatable {
    /// Nice ticks over the range.
    case linear
    /// Nice integer ticks (heatmap row/column indices).
    case integer
    /// Range and ticks are log10 of the data.
    case log10
    /// Fixed ticks (bar categories).
    case categories([Tick])
    /// No ticks (images).
    case hidden
}

/// The back-end-free display list of one plot panel: axes, marks, legend, colour bar.
/// Both the terminal and cairo draw exactly this.
struct Panel {
    var title: String?
    var xlabel: String?
    var ylabel: String?
    /// Visible ranges, in data coordinates.
    var xlo: Double, xhi: Double, ylo: Double, yhi: Double
    var xAxis: AxisKind
    var yAxis: AxisKind
    /// Whether `ylo` is drawn at the top (matrices: row 0 at the top).
    var yInverted: Bool = false
    var marks: [Mark] = []
    var legend: [LegendEntry] = []
    var colorBar: ColorBar?
    /// Draw light grid lines at the ticks (files only).
    var gridLines: Bool = true
    /// Whether a raster keeps its aspect (images: square pixels). Heatmaps stretch each axis
    /// independently to fill the plot area, like matplotlib's `aspect="auto"`.
    var keepsAspect: Bool = false

    /// Tick marks for an axis with about `target` intervals.
    static func ticks(_ kind: AxisKind, _ lo: Double, _ hi: Double, target: Int) -> [Tick] {
        switch kind {
        case .linear: return Ticks.linear(lo, hi, target: target)
        case .integer:
            let a = min(lo, hi), b = max(lo, hi)
            return Ticks.linear(a.rounded(.up), b.rounded(.down), target: target, integer: true)
        case .log10: return Ticks.log10Axis(lo, hi, target: target)
        case .categories(let t): return t
        case .hidden: return []
        }
    }
}

/// A whole figure laid out: a grid of panels (one panel for a single plot).
struct Layout {
    var panels: [Panel]
    var cols: Int
    var title: String?
    var rows: Int { (panels.count + cols - 1) / max(1, cols) }
}
