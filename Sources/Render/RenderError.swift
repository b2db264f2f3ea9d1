/// A mistake in a plot request (bad data, bad option) or a failure of the file back end.
///
/// Thrown, never trapped: the Language layer shows `description` as the diagnostic text.
/// ```swift
/// do { _ = try Figure.heatmap(Tensor(uninitialized: [2, 2, 2])) }
/// catch let e as RenderError { print(e) } // heatmap: expected a 2-D tensor (rows × columns), got shape [2, 2, 2]
/// ```
public struct RenderError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What kind of failure this is.
    public enum Kind: Sendable, Equatable {
        /// The data cannot be plotted (wrong rank, empty, all NaN, mismatched lengths …).
        case invalidData
        /// An option name or value is not valid.
        case invalidOption
        /// cairo could not be loaded or failed while drawing.
        case backend
    }

    /// The failure kind.
    public let kind: Kind
    /// A complete, human-readable message.
    public let message: String

    /// Creates an error of `kind` with `message`.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    static func data(_ message: String) -> RenderError { RenderError(.invalidData, message) }
    static func option(_ message: String) -> RenderError { RenderError(.invalidOption, message) }
    static func backend(_ message: String) -> RenderError { RenderError(.backend, message) }
}
