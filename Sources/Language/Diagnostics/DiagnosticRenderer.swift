/// Renders a ``Diagnostic`` as text (filled in below in step 3).
public struct DiagnosticRenderer: Sendable {
    /// Whether to use ANSI colour.
    public var color: Bool

    /// Creates a renderer; colour is off unless asked for.
    public init(color: Bool = false) {
        self.color = color
    }

    /// The diagnostic as text.
    public func render(_ diagnostic: Diagnostic) -> String {
        var out = "\(diagnostic.kind.rawValue): \(diagnostic.message)"
        if let span = diagnostic.span { out += "\n --> \(span.locationDescription)" }
        return out
    }
}
