/// A user-facing message about the program: a syntax error, a runtime error, a warning.
///
/// One type for every phase (lexer, parser, evaluator), rendered one way everywhere by
/// ``DiagnosticRenderer``. It is an `Error`, so phases can `throw` it.
public struct Diagnostic: Error, Sendable, Equatable, CustomStringConvertible {
    /// How serious the diagnostic is.
    public enum Kind: String, Sendable, Equatable {
        case error, warning, note
    }

    /// A secondary message, optionally pointing at its own span.
    public struct Note: Sendable, Equatable {
        /// The note's text, e.g. `"the function was defined here"`.
        public var message: String
        /// Where the note points, if anywhere.
        public var span: SourceSpan?

        /// Creates a note.
        public init(_ message: String, span: SourceSpan? = nil) {
            self.message = message
            self.span = span
        }
    }

    /// One active call at the time of a runtime error (`in fn snr at script.dtr, line 3, col 5`).
    public struct StackEntry: Sendable, Equatable {
        /// The function's name: `"snr"` renders as `in fn snr at …`; a name in angle brackets
        /// such as `"<lambda>"` or `"<script>"` renders as is (`in <lambda> at …`).
        public var function: String
        /// Where the call happened.
        public var span: SourceSpan

        /// Creates a stack entry.
        public init(function: String, span: SourceSpan) {
            self.function = function
            self.span = span
        }
    }

    /// Error, warning or note.
    public var kind: Kind
    /// The one-line message, without the `error:` prefix.
    public var message: String
    /// The primary location, shown with the source line and a caret.
    public var span: SourceSpan?
    /// Extra notes, rendered as `= note: …`.
    public var notes: [Note]
    /// A hint rendered as its own line, e.g. `did you mean "len"?` (see ``Diagnostic/didYouMean(_:)``).
    public var suggestion: String?
    /// For runtime errors: the active calls, outermost first (rendered most recent call last).
    public var callStack: [StackEntry]

    /// Creates a diagnostic.
    public init(
        _ kind: Kind = .error, _ message: String, span: SourceSpan?,
        notes: [Note] = [], suggestion: String? = nil, callStack: [StackEntry] = []
    ) {
        self.kind = kind
        self.message = message
        self.span = span
        self.notes = notes
        self.suggestion = suggestion
        self.callStack = callStack
    }

    /// An error diagnostic.
    public static func error(_ message: String, at span: SourceSpan?, suggestion: String? = nil) -> Diagnostic {
        Diagnostic(.error, message, span: span, suggestion: suggestion)
    }

    /// The standard suggestion text for a misspelt name: `did you mean "len"?`.
    public static func didYouMean(_ name: String) -> String {
        "did you mean \"\(name)\"?"
    }

    /// `unknown name "lenght"`, with `did you mean "len"?` when a candidate is close enough
    /// (see ``Suggestions/closest(to:among:)``).
    public static func unknownName(_ name: String, at span: SourceSpan?, candidates: [String]) -> Diagnostic {
        .error("unknown name \"\(name)\"", at: span,
               suggestion: Suggestions.closest(to: name, among: candidates).map(didYouMean))
    }

    /// The plain (uncoloured) rendering, as ``DiagnosticRenderer`` prints it.
    public var description: String { DiagnosticRenderer().render(self) }
}
