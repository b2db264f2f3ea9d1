/// The result of parsing one source text.
public struct ParseResult: Sendable {
    /// The statements that parsed; statements with syntax errors are left out.
    public var program: Program
    /// Every lexical and syntax error, in source order, each reported once.
    public var diagnostics: [Diagnostic]
    /// True when the first error is that the input ended inside an open construct (an
    /// unclosed bracket or block, or an operator with no right operand). The REPL uses this
    /// to keep reading lines.
    public var isIncomplete: Bool

    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { diagnostics.contains { $0.kind == .error } }
}

/// A recursive-descent parser for the dtr language (SPEC §4), with clox-style panic-mode
/// recovery: after a syntax error it skips to the next statement boundary (a newline or `;`
/// outside brackets, or a closing `}`) and carries on, so each error is reported once.
///
/// The grammar is written above each parse function. Newlines end statements at the top level
/// and inside `{ }` blocks; inside `( )`, `[ ]` and record literals `{a: 1, …}` they are
/// ignored. A newline may also follow a binary operator, `=`, `=>` or `|>`, precede a `|>`
/// that continues a pipe, and precede `else` after an if's `}`.
///
/// Nesting (brackets, blocks, unary operators, `^`, postfix chains) is limited to
/// ``maxNestingDepth`` levels, so no input overflows the stack; operator chains such as
/// `1 + 1 + …` are parsed by loops into flat nodes and may be arbitrarily long.
public struct Parser {
    /// How deeply expressions and blocks may nest before "expression nested too deeply".
    public static let maxNestingDepth = 200
    /// At most this many syntax errors are reported for one source.
    public static let maxDiagnostics = 100

    /// Parses a whole source text. Never traps, whatever the bytes. Runs on a private thread
    /// with a large stack, so it is safe to call from any thread.
    ///
    /// ```swift
    /// let result = Parser.parse(SourceFile(name: "script.dtr", text: "x = 1 + 2"))
    /// // result.program.statements.count == 1, result.diagnostics.isEmpty
    /// ```
    public static func parse(_ file: SourceFile) -> ParseResult {
        LargeStack.run {
            var parser = Parser(file: file, lexed: Lexer.lex(file))
            return parser.parseProgram()
        }
    }

    /// Parses a string, for `dtr eval` (`"<eval>"`) and tests.
    public static func parse(_ text: String, name: String = "<eval>") -> ParseResult {
        parse(SourceFile(name: name, text: text))
    }

    // MARK: - State

    enum NewlineMode { case statements, grouped }

    let file: SourceFile
    var tokens: [Token]
    let numbers: [Double]
    let strings: [String]
    let lexDiagnostics: [Diagnostic]
    var index = 0
    /// The most recently consumed token (for node spans).
    var previous: Token
    var diagnostics: [Diagnostic] = []
    var modes: [NewlineMode] = [.statements] {
        didSet { newlinesIgnored = modes.last == .grouped }
    }
    /// Cached `modes.last == .grouped`.
    var newlinesIgnored = false
    var depth = 0
    /// True in the header of `if`/`while`/`for`, where `{` always opens the body.
    var inHeader = false
    var loopDepth = 0
    var functionDepth = 0
    var lastErrorOffset = -1
    var incomplete = false
    var aborted = false

    init(file: SourceFile, lexed: LexedSource) {
        self.file = file
        self.tokens = lexed.tokens
        self.numbers = lexed.numbers
        self.strings = lexed.strings
        self.lexDiagnostics = lexed.diagnostics
        self.previous = lexed.tokens.first ?? Token(kind: .endOfInput, start: 0, length: 0, line: 1, column: 1)
    }

    /// program -> statements EOF
    mutating func parseProgram() -> ParseResult {
        var statements: [Stmt] = []
        do {
            statements = try statementList(inBlock: false)
        } catch {
            record(error)
        }
        tokens = []
        let all = (lexDiagnostics + diagnostics).enumerated().sorted { lhs, rhs in
            let left = lhs.element.span?.start ?? Int.max, right = rhs.element.span?.start ?? Int.max
            return left != right ? left < right : lhs.offset < rhs.offset
        }.map(\.element)
        return ParseResult(
            program: Program(statements: statements, file: file),
            diagnostics: all,
            isIncomplete: incomplete && lexDiagnostics.isEmpty)
    }
}

/// A syntax error on its way up to the statement loop that recovers from it.
struct ParseFailure: Error {
    /// The diagnostic, or `nil` when the lexer already reported the offending text.
    var diagnostic: Diagnostic?
    /// How many `( [ {record` were open where the error happened, for resynchronising.
    var openGroups: Int
    /// Whether the error was at the end of the input.
    var atEnd: Bool
    /// Fatal errors (nesting too deep) stop the whole parse.
    var fatal = false
}
