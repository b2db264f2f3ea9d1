import Foundation
import Language
import Tensor

/// The adapter between the REPL and the language: a ``REPLEngine`` backed by a `Session`
/// (globals, builtins, stdlib, file access rooted at the current directory).
public final class LanguageEngine: REPLEngine {
    /// The session entries run in (replaced by ``reset()``). The Jupyter kernel runs cells
    /// in it directly, to get values (plots) rather than rendered text.
    public private(set) var session: Session
    private let options: SessionOptions
    /// Where `print` writes (kept across ``reset()``).
    private let output: OutputSink
    /// Names the stdlib defined, hidden from `:vars` unless the user rebinds them.
    private var stdlibNames: Set<String> = []
    /// A stdlib that failed to load, reported with the first entry.
    private var stdlibFailure: Diagnostic?

    /// Creates a session whose file access is confined to `root` unless `allowFileSystem`.
    public init(root: String = ".", allowFileSystem: Bool = false) {
        options = SessionOptions(root: root, allowFileSystem: allowFileSystem)
        output = StandardOutput()
        session = Session(options: options, output: output)
        loadStandardLibrary()
    }

    /// An engine whose session uses `options` and prints to `output` (the Jupyter kernel's
    /// IOPub stream).
    public init(options: SessionOptions, output: OutputSink) {
        self.options = options
        self.output = output
        session = Session(options: options, output: output)
        loadStandardLibrary()
    }

    /// The standard library's failure to load, if it failed (reported once, then forgotten).
    public func takeStandardLibraryFailure() -> Diagnostic? {
        defer { stdlibFailure = nil }
        return stdlibFailure
    }

    private func loadStandardLibrary() {
        let before = Set(session.userNames)
        stdlibFailure = session.loadStandardLibrary()
        stdlibNames = Set(session.userNames).subtracting(before)
    }

    /// Runs `source` in the session; diagnostics name `<repl>` (or the loaded file and cell).
    public func evaluate(_ source: String, origin: SourceOrigin, options: DisplayOptions) -> EvalOutcome {
        let renderer = DiagnosticRenderer(color: options.color)
        if let failure = stdlibFailure {
            stdlibFailure = nil
            FileHandle.standardError.write(Data((renderer.render(failure) + "\n").utf8))
        }
        let file: SourceFile
        switch origin {
        case .repl: file = SourceFile(name: "<repl>", text: source)
        case .file(let path): file = SourceFile(name: path, text: source)
        case .cell(let path, let number, let label, let firstLine):
            file = SourceFile(name: path, text: source, cell: number, label: label, firstLine: firstLine)
        }
        switch session.run(file) {
        case .value(let value):
            let text = value.display(width: options.width, color: options.color)
            return .value(text.isEmpty ? nil : text)
        case .syntaxErrors(let diagnostics):
            return .error(diagnostics.map(renderer.render).joined(separator: "\n"))
        case .runtimeError(let diagnostic):
            return .error(renderer.render(diagnostic))
        case .interrupted:
            return .interrupted
        }
    }

    /// Evaluates `expression` and describes its value (`tensor f64[3, 4]`, `record {…}`).
    public func typeDescription(of expression: String, options: DisplayOptions) -> EvalOutcome {
        let renderer = DiagnosticRenderer(color: options.color)
        switch session.run(SourceFile(name: "<repl>", text: expression)) {
        case .value(let value): return .value(Self.describe(value))
        case .syntaxErrors(let diagnostics): return .error(diagnostics.map(renderer.render).joined(separator: "\n"))
        case .runtimeError(let diagnostic): return .error(renderer.render(diagnostic))
        case .interrupted: return .interrupted
        }
    }

    /// `tensor f64[3, 4]`, `record {alpha, beta}`, `function clamp(x, lo, hi)`, `number`, …
    static func describe(_ value: Value) -> String {
        switch value {
        case .tensor(let box): return "tensor " + TensorFormat.header(box.tensor)
        case .record(let record): return "record {" + record.names.joined(separator: ", ") + "}"
        case .function(let closure): return "function \(closure.name)(\(closure.parameterNames.joined(separator: ", ")))"
        case .builtin(let builtin): return "builtin " + builtin.signature
        case .list(let items): return "list of \(items.count)"
        case .string(let s): return "string of \(s.count) characters"
        default: return value.typeName
        }
    }

