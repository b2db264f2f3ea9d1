/// Number and string literals for ``Lexer``.
extension Lexer {
    /// number -> digits ('.' digits)? (('e'|'E') ('+'|'-')? digits)? | '.' digits exponent?
    /// digits -> DIGIT ('_'? DIGIT)*
    mutating func scanNumber() {
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
    mutating func scanDigits() -> Bool {
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
    static func plainInteger(_ bytes: [UInt8], from start: Int, to end: Int) -> Double? {
        var value = 0
        for offset in start..<end {
            let byte = bytes[offset]
            guard Self.isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return Double(value)
    }

    /// `'…'` is not a string in dtr: reported once, up to the closing quote on the same line.
    mutating func scanSingleQuoted() {
        let start = position, startLine = line, startColumn = column
        advanceASCII()
        var closed = false
        while position < bytes.count, bytes[position] != 0x0A {
            let quote = bytes[position] == UInt8(ascii: "'")
            advanceScalar()
            if quote {
                closed = true
                break
            }
        }
        if !closed {
            position = start + 1
            column = startColumn + 1
        }
        let content = closed ? String(decoding: bytes[(start + 1)..<(position - 1)], as: UTF8.self) : ""
        let printable = content.unicodeScalars.count <= 40
            && content.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F && $0 != "\"" && $0 != "\\" }
        report("strings use double quotes", span(from: start, line: startLine, column: startColumn, to: position),
               suggestion: closed && printable ? "write \"\(content)\"" : "write \"…\"")
        emit(.invalid, from: start, line: startLine, column: startColumn)
    }

    /// string -> '"' (CHAR | '\n' | '\t' | '\"' | '\\')* '"'   (on one line)
    mutating func scanString() {
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
            if let (scalar, _) = UTF8Scanning.decode(bytes, at: position) {
                if scalar.value == 0 {
                    let nulStart = position, nulColumn = column
                    advanceASCII()
                    report("NUL byte (U+0000) in string", span(from: nulStart, line: startLine, column: nulColumn, to: position))
                    valid = false
                    continue
                }
                scalars.append(scalar)
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
