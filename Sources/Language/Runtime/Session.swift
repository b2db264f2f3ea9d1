import Tensor

/// Settings of a ``Session``.
public struct SessionOptions: Sendable {
    /// The folder file access is confined to (the notebook's or script's folder).
    public var root: String
    /// `--allow-fs`: let file access leave `root`.
    public var allowFileSystem: Bool
    /// Terminal width for displays.
    public var width: Int
    /// Whether displays may use ANSI colour.
    public var color: Bool
    /// Whether to load `stdlib/*.dtr` at start-up.
    public var loadStandardLibrary: Bool
    /// Most bytes `print` may write during one run (one cell, one REPL entry); past it the
    /// run fails with "output limit". nil: unlimited (scripts streaming to a terminal).
    public var maxOutputBytes: Int?
    /// The output cap notebook cells get: 16 MiB.
    public static let cellOutputLimit = 16 << 20

    /// Creates options; defaults suit `dtr eval` in the current directory.
    public init(root: String = ".", allowFileSystem: Bool = false, width: Int = 80, color: Bool = false,
                loadStandardLibrary: Bool = true, maxOutputBytes: Int? = nil) {
        self.root = root
        self.allowFileSystem = allowFileSystem
        self.width = width
        self.color = color
        self.loadStandardLibrary = loadStandardLibrary
        self.maxOutputBytes = maxOutputBytes
    }
}

/// How a run ended.
public enum RunOutcome {
    /// Success, with the value of the last expression (`none` when there is nothing to show).
    case value(Value)
    /// The source did not parse (or failed static checks): every error, nothing ran.
    case syntaxErrors([Diagnostic])
    /// A runtime error stopped the program.
    case runtimeError(Diagnostic)
    /// Ctrl-C or a timeout stopped the program.
    case interrupted(Diagnostic)

    /// The process exit code for this outcome (0, 2, 1, 130).
    public var exitCode: Int32 {
        switch self {
        case .value: 0
        case .syntaxErrors: 2
        case .runtimeError: 1
        case .interrupted: 130
        }
    }

    /// The diagnostics to show, if any.
    public var diagnostics: [Diagnostic] {
        switch self {
        case .value: []
        case .syntaxErrors(let d): d
        case .runtimeError(let d), .interrupted(let d): [d]
        }
    }
}

/// A persistent dtr environment: globals shared by every source run in it (notebook cells,
/// REPL entries), the builtins, the stdlib, an output sink and the file access layer.
///
/// ```swift
/// let out = CapturedOutput()
/// let session = Session(output: out)
/// let r = session.run(SourceFile(name: "<eval>", text: "x = [1, 2]; print(x); x * 2"))
/// out.text                       // "[1 2]\n"
/// if case .value(let v) = r { v.display() }   // "f64[2] [2 4]"
/// ```
public final class Session {
    /// Where `print` writes. Replace it between runs to capture each cell separately.
    public var output: OutputSink
    /// The file access layer used by `load` and every file builtin.
    public let files: FileAccess
    /// The options the session was made with.
    public let options: SessionOptions
    let globals = Globals()
    private(set) lazy var context = Context(session: self, globals: globals)
    private var running = false
    /// Bytes printed so far in the current run (see ``SessionOptions/maxOutputBytes``).
    var printedBytes = 0
    /// Values saved with `record(name, value)`, by name (a later record replaces an earlier one).
    public internal(set) var records: [String: RecordedValue] = [:]

    /// Creates a session with every builtin bound. Call ``loadStandardLibrary()`` to load the stdlib.
    public init(options: SessionOptions = SessionOptions(), output: OutputSink = StandardOutput()) {
        self.options = options
        self.output = output
        self.files = FileAccess(root: options.root, allowOutside: options.allowFileSystem)
        for b in Registry.all { globals.set(b.name, .builtin(b)) }
        Random.seed(0)
    }

    /// Releases the globals on a big-stack thread: freeing a deeply nested value (a list
    /// built by `x = [x]` in a long loop) recurses once per level, which would overflow the
    /// caller's stack (found by the malformed-input corpus: a crash at exit).
    deinit {
        let g = globals
        Runner.runOnBigStack { g.releaseValues() }
    }

    /// Loads every `stdlib/*.dtr` (see ``StandardLibrary``); returns the failure, if any,
    /// as a diagnostic naming the broken file.
    /// - Parameter directory: load from this folder instead of the usual places.
    @discardableResult
    public func loadStandardLibrary(directory: String? = nil) -> Diagnostic? {
        guard options.loadStandardLibrary else { return nil }
        for (path, text) in StandardLibrary.files(in: directory) {
            let outcome = run(SourceFile(name: path, text: text))
            if let d = outcome.diagnostics.first {
                var d2 = d
                d2.notes.append(.init("while loading the standard library file \(path)"))
                return d2
            }
        }
        return nil
    }

