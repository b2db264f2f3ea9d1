/// Colours dtr code for HTML: keywords, constants, strings, numbers and comments become
/// `<span class="…">` elements; everything is HTML-escaped. The lexer is deliberately
/// forgiving (an unterminated string runs to the end of its line) and never fails.
enum DtrHighlighter {
    static let keywords: Set<String> = ["fn", "if", "else", "for", "in", "while", "break", "continue",
                                        "return", "and", "or", "not"]
    static let constants: Set<String> = ["true", "false", "none"]

    /// The code as highlighted, escaped HTML.
    static func html(_ code: String) -> String {
        let scalars = Array(code.unicodeScalars)
        var out = ""
        var index = 0
        func span(_ cls: String, _ range: Range<Int>) {
            out += "<span class=\"\(cls)\">" + HTMLText.escape(text(range)) + "</span>"
        }
        func text(_ range: Range<Int>) -> String { String(String.UnicodeScalarView(scalars[range])) }
        while index < scalars.count {
            let scalar = scalars[index]
            let start = index
            if scalar == "#" {
                while index < scalars.count, scalars[index] != "\n" { index += 1 }
                span("com", start..<index)
            } else if scalar == "\"" {
                index += 1
                while index < scalars.count, scalars[index] != "\"", scalars[index] != "\n" {
                    index += scalars[index] == "\\" && index + 1 < scalars.count && scalars[index + 1] != "\n" ? 2 : 1
                }
                if index < scalars.count, scalars[index] == "\"" { index += 1 }
                span("str", start..<index)
            } else if isDigit(scalar) || (scalar == "." && index + 1 < scalars.count && isDigit(scalars[index + 1])
                                            && (index == 0 || scalars[index - 1] != ".")) {
                index = numberEnd(scalars, from: index)
                span("num", start..<index)
            } else if isIdentifierStart(scalar) {
                while index < scalars.count, isIdentifierStart(scalars[index]) || isDigit(scalars[index]) { index += 1 }
                let word = text(start..<index)
                if keywords.contains(word) {
                    span("kw", start..<index)
                } else if constants.contains(word) {
                    span("con", start..<index)
                } else {
                    out += HTMLText.escape(word)
                }
            } else {
                index += 1
                out += HTMLText.escape(text(start..<index))
            }
        }
        return out
    }

    /// The end of a number literal: digits and `_`, a fraction, an exponent.
    private static func numberEnd(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var index = start
        func digits() { while index < s.count, isDigit(s[index]) || s[index] == "_" { index += 1 } }
        digits()
        // A fraction, but not the start of a range operator `..<` / `...`.
        if index + 1 < s.count, s[index] == ".", isDigit(s[index + 1]) {
            index += 1
            digits()
        }
        if index < s.count, s[index] == "e" || s[index] == "E" {
            var probe = index + 1
            if probe < s.count, s[probe] == "+" || s[probe] == "-" { probe += 1 }
            if probe < s.count, isDigit(s[probe]) {
                index = probe
                digits()
            }
        }
        return index
    }

    private static func isDigit(_ s: Unicode.Scalar) -> Bool { ("0"..."9").contains(s) }
    private static func isIdentifierStart(_ s: Unicode.Scalar) -> Bool { s == "_" || s.properties.isAlphabetic }
}
