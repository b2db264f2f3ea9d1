/// Turns source bytes into tokens (SPEC §4 "The language").
///
/// - Numbers: `1`, `1.5`, `1e-4`, `2.5E+3`, `10_000_000` (underscores only between digits),
///   and `.5` where a value cannot precede the dot (after a name, `)` or `]`, `.` is field access).
/// - Strings: `"…"` on one line, with escapes `\n \t \" \\` only; anything else is an error.
/// - Names: ASCII letters, digits and `_`, plus Unicode letters (`ᾱ`, `β`); not starting with a digit.
/// - Comments: `#` to end of line. Runs of newlines become one `newline` token; `\r` is whitespace.
/// - Bad input (NUL, stray characters, invalid UTF-8 outside comments) is a diagnostic; a run
///   of bad characters is reported once. The lexer never traps, whatever the bytes.
struct Lexer {
    /// At most this many lexical diagnostics are kept (a binary file would otherwise produce millions).
    static let maxDiagnostics = 50

    let file: SourceFile
    let bytes: [UInt8]
    var position = 0
    var line = 1
    var column = 1
    var tokens: [Token] = []
    var numbers: [Double] = []
    var strings: [String] = []
    var diagnostics: [Diagnostic] = []
    /// Start of a pending run of bad characters, reported as one diagnostic when the run ends.
    var badRun: (start: Int, line: Int, column: Int, end: Int, message: String)?

    init(file: SourceFile) {
        self.file = file
        self.bytes = file.bytes
    }

    /// Lexes a whole source.
    static func lex(_ file: SourceFile) -> LexedSource {
        var lexer = Lexer(file: file)
        return lexer.run()
    }

    mutating func run() -> LexedSource {
        if bytes.count >= Int(Int32.max) {
            diagnostics.append(.error("source text is too large (2 GB or more)", at: file.startSpan))
            tokens.append(Token(kind: .endOfInput, start: 0, length: 0, line: 1, column: 1))
            return LexedSource(tokens: tokens, numbers: [], strings: [], diagnostics: diagnostics)
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }  // a UTF-8 byte-order mark
        tokens.reserveCapacity(bytes.count / 4 + 16)
        while position < bytes.count {
            scanToken()
        }
        flushBadRun()
        tokens.append(Token(kind: .endOfInput, start: Int32(position), length: 0, line: Int32(line), column: Int32(column)))
        return LexedSource(tokens: tokens, numbers: numbers, strings: strings, diagnostics: diagnostics)
    }

    // MARK: - Cursor

    static func byte(_ bytes: [UInt8], at offset: Int) -> UInt8 {
        offset < bytes.count ? bytes[offset] : 0
    }

    /// Advances over one ASCII byte on the current line.
    mutating func advanceASCII() {
        position += 1
        column += 1
    }

    /// Advances over one scalar (or one invalid byte), keeping the column in characters.
    mutating func advanceScalar() {
        if let (scalar, length) = UTF8Scanning.decode(bytes, at: position) {
            position += length
            if !UTF8Scanning.isZeroWidth(scalar) { column += 1 }
        } else {
            position += 1
            column += 1
        }
    }

    mutating func emit(_ kind: TokenKind, from start: Int, line startLine: Int, column startColumn: Int, payload: Int = 0) {
        flushBadRun()
        tokens.append(Token(
            kind: kind, start: Int32(start), length: Int32(position - start),
            line: Int32(startLine), column: Int32(startColumn), payload: Int32(clamping: payload)))
    }

    func span(from start: Int, line startLine: Int, column startColumn: Int, to end: Int) -> SourceSpan {
        SourceSpan(file: file, start: start, end: end, localLine: startLine, column: startColumn)
    }

    mutating func report(_ message: String, _ span: SourceSpan, suggestion: String? = nil) {
        flushBadRun()
        if diagnostics.count < Self.maxDiagnostics {
            diagnostics.append(.error(message, at: span, suggestion: suggestion))
        }
    }

    // MARK: - Bad characters

    /// Adds one bad character to the current run (so `\0\0\0` is one diagnostic).
    mutating func noteBadCharacter(_ message: String, start: Int, line startLine: Int, column startColumn: Int) {
        if let run = badRun, run.end == start {
            badRun = (run.start, run.line, run.column, position, run.message)
        } else {
            flushBadRun()
            badRun = (start, startLine, startColumn, position, message)
        }
    }

