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
    private let bytes: [UInt8]
    private var position = 0
    private var line = 1
    private var column = 1
    private var tokens: [Token] = []
    private var numbers: [Double] = []
    private var strings: [String] = []
    private var diagnostics: [Diagnostic] = []
    /// Start of a pending run of bad characters, reported as one diagnostic when the run ends.
    private var badRun: (start: Int, line: Int, column: Int, end: Int, message: String)?

    init(file: SourceFile) {
        self.file = file
        self.bytes = file.bytes
    }

    /// Lexes a whole source.
    static func lex(_ file: SourceFile) -> LexedSource {
        var lexer = Lexer(file: file)
        return lexer.run()
    }

    private mutating func run() -> LexedSource {
        if bytes.count >= Int(Int32.max) {
            diagnostics.append(.error("source text is too large (2 GB or more)", at: file.startSpan))
            tokens.append(Token(kind: .endOfInput, start: 0, length: 0, line: 1, column: 1))
            return LexedSource(tokens: tokens, numbers: [], strings: [], diagnostics: diagnostics)
        }
        tokens.reserveCapacity(bytes.count / 4 + 16)
        while position < bytes.count {
            scanToken()
        }
        flushBadRun()
        tokens.append(Token(kind: .endOfInput, start: Int32(position), length: 0, line: Int32(line), column: Int32(column)))
        return LexedSource(tokens: tokens, numbers: numbers, strings: strings, diagnostics: diagnostics)
    }

    // MARK: - Cursor

    private static func byte(_ bytes: [UInt8], at offset: Int) -> UInt8 {
        offset < bytes.count ? bytes[offset] : 0
    }

    /// Advances over one ASCII byte on the current line.
    private mutating func advanceASCII() {
        position += 1
        column += 1
    }

    /// Advances over one scalar (or one invalid byte), keeping the column in characters.
    private mutating func advanceScalar() {
        if let (scalar, length) = UTF8Scanning.decode(bytes, at: position) {
            position += length
            if !UTF8Scanning.isZeroWidth(scalar) { column += 1 }
        } else {
            position += 1
            column += 1
        }
    }

    private mutating func emit(_ kind: TokenKind, from start: Int, line startLine: Int, column startColumn: Int, payload: Int = 0) {
        flushBadRun()
        tokens.append(Token(
            kind: kind, start: Int32(start), length: Int32(position - start),
            line: Int32(startLine), column: Int32(startColumn), payload: Int32(clamping: payload)))
    }

    private func span(from start: Int, line startLine: Int, column startColumn: Int, to end: Int) -> SourceSpan {
        SourceSpan(file: file, start: start, end: end, localLine: startLine, column: startColumn)
    }

    private mutating func report(_ message: String, _ span: SourceSpan, suggestion: String? = nil) {
        flushBadRun()
        if diagnostics.count < Self.maxDiagnostics {
            diagnostics.append(.error(message, at: span, suggestion: suggestion))
        }
    }

    // MARK: - Bad characters

    /// Adds one bad character to the current run (so `\0\0\0` is one diagnostic).
    private mutating func noteBadCharacter(_ message: String, start: Int, line startLine: Int, column startColumn: Int) {
        if let run = badRun, run.end == start {
            badRun = (run.start, run.line, run.column, position, run.message)
        } else {
            flushBadRun()
            badRun = (start, startLine, startColumn, position, message)
        }
    }

    private mutating func flushBadRun() {
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

    private mutating func scanToken() {
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

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func isIdentifierStartASCII(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
    }

    /// The identifier-continuing scalar at `offset`, if there is one (ASCII letter/digit/_, or a Unicode letter/mark).
    private static func identifierContinue(_ bytes: [UInt8], at offset: Int) -> Int? {
        guard offset < bytes.count else { return nil }
        let byte = bytes[offset]
        if byte < 0x80 { return Self.isIdentifierStartASCII(byte) || Self.isDigit(byte) ? 1 : nil }
        guard let (scalar, length) = UTF8Scanning.decode(bytes, at: offset) else { return nil }
        return scalar.properties.isXIDContinue ? length : nil
    }

    private mutating func scanIdentifier() {
        let start = position, startLine = line, startColumn = column
        while Self.identifierContinue(bytes, at: position) != nil { advanceScalar() }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        emit(TokenKind.keywords[text] ?? .identifier, from: start, line: startLine, column: startColumn)
    }

    private mutating func scanNonASCII(start: Int, line startLine: Int, column startColumn: Int) {
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
    private mutating func scanDots(start: Int, line startLine: Int, column startColumn: Int) {
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

    private mutating func scanOperator(start: Int, line startLine: Int, column startColumn: Int) {
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
        case UInt8(ascii: "*"): two("=", .starEqual, else: .star)
        case UInt8(ascii: "/"): two("=", .slashEqual, else: .slash)
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
            ("&&", "and", "use 'and'"), ("||", "or", "use 'or'"), ("**", "^", "use '^' for powers"),
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
        case UInt8(ascii: "'"): "strings use double quotes: \"…\""
        default: nil
        }
        if let hint {
            report("unexpected \(shown)", span(from: start, line: startLine, column: startColumn, to: position), suggestion: hint)
            emit(.invalid, from: start, line: startLine, column: startColumn)
        } else {
            noteBadCharacter("unexpected \(shown)", start: start, line: startLine, column: startColumn)
        }
    }

    private func matches(_ spelling: String, at offset: Int) -> Bool {
        var index = offset
        for unit in spelling.utf8 {
            guard Self.byte(bytes, at: index) == unit, index < bytes.count else { return false }
            index += 1
        }
        return true
    }

    // MARK: - Literals

    /// number -> digits ('.' digits)? (('e'|'E') ('+'|'-')? digits)? | '.' digits exponent?
    /// digits -> DIGIT ('_'? DIGIT)*
    private mutating func scanNumber() {
        let start = position, startLine = line, startColumn = column
        var valid = true
        if bytes[position] != UInt8(ascii: ".") { valid = scanDigits() && valid }
        if Self.byte(bytes, at: position) == UInt8(ascii: "."), Self.isDigit(Self.byte(bytes, at: position + 1)) {
            advanceASCII()
            valid = scanDigits() && valid
        }
        let e = Self.byte(bytes, at: position)
        if e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            let afterE = Self.byte(bytes, at: position + 1)
            let signed = afterE == UInt8(ascii: "+") || afterE == UInt8(ascii: "-")
            if Self.isDigit(signed ? Self.byte(bytes, at: position + 2) : afterE) {
                advanceASCII()
                if signed { advanceASCII() }
                valid = scanDigits() && valid
            }
        }
        // A name glued to a number (`2x`, `1e`, `3_`) is one bad literal, not two tokens.
        if Self.identifierContinue(bytes, at: position) != nil {
            valid = false
            while Self.identifierContinue(bytes, at: position) != nil { advanceScalar() }
        }
        if valid, position - start <= 15, let value = Self.plainInteger(bytes, from: start, to: position) {
            numbers.append(value)
            emit(.number, from: start, line: startLine, column: startColumn, payload: numbers.count - 1)
            return
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        let here = span(from: start, line: startLine, column: startColumn, to: position)
        guard valid, let value = Double(text.filter { $0 != "_" }) else {
            report("invalid number literal '\(text)'", here,
                   suggestion: "numbers look like 1, 1.5, 1e-4 or 10_000_000")
            emit(.invalid, from: start, line: startLine, column: startColumn)
            return
        }
        guard value.isFinite else {
            report("number literal '\(text)' is too large", here)
            emit(.invalid, from: start, line: startLine, column: startColumn)
            return
        }
        numbers.append(value)
        emit(.number, from: start, line: startLine, column: startColumn, payload: numbers.count - 1)
    }

    /// digits -> DIGIT ('_'? DIGIT)*; returns whether the run was well formed.
    private mutating func scanDigits() -> Bool {
        var sawDigit = false, previousUnderscore = false, ok = true
        while position < bytes.count {
            let byte = bytes[position]
            if Self.isDigit(byte) {
                sawDigit = true
                previousUnderscore = false
            } else if byte == UInt8(ascii: "_") {
                if !sawDigit || previousUnderscore { ok = false }
                previousUnderscore = true
            } else {
                break
            }
            position += 1
            column += 1
        }
        return ok && sawDigit && !previousUnderscore
    }

    /// The value of a short literal made only of digits (exact below 2^53), without going through `String`.
    private static func plainInteger(_ bytes: [UInt8], from start: Int, to end: Int) -> Double? {
        var value = 0
        for offset in start..<end {
            let byte = bytes[offset]
            guard Self.isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return Double(value)
    }

    /// string -> '"' (CHAR | '\n' | '\t' | '\"' | '\\')* '"'   (on one line)
    private mutating func scanString() {
        let start = position, startLine = line, startColumn = column
        advanceASCII()
        var scalars = String.UnicodeScalarView()
        var valid = true
        while true {
            guard position < bytes.count, bytes[position] != 0x0A else {
                report("unterminated string", span(from: start, line: startLine, column: startColumn, to: position),
                       suggestion: "close the string with '\"' on the same line; write \\n for a newline")
                emit(.invalid, from: start, line: startLine, column: startColumn)
                return
            }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                advanceASCII()
                break
            }
            if byte == UInt8(ascii: "\\") {
                let escapeStart = position, escapeColumn = column
                advanceASCII()
                let next = Self.byte(bytes, at: position)
                switch next {
                case UInt8(ascii: "n"): scalars.append("\n"); advanceASCII()
                case UInt8(ascii: "t"): scalars.append("\t"); advanceASCII()
                case UInt8(ascii: "\""): scalars.append("\""); advanceASCII()
                case UInt8(ascii: "\\"): scalars.append("\\"); advanceASCII()
                default:
                    if position < bytes.count, next != 0x0A { advanceScalar() }
                    let shown = String(decoding: bytes[escapeStart..<position], as: UTF8.self)
                    report("unknown escape '\(shown)' in string",
                           span(from: escapeStart, line: startLine, column: escapeColumn, to: position),
                           suggestion: "the escapes are \\n \\t \\\" and \\\\")
                    valid = false
                }
                continue
            }
            if let (scalar, length) = UTF8Scanning.decode(bytes, at: position) {
                if scalar.value == 0 {
                    let nulStart = position, nulColumn = column
                    advanceASCII()
                    report("NUL byte (U+0000) in string", span(from: nulStart, line: startLine, column: nulColumn, to: position))
                    valid = false
                    continue
                }
                scalars.append(scalar)
                _ = length
                advanceScalar()
            } else {
                let badStart = position, badColumn = column
                advanceScalar()
                report("invalid UTF-8 byte 0x\(String(byte, radix: 16, uppercase: true)) in string",
                       span(from: badStart, line: startLine, column: badColumn, to: position))
                valid = false
            }
        }
        if valid {
            strings.append(String(scalars))
            emit(.string, from: start, line: startLine, column: startColumn, payload: strings.count - 1)
        } else {
            emit(.invalid, from: start, line: startLine, column: startColumn)
        }
    }
}

extension SourceFile {
    /// An empty span at the very start of the text.
    var startSpan: SourceSpan { SourceSpan(file: self, start: 0, end: 0, localLine: 1, column: 1) }
}
