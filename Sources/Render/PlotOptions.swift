/// A closed interval `lo…hi` for an axis (`xlim:`, `ylim:`).
public struct AxisLimits: Equatable, Sendable {
    /// Lower and upper end, finite, `lo < hi`.
    public var lo: Double, hi: Double

    /// Checks and creates limits; `name` names the option in the error message.
    public init(_ lo: Double, _ hi: Double, name: String = "limits") throws(RenderError) {
        guard lo.isFinite, hi.isFinite, lo < hi else {
            throw .option("\(name): expected two finite numbers [lo, hi] with lo < hi, got [\(Ticks.plain(lo)), \(Ticks.plain(hi))]")
        }
        self.lo = lo
        self.hi = hi
    }
}

/// A value given for a named option, as the Language layer hands it over.
public enum OptionValue: Sendable, Equatable {
    /// A number (`width: 800`).
    case number(Double)
    /// A string (`title: "loss"`).
    case string(String)
    /// A boolean (`logy: true`).
    case bool(Bool)
    /// A list or tensor of numbers (`xlim: [0, 10]`).
    case numbers([Double])
    /// A list of strings (`labels: ["train", "val"]`).
    case strings([String])
}

/// The options every plot accepts.
///
/// `width`/`height` are the saved figure's size in pixels (default 640×480; vector files use
/// the same numbers in points). The terminal ignores them: it uses the width the caller
/// passes to ``Figure/renderTerminal(width:height:color:charset:)``.
/// ```swift
/// var o = PlotOptions()
/// try o.set("title", .string("loss"))
/// try o.set("logy", .bool(true))
/// try o.set("colour", .string("red")) // error: unknown option 'colour'; valid options: title, xlabel, …
/// ```
public struct PlotOptions: Equatable, Sendable {
    /// Text above the plot.
    public var title: String?
    /// Label under the x axis.
    public var xlabel: String?
    /// Label beside the y axis.
    public var ylabel: String?
    /// Saved figure width in pixels.
    public var width: Int?
    /// Saved figure height in pixels.
    public var height: Int?
    /// Fixed x range (otherwise fitted to the data).
    public var xlim: AxisLimits?
    /// Fixed y range (otherwise fitted to the data).
    public var ylim: AxisLimits?
    /// Logarithmic y axis (every non-NaN y must be positive).
    public var logy: Bool = false
    /// Series / group / bar names; for a heatmap, the first is the colour-bar label.
    public var labels: [String]?

    /// Options with every value at its default.
    public init() {}

    /// Options from `(name, value)` pairs, as a call's named arguments give them; the first
    /// unknown name or bad value throws.
    public init(_ pairs: [(String, OptionValue)]) throws(RenderError) {
        for (name, value) in pairs { try set(name, value) }
    }

    /// The valid option names, in the order they are documented.
    public static let names = ["title", "xlabel", "ylabel", "width", "height", "xlim", "ylim", "logy", "labels"]

    /// Sets option `name` from `value`, checking both.
    public mutating func set(_ name: String, _ value: OptionValue) throws(RenderError) {
        switch name {
        case "title": title = try Self.text(name, value)
        case "xlabel": xlabel = try Self.text(name, value)
        case "ylabel": ylabel = try Self.text(name, value)
        case "width": width = try Self.pixels(name, value)
        case "height": height = try Self.pixels(name, value)
        case "xlim": xlim = try Self.limits(name, value)
        case "ylim": ylim = try Self.limits(name, value)
        case "logy":
            guard case .bool(let b) = value else { throw .option("logy: expected true or false") }
            logy = b
        case "labels":
            switch value {
            case .strings(let s): labels = s
            case .string(let s): labels = [s]
            default: throw .option("labels: expected a list of strings")
            }
        default:
            throw .option("unknown option '\(name)'; valid options: \(Self.names.joined(separator: ", "))")
        }
    }

    static func text(_ name: String, _ value: OptionValue) throws(RenderError) -> String {
        guard case .string(let s) = value else { throw .option("\(name): expected a string") }
        return s
    }

    static func pixels(_ name: String, _ value: OptionValue) throws(RenderError) -> Int {
        guard case .number(let v) = value, v.isFinite, v.rounded() == v, v >= 16, v <= 16384 else {
            throw .option("\(name): expected a whole number of pixels between 16 and 16384")
        }
        return Int(v)
    }

    static func limits(_ name: String, _ value: OptionValue) throws(RenderError) -> AxisLimits {
        guard case .numbers(let v) = value, v.count == 2 else {
            throw .option("\(name): expected a list of two numbers [lo, hi]")
        }
        return try AxisLimits(v[0], v[1], name: name)
    }
}