    mutating func flushBadRun() {
        guard let run = badRun else { return }
        badRun = nil
        if diagnostics.count < Self.maxDiagnostics {
            diagnostics.append(.error(run.message, at: span(from: run.start, line: run.line, column: run.column, to: run.end)))
        }
        // An `invalid` token keeps the parser from reporting the same text a second time.
        tokens.append(Token(kind: .invalid, start: Int32(run.start), length: Int32(run.end - run.start),
                            line: Int32(run.line), column: Int32(run.column)))
    }

    // MARK: - Scanning

    mutating func scanToken() {
        let start = position, startLine = line, startColumn = column
        let first = bytes[position]
        switch first {
        case 0x20, 0x09, 0x0D, 0x0B, 0x0C:  // space, tab, CR, VT, FF
            advanceASCII()
        case 0x0A:
            position += 1
            if let last = tokens.last, last.kind != .newline {
                emit(.newline, from: start, line: startLine, column: startColumn)
            }
            line += 1
            column = 1
        case UInt8(ascii: "#"):
            while position < bytes.count, bytes[position] != 0x0A { advanceScalar() }
        case UInt8(ascii: "\""):
            scanString()
        case UInt8(ascii: "'"):
            scanSingleQuoted()
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            scanNumber()
        case UInt8(ascii: "."):
            let previousEndsValue = tokens.last.map { $0.kind.endsValue && $0.end == start } ?? false
            if Self.isDigit(Self.byte(bytes, at: position + 1)) && !previousEndsValue {
                scanNumber()
            } else {
                scanDots(start: start, line: startLine, column: startColumn)
            }
        default:
            if Self.isIdentifierStartASCII(first) {
                scanIdentifier()
            } else if first >= 0x80 {
                scanNonASCII(start: start, line: startLine, column: startColumn)
            } else {
                scanOperator(start: start, line: startLine, column: startColumn)
            }
        }
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    static func isIdentifierStartASCII(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
    }

    /// The identifier-continuing scalar at `offset`, if there is one (ASCII letter/digit/_, or a Unicode letter/mark).
    static func identifierContinue(_ bytes: [UInt8], at offset: Int) -> Int? {
        guard offset < bytes.count else { return nil }
        let byte = bytes[offset]
        if byte < 0x80 { return Self.isIdentifierStartASCII(byte) || Self.isDigit(byte) ? 1 : nil }
        guard let (scalar, length) = UTF8Scanning.decode(bytes, at: offset) else { return nil }
        return scalar.properties.isXIDContinue ? length : nil
    }

    mutating func scanIdentifier() {
        let start = position, startLine = line, startColumn = column
        while Self.identifierContinue(bytes, at: position) != nil { advanceScalar() }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        emit(TokenKind.keywords[text] ?? .identifier, from: start, line: startLine, column: startColumn)
    }

    mutating func scanNonASCII(start: Int, line startLine: Int, column startColumn: Int) {
        guard let (scalar, _) = UTF8Scanning.decode(bytes, at: position) else {
            let value = bytes[position]
            advanceScalar()
            noteBadCharacter("invalid UTF-8 byte 0x\(String(value, radix: 16, uppercase: true))", start: start, line: startLine, column: startColumn)
            return
        }
        if scalar.properties.isXIDStart {
            scanIdentifier()
            return
        }
        advanceScalar()
        let hint: String? = switch scalar {
        case "\u{2212}", "\u{2013}", "\u{2014}": "use the ASCII minus sign \"-\""
        case "\u{201C}", "\u{201D}", "\u{201E}": "use straight double quotes \"\\\"\""
        case "\u{00D7}": "use \"*\" for multiplication"
        case "\u{2264}": "use \"<=\""
        case "\u{2265}": "use \">=\""
        case "\u{2260}": "use \"!=\""
        case "\u{00A0}": "this is a non-breaking space; use an ordinary space"
        default: nil
        }
        let message = "unexpected character '\(scalar)' (U+\(String(scalar.value, radix: 16, uppercase: true)))"
        if let hint {
            report(message, span(from: start, line: startLine, column: startColumn, to: position), suggestion: hint)
        } else {
            noteBadCharacter(message, start: start, line: startLine, column: startColumn)
        }
    }

    /// `.`, `..<`, `...`; a lone `..` is an error.
    mutating func scanDots(start: Int, line startLine: Int, column startColumn: Int) {
        if Self.byte(bytes, at: position + 1) == UInt8(ascii: ".") {
            if Self.byte(bytes, at: position + 2) == UInt8(ascii: "<") {
                position += 3; column += 3
                emit(.dotDotLess, from: start, line: startLine, column: startColumn)
            } else if Self.byte(bytes, at: position + 2) == UInt8(ascii: ".") {
                position += 3; column += 3
                emit(.dotDotDot, from: start, line: startLine, column: startColumn)
            } else {
                position += 2; column += 2
                report("unexpected '..'", span(from: start, line: startLine, column: startColumn, to: position),
                       suggestion: "use '..<' for a half-open range or '...' for an inclusive one")
                emit(.invalid, from: start, line: startLine, column: startColumn)
            }
        } else {
            advanceASCII()
            emit(.dot, from: start, line: startLine, column: startColumn)
        }
    }

    mutating func scanOperator(start: Int, line startLine: Int, column startColumn: Int) {
        let first = bytes[position], second = Self.byte(bytes, at: position + 1)
        var kind: TokenKind? = nil, length = 1
        func two(_ next: Unicode.Scalar, _ double: TokenKind, else single: TokenKind?) {
            if second == UInt8(ascii: next) { kind = double; length = 2 } else { kind = single }
        }
        switch first {
        case UInt8(ascii: "("): kind = .leftParen
        case UInt8(ascii: ")"): kind = .rightParen
        case UInt8(ascii: "["): kind = .leftBracket
        case UInt8(ascii: "]"): kind = .rightBracket
        case UInt8(ascii: "{"): kind = .leftBrace
        case UInt8(ascii: "}"): kind = .rightBrace
        case UInt8(ascii: ","): kind = .comma
        case UInt8(ascii: ":"): kind = .colon
        case UInt8(ascii: ";"): kind = .semicolon
        case UInt8(ascii: "%"): kind = .percent
        case UInt8(ascii: "@"): kind = .at
        case UInt8(ascii: "^"): kind = .caret
        case UInt8(ascii: "+"): two("=", .plusEqual, else: .plus)
        case UInt8(ascii: "-"): two("=", .minusEqual, else: .minus)
        case UInt8(ascii: "*"):
            // `**` is numpy's and Python's spelling of `^` (the same token).
            if second == UInt8(ascii: "*") { kind = .caret; length = 2 } else { two("=", .starEqual, else: .star) }
        case UInt8(ascii: "/"):
            if second == UInt8(ascii: "/") { kind = .slashSlash; length = 2 } else { two("=", .slashEqual, else: .slash) }
        case UInt8(ascii: "<"): two("=", .lessEqual, else: .less)
        case UInt8(ascii: ">"): two("=", .greaterEqual, else: .greater)
        case UInt8(ascii: "!"): two("=", .bangEqual, else: nil)
        case UInt8(ascii: "|"): two(">", .pipe, else: nil)
        case UInt8(ascii: "="):
            if second == UInt8(ascii: "=") { kind = .equalEqual; length = 2 }
            else if second == UInt8(ascii: ">") { kind = .arrow; length = 2 }
            else { kind = .equal }
        default: kind = nil
        }
        if let kind {
            position += length; column += length
            emit(kind, from: start, line: startLine, column: startColumn)
            return
        }
        // Errors with a hint for habits from other languages.
        let pairs: [(String, String, String)] = [
            ("&&", "and", "use 'and'"), ("||", "or", "use 'or'"),
        ]
        for (spelling, _, hint) in pairs where matches(spelling, at: position) {
            position += 2; column += 2
            report("unexpected '\(spelling)'", span(from: start, line: startLine, column: startColumn, to: position), suggestion: hint)
            emit(.invalid, from: start, line: startLine, column: startColumn)
            return
        }
        advanceASCII()
        let shown = first == 0 ? "NUL byte (U+0000)" : first < 0x20 || first == 0x7F
            ? "control character (U+\(String(first, radix: 16, uppercase: true)))" : "character '\(Character(Unicode.Scalar(first)))'"
        let hint: String? = switch first {
        case UInt8(ascii: "!"): "use 'not' for negation and '!=' for inequality"
        case UInt8(ascii: "&"): "use 'and'"
        case UInt8(ascii: "|"): "use 'or', or '|>' to pipe"
        default: nil
        }
        if let hint {
            report("unexpected \(shown)", span(from: start, line: startLine, column: startColumn, to: position), suggestion: hint)
            emit(.invalid, from: start, line: startLine, column: startColumn)
        } else {
            noteBadCharacter("unexpected \(shown)", start: start, line: startLine, column: startColumn)
        }
    }

    func matches(_ spelling: String, at offset: Int) -> Bool {
        var index = offset
        for unit in spelling.utf8 {
            guard Self.byte(bytes, at: index) == unit, index < bytes.count else { return false }
            index += 1
        }
        return true
    }
}

extension SourceFile {
    /// An empty span at the very start of the text.
    var startSpan: SourceSpan { SourceSpan(file: self, start: 0, end: 0, localLine: 1, column: 1) }
}
