import Render

/// A plot as a dtr value (`plot`, `scatter`, `heatmap`, `hist`, `bar`, `image`, `grid`): it
/// holds a Render ``Figure``, draws itself in the terminal when displayed (braille dots for
/// lines and points, shaded blocks for heatmaps and images; ANSI colour only when asked) and
/// as a PNG for notebook outputs and `save`.
///
/// ```swift
/// let p = PlotValue(try Figure.line(ys: [try Tensor([1, 4, 9])]))
/// print(p.display(width: 80, color: false))
/// let png = try p.pngBytes()
/// ```
public final class PlotValue: DisplayableObject, ImageRenderable {
    /// The figure drawn.
    public let figure: Figure

    /// Wraps a figure.
    public init(_ figure: Figure) { self.figure = figure }

    /// Every plot kind is a `"plot"` for `type(x)` and error messages.
    public var typeName: String { "plot" }

    /// The figure as terminal text `width` columns wide (clamped to 20…2000); colour
    /// (24-bit) only when `color`. A figure that cannot be drawn shows its summary and why.
    public func display(width: Int, color: Bool) -> String {
        let w = min(max(width, 20), 2000)
        do throws(RenderError) {
            return try figure.renderTerminal(width: w, color: color ? .truecolor : .none, charset: .braille)
        } catch {
            return figure.summary + " (cannot draw: \(error.message))"
        }
    }

    /// The figure drawn by cairo as PNG bytes.
    public func pngBytes() throws -> [UInt8] {
        try figure.renderFile(format: .png)
    }

    /// The figure as the bytes of a PNG, SVG or PDF file.
    func fileBytes(_ format: FileFormat) throws(RenderError) -> [UInt8] {
        try figure.renderFile(format: format)
    }
}
