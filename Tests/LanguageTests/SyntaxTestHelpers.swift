@testable import Language

/// Parses `source` and returns its S-expression, or the first diagnostic's message prefixed by `error: `.
func sexpr(_ source: String) -> String {
    let result = Parser.parse(source)
    if let first = result.diagnostics.first { return "error: \(first.message)" }
    return result.program.sexpr
}

/// The diagnostics of parsing `source` as `script.dtr`.
func syntaxErrors(_ source: String) -> [Diagnostic] {
    Parser.parse(SourceFile(name: "script.dtr", text: source)).diagnostics
}

/// Lexes `source` and returns the token kinds (without the final end of input).
func tokenKinds(_ source: String) -> [TokenKind] {
    Array(Lexer.lex(SourceFile(name: "t", text: source)).tokens.dropLast().map(\.kind))
}