    /// Parses, compiles and runs `file` in this session's environment on a big-stack
    /// thread; returns the last expression's value or the diagnostics.
    public func run(_ file: SourceFile) -> RunOutcome {
        if running {
            // Nested inside a running program: calls may be active (see `pinGlobalFunctions`).
            context.pinGlobalFunctions(globals)
            return parseAndExecute(file)
        }
        running = true
        defer {
            running = false
            context.unpin()
        }
        printedBytes = 0
        Interrupt.clear()
        nonisolated(unsafe) var outcome = RunOutcome.value(.none)
        Runner.runOnBigStack { outcome = self.parseAndExecute(file) }
        output.flush()
        if case .interrupted = outcome { Interrupt.clear() }
        return outcome
    }

    /// Parses `file` on a big-stack thread (the parser recurses once per nesting level).
    public static func parse(_ file: SourceFile) -> ParseResult {
        nonisolated(unsafe) var result: ParseResult?
        Runner.runOnBigStack { result = Parser.parse(file) }
        return result ?? Parser.parse(file)
    }

    private func parseAndExecute(_ file: SourceFile) -> RunOutcome {
        let parsed = Parser.parse(file)
        if parsed.hasErrors { return .syntaxErrors(parsed.diagnostics.filter { $0.kind == .error }) }
        return execute(parsed.program)
    }

    /// Runs source text (named `name` in diagnostics).
    public func run(_ text: String, name: String = "<eval>") -> RunOutcome {
        run(SourceFile(name: name, text: text))
    }

    private func execute(_ program: Program) -> RunOutcome {
        var compiler = Compiler(globals: globals)
        let node: BlockNode
        do throws(Diagnostic) {
            node = try compiler.compileProgram(program)
        } catch {
            return .syntaxErrors([error])
        }
        let c = context
        c.refresh(globals)
        let savedFP = c.fp
        do throws(Unwind) {
            return .value(try node.eval(c))
        } catch {
            c.fp = savedFP
            switch error {
            case .failure(let f): return f.isInterrupt ? .interrupted(f.finished) : .runtimeError(f.finished)
            case .returnValue, .breakLoop, .continueLoop:
                return .runtimeError(Diagnostic.error("control flow escaped its construct", at: node.span))
            }
        }
    }

    /// `value.display(width:color:)` computed on the evaluation thread's big stack (values
    /// can nest deeply). Use this from front ends.
    public func displayText(of value: Value) -> String {
        nonisolated(unsafe) var text = ""
        let v = value
        let width = options.width, color = options.color
        Runner.runOnBigStack { text = v.display(width: width, color: color) }
        return text
    }

    // MARK: - Bindings

    /// The value bound to a global name (builtins included), if any.
    public func value(of name: String) -> Value? { globals.value(of: name) }

    /// Binds a global (notebook parameters, `--set`).
    public func set(_ name: String, _ value: Value) {
        globals.set(name, value)
        context.refresh(globals)
    }

    /// Every bound global name (for `:vars` and completion), builtins included.
    public var globalNames: [String] { globals.definedNames }

    /// Names the user bound (not builtins or stdlib helpers' builtins).
    public var userNames: [String] {
        globals.definedNames.filter { n in
            if case .builtin? = globals.value(of: n) { return false }
            return true
        }
    }

    /// The "unknown name" error for `name`, suggesting a close defined name.
    func unknownName(_ name: String, _ span: SourceSpan) -> Unwind {
        if let habit = PythonHabits.hint(forName: name) {
            return Unwind.error("unknown name \"\(name)\"", span, suggestion: habit)
        }
        let hint = Suggestions.closest(to: name, among: globals.definedNames).map(Diagnostic.didYouMean)
        return Unwind.error("unknown name \"\(name)\"", span, suggestion: hint)
    }

    /// Runs a loaded file's source inside the current run (`load`).
    func runNested(_ file: SourceFile, at span: SourceSpan) throws(Unwind) {
        let parsed = Parser.parse(file)
        if let first = parsed.diagnostics.first(where: { $0.kind == .error }) {
            var d = first
            d.callStack.insert(Diagnostic.StackEntry(function: "load", span: span), at: 0)
            throw .failure(RuntimeFailure(d))
        }
        var compiler = Compiler(globals: globals)
        let node: BlockNode
        do throws(Diagnostic) {
            node = try compiler.compileProgram(parsed.program)
        } catch {
            throw .failure(RuntimeFailure(error))
        }
        context.refresh(globals)
        // Calls may be active (this file can rebind the names they were called through).
        context.pinGlobalFunctions(globals)
        do throws(Unwind) {
            _ = try node.eval(context)
        } catch {
            if case .failure(let f) = error { f.passedThrough("load", at: span) }
            throw error
        }
    }
}