    /// The user's globals (not builtins, nor stdlib functions unless rebound), by name.
    public var bindings: [BindingSummary] {
        session.userNames.sorted().compactMap { name in
            guard let value = session.value(of: name) else { return nil }
            if stdlibNames.contains(name), case .function = value { return nil }
            if stdlibNames.contains(name), case .number = value { return nil }  // pi, e, inf, nan
            switch value {
            case .tensor(let box):
                let t = box.tensor
                return BindingSummary(name: name, type: "tensor \(t.dtype.rawValue)",
                                      detail: "[" + t.shape.map(String.init).joined(separator: ", ") + "]")
            case .record(let record):
                return BindingSummary(name: name, type: "record", detail: "{" + record.names.joined(separator: ", ") + "}")
            case .function(let closure):
                return BindingSummary(name: name, type: "function", detail: "(" + closure.parameterNames.joined(separator: ", ") + ")")
            case .number(let x):
                return BindingSummary(name: name, type: "number", detail: Value.number(x).display())
            case .list(let items):
                return BindingSummary(name: name, type: "list", detail: "\(items.count) items")
            default:
                let text = value.display()
                return BindingSummary(name: name, type: value.typeName, detail: text.count <= 40 ? text : "")
            }
        }
    }

    /// A fresh session: builtins, stdlib and random seed 0, no user bindings.
    public func reset() {
        session = Session(options: options, output: output)
        loadStandardLibrary()
    }

    /// What `name` is bound to now: a builtin's help page, a dtr function's signature and doc
    /// comment (the stdlib's or the user's — a redefinition shadows the original), or a
    /// binding's type.
    public func help(for name: String?) -> String? {
        guard let name else {
            var mine: [HelpIndex.Entry] = []
            for n in session.userNames.sorted() where !stdlibNames.contains(n) {
                guard case .function(let f)? = session.value(of: n) else { continue }
                let page = FunctionDocs.help(for: f).split(separator: "\n", omittingEmptySubsequences: false)
                // The page is "fn …", a blank line, the comment, …: the comment's first sentence.
                let comment = page.count > 2 && page[1].isEmpty
                    ? page[2...].prefix { !$0.isEmpty && !$0.hasPrefix("(") }.joined(separator: " ") : ""
                mine.append(HelpIndex.Entry(name: n, summary: HelpIndex.summary(of: comment)))
            }
            return "Builtins and functions (:help NAME for one):\n\n" + HelpIndex.text(userFunctions: mine)
        }
        switch session.value(of: name) {
        case .builtin(let b)?: return b.helpText
        case .function(let f)?: return FunctionDocs.help(for: f)
        case nil: return Registry.lookup(name)?.helpText
        default: break
        }
        if let value = session.value(of: name) {
            let origin = stdlibNames.contains(name) ? " (from the standard library)" : ""
            return "\(name): \(Self.describe(value))\(origin)"
        }
        return nil
    }

    /// Builtins, stdlib functions and user bindings.
    public var completionNames: [String] { session.globalNames }

    /// Field names of the record bound at `path`, looked up without evaluating anything.
    public func fieldNames(of path: [String]) -> [String] {
        guard let first = path.first, var value = session.value(of: first) else { return [] }
        for name in path.dropFirst() {
            guard case .record(let record) = value, let next = record[name] else { return [] }
            value = next
        }
        guard case .record(let record) = value else { return [] }
        return record.names
    }

    /// Parameter names of a builtin or user function (variadic ones left out).
    public func parameterNames(of function: String) -> [String] {
        switch session.value(of: function) {
        case .builtin(let builtin)?: return builtin.parameters.filter { !$0.variadic }.map(\.name)
        case .function(let closure)?: return closure.parameterNames
        default: return Registry.lookup(function)?.parameters.filter { !$0.variadic }.map(\.name) ?? []
        }
    }
}
