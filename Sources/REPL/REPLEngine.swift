/// What the REPL needs from a language implementation.
///
/// The REPL front end (line editing, history, completion, meta-commands, Ctrl-C) is written
/// against this protocol only, so the language's `Session` plugs in through a small adapter
/// and the REPL's own tests run against a fake. Every method must report user mistakes in
/// its result, never by trapping.
public protocol REPLEngine: AnyObject {
    /// Whether `source` is a complete entry, or the user is still typing (an open bracket,
    /// block or string). The default uses ``InputCompleteness`` (bracket balance).
    func isComplete(_ source: String) -> Bool

    /// Runs `source` (one or more statements) in the session and renders the value of its
    /// last expression, if any. `print` output goes straight to standard output. A pending
    /// `Interrupt.request()` must stop the work at its next safe point and yield
    /// ``EvalOutcome/Status/interrupted`` with every binding left intact.
    func evaluate(_ source: String, origin: SourceOrigin, options: DisplayOptions) -> EvalOutcome

    /// The type (and shape) of `expression`'s value, for `:type`, as the outcome's display.
    func typeDescription(of expression: String, options: DisplayOptions) -> EvalOutcome

    /// The current top-level bindings, sorted by name, for `:vars`.
    var bindings: [BindingSummary] { get }

    /// Forgets every binding (`:reset`): the session starts afresh, random seed 0 included.
    func reset()

    /// Help text for a builtin, stdlib function or binding; `nil` if the name is unknown.
    /// With `name == nil`, an overview of what there is.
    func help(for name: String?) -> String?

    /// Every name in scope for completion: bindings, builtins and stdlib functions.
    var completionNames: [String] { get }

    /// Field names of the record reached by `path` (`["cfg", "inner"]` for `cfg.inner.`),
    /// without evaluating anything; empty if it is not a record.
    func fieldNames(of path: [String]) -> [String]

    /// The parameter names of the function named `function` (a builtin or a binding), for
    /// completing named arguments inside a call; empty if unknown.
    func parameterNames(of function: String) -> [String]

    /// The values a string argument can take, e.g. schedule names for `schedule("…`.
    /// `index` is the positional index (nil for a named argument), `name` its name.
    /// The default consults ``StringArgumentChoices``.
    func stringArgumentChoices(function: String, index: Int?, name: String?) -> [String]

    /// Total bytes of tensor storage allocated since the process started, if the engine
    /// counts them cheaply (`:time` reports the difference); `nil` otherwise.
    var allocatedBytes: Int? { get }
}

extension REPLEngine {
    /// Bracket balance, strings and comments, as in ``InputCompleteness``.
    public func isComplete(_ source: String) -> Bool { InputCompleteness.isComplete(source) }

    /// The names from the specification's string-valued arguments.
    public func stringArgumentChoices(function: String, index: Int?, name: String?) -> [String] {
        StringArgumentChoices.choices(function: function, index: index, name: name)
    }

    /// Not counted.
    public var allocatedBytes: Int? { nil }
}

/// Where an evaluated piece of source came from, so diagnostics can point home.
public enum SourceOrigin: Sendable, Equatable {
    /// The `n`th entry typed at the prompt (1-based).
    case repl(entry: Int)
    /// A `.dtr` script loaded with `:load`.
    case file(path: String)
    /// A code cell of a `.dtrnb` loaded with `:load`: its number, label and the line of the
    /// notebook file on which its code starts.
    case cell(path: String, number: Int, label: String?, firstLine: Int)

    /// A display name in the style of `SourceFile.name`: `<repl>`, or the file's path.
    public var name: String {
        switch self {
        case .repl: return "<repl>"
        case .file(let path), .cell(let path, _, _, _): return path
        }
    }
}

/// How results should be rendered.
public struct DisplayOptions: Sendable, Equatable {
    /// Terminal width in columns.
    public var width: Int
    /// Terminal height in rows, if known.
    public var height: Int?
    /// Whether ANSI colour and escape sequences may be used (plots, diagnostics).
    public var color: Bool

    /// Creates display options.
    public init(width: Int = 80, height: Int? = nil, color: Bool = false) {
        self.width = width
        self.height = height
        self.color = color
    }
}

/// The result of evaluating one entry.
public struct EvalOutcome: Sendable, Equatable {
    /// How the evaluation ended.
    public enum Status: Sendable, Equatable {
        /// Ran to the end.
        case success
        /// A diagnostic (syntax or runtime error).
        case failure
        /// Stopped by Ctrl-C; bindings are intact.
        case interrupted
    }

    /// How the evaluation ended.
    public var status: Status
    /// The rendered value of the last expression (nil when there is none, or it is `none`).
    public var display: String?
    /// The rendered diagnostic, for `.failure`.
    public var diagnostic: String?

    /// Creates an outcome.
    public init(status: Status, display: String? = nil, diagnostic: String? = nil) {
        self.status = status
        self.display = display
        self.diagnostic = diagnostic
    }

    /// A successful outcome displaying `display`.
    public static func value(_ display: String?) -> EvalOutcome { EvalOutcome(status: .success, display: display) }
    /// A failed outcome with the rendered diagnostic `message`.
    public static func error(_ message: String) -> EvalOutcome { EvalOutcome(status: .failure, diagnostic: message) }
    /// An interrupted outcome.
    public static let interrupted = EvalOutcome(status: .interrupted)
}

/// One top-level binding as `:vars` lists it.
public struct BindingSummary: Sendable, Equatable {
    /// The binding's name.
    public var name: String
    /// Its type, e.g. `tensor f64`, `record`, `fn`, `string`.
    public var type: String
    /// Its shape for tensors (`[3, 4]`), a short summary otherwise (may be empty).
    public var detail: String

    /// Creates a binding summary.
    public init(name: String, type: String, detail: String = "") {
        self.name = name
        self.type = type
        self.detail = detail
    }
}
