/// The kinds of token the ``Lexer`` produces.
enum TokenKind: UInt8, Sendable, Equatable {
    // literals and names
    case number, string, identifier
    // keywords
    case ifKeyword, elseKeyword, forKeyword, inKeyword, whileKeyword
    case breakKeyword, continueKeyword, returnKeyword, fnKeyword
    case trueKeyword, falseKeyword, noneKeyword, andKeyword, orKeyword, notKeyword
    // brackets and separators
    case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
    case comma, colon, semicolon, dot
    // operators
    case plus, minus, star, slash, slashSlash, percent, at, caret
    case equal, equalEqual, bangEqual, less, lessEqual, greater, greaterEqual
    case plusEqual, minusEqual, starEqual, slashEqual
    case dotDotLess, dotDotDot, pipe, arrow
    // layout
    case newline, endOfInput
    /// Text the lexer already reported as an error; the parser stays silent about it.
    case invalid

    /// Keywords by spelling.
    static let keywords: [String: TokenKind] = [
        "if": .ifKeyword, "else": .elseKeyword, "for": .forKeyword, "in": .inKeyword,
        "while": .whileKeyword, "break": .breakKeyword, "continue": .continueKeyword,
        "return": .returnKeyword, "fn": .fnKeyword, "true": .trueKeyword,
        "false": .falseKeyword, "none": .noneKeyword, "and": .andKeyword,
        "or": .orKeyword, "not": .notKeyword,
    ]

    /// The fixed spelling of punctuation and keywords, for messages (`nil` for tokens with varying text).
    var fixedSpelling: String? {
        switch self {
        case .number, .string, .identifier, .newline, .endOfInput, .invalid: return nil
        case .ifKeyword: return "if"
        case .elseKeyword: return "else"
        case .forKeyword: return "for"
        case .inKeyword: return "in"
        case .whileKeyword: return "while"
        case .breakKeyword: return "break"
        case .continueKeyword: return "continue"
        case .returnKeyword: return "return"
        case .fnKeyword: return "fn"
        case .trueKeyword: return "true"
        case .falseKeyword: return "false"
        case .noneKeyword: return "none"
        case .andKeyword: return "and"
        case .orKeyword: return "or"
        case .notKeyword: return "not"
        case .leftParen: return "("
        case .rightParen: return ")"
        case .leftBracket: return "["
        case .rightBracket: return "]"
        case .leftBrace: return "{"
        case .rightBrace: return "}"
        case .comma: return ","
        case .colon: return ":"
        case .semicolon: return ";"
        case .dot: return "."
        case .plus: return "+"
        case .minus: return "-"
        case .star: return "*"
        case .slash: return "/"
        case .slashSlash: return "//"
        case .percent: return "%"
        case .at: return "@"
        case .caret: return "^"
        case .equal: return "="
        case .equalEqual: return "=="
        case .bangEqual: return "!="
        case .less: return "<"
        case .lessEqual: return "<="
        case .greater: return ">"
        case .greaterEqual: return ">="
        case .plusEqual: return "+="
        case .minusEqual: return "-="
        case .starEqual: return "*="
        case .slashEqual: return "/="
        case .dotDotLess: return "..<"
        case .dotDotDot: return "..."
        case .pipe: return "|>"
        case .arrow: return "=>"
        }
    }

    /// True for tokens after which a `.` is field access rather than the start of `.5`.
    var endsValue: Bool {
        switch self {
        case .number, .string, .identifier, .trueKeyword, .falseKeyword, .noneKeyword,
             .rightParen, .rightBracket, .rightBrace:
            return true
        default:
            return false
        }
    }
}

/// One token: its kind and where it is. Kept small (a 2-million-term program has 4 million tokens).
///
/// Text is read back from the source bytes; decoded literal values (numbers, strings) live in
/// the lexer's side tables, indexed by `payload`.
struct Token: Sendable {
    /// What the token is.
    var kind: TokenKind
    /// Byte offset of the first byte.
    var start: Int32
    /// Length in bytes.
    var length: Int32
    /// 1-based line within the source text.
    var line: Int32
    /// 1-based column in Unicode characters.
    var column: Int32
    /// Index into ``LexedSource/numbers`` or ``LexedSource/strings`` for literals.
    var payload: Int32 = 0

    /// Byte offset one past the last byte.
    var end: Int { Int(start) + Int(length) }

    /// The token's span in `file`.
    func span(in file: SourceFile) -> SourceSpan {
        SourceSpan(file: file, start: Int(start), end: end, localLine: Int(line), column: Int(column))
    }
}

/// The lexer's output: tokens (always ending with `endOfInput`), literal tables and diagnostics.
struct LexedSource: Sendable {
    /// The tokens in order; the last is `endOfInput`.
    var tokens: [Token]
    /// Values of number tokens, indexed by `Token.payload`.
    var numbers: [Double]
    /// Decoded values of string tokens, indexed by `Token.payload`.
    var strings: [String]
    /// Lexical errors (bad characters, bad literals, invalid UTF-8).
    var diagnostics: [Diagnostic]
}
