/// Renders Markdown inline syntax to safe HTML: `code`, **strong**, *emphasis*, ~~strike~~,
/// [links](url), ![images](src), <https://autolinks> and backslash escapes. Raw HTML is
/// escaped, never passed through; unsafe URLs (`javascript:` …) lose their link.
struct MarkdownInline {
    /// Turns an image path from prose into a `src` (for example a `data:` URI); nil keeps
    /// the path as written.
    var imageSource: (String) -> String?
    /// Nesting limit for emphasis inside links inside emphasis…
    static let maxDepth = 12
    /// How far (in scalars) to look for a closing delimiter; keeps hostile input linear.
    static let window = 1_000

    /// Renders one paragraph's text.
    func render(_ text: String, depth: Int = 0) -> String {
        let s = Array(text.unicodeScalars)
        // Deep nesting or huge paragraphs are shown as plain text (bounded work, no recursion).
        guard depth < Self.maxDepth, s.count <= 20_000 else { return HTMLText.escape(text) }
        var out = ""
        var i = 0
        func str(_ range: Range<Int>) -> String { String(String.UnicodeScalarView(s[range])) }
        while i < s.count {
            let c = s[i]
            if c == "\\", i + 1 < s.count, s[i + 1].isASCII, s[i + 1].properties.isPatternSyntax || s[i + 1] == "_" {
                out += HTMLText.escape(String(s[i + 1]))
                i += 2
            } else if c == "`" {
                let run = runLength(s, i, "`")
                if let close = findRun(s, from: i + run, "`", length: run, limit: i + Self.window) {
                    var code = str((i + run)..<close).replacingNewlines()
                    if code.count >= 2, code.hasPrefix(" "), code.hasSuffix(" "), code.trimmedSpaces != "" {
                        code = String(code.dropFirst().dropLast())
                    }
                    out += "<code>" + HTMLText.escape(code) + "</code>"
                    i = close + run
                } else {
                    out += str(i..<(i + run))
                    i += run
                }
            } else if c == "!", i + 1 < s.count, s[i + 1] == "[", let link = parseLink(s, at: i + 1) {
                let alt = str(link.text)
                if let src = imageSource(link.destination) ?? HTMLText.safeURL(link.destination) {
                    out += "<img src=\"\(HTMLText.escape(src))\" alt=\"\(HTMLText.escape(alt))\">"
                } else {
                    out += HTMLText.escape(alt)
                }
                i = link.end
            } else if c == "[", let link = parseLink(s, at: i) {
                let inner = render(str(link.text), depth: depth + 1)
                if let href = HTMLText.safeURL(link.destination) {
                    out += "<a href=\"\(HTMLText.escape(href))\">\(inner)</a>"
                } else {
                    out += inner
                }
                i = link.end
            } else if c == "<", let close = s[i..<min(s.count, i + Self.window)].firstIndex(of: ">"), close > i + 1,
                      !s[(i + 1)..<close].contains(where: { $0 == " " || $0 == "<" }),
                      let href = HTMLText.safeURL(str((i + 1)..<close)), href.contains(":") {
                out += "<a href=\"\(HTMLText.escape(href))\">\(HTMLText.escape(href))</a>"
                i = close + 1
            } else if c == "*" || c == "_" || c == "~", let (html, end) = emphasis(s, at: i, depth: depth) {
                out += html
                i = end
            } else {
                out += HTMLText.escape(String(c))
                i += 1
            }
        }
        return out
    }

    /// `*x*`, `**x**`, `_x_`, `__x__`, `~~x~~`: the closing run must match, and neither
    /// run may sit against whitespace on its inner side. `_` does not work inside words.
    private func emphasis(_ s: [Unicode.Scalar], at i: Int, depth: Int) -> (String, Int)? {
        let c = s[i]
        let run = min(runLength(s, i, c), 2)
        if c == "~" && run != 2 { return nil }
        if c == "_", i > 0, isWordScalar(s[i - 1]) { return nil }
        let open = i + run
        guard open < s.count, !isSpace(s[open]) else { return nil }
        var j = open
        while let close = findRun(s, from: j, c, length: run, limit: i + Self.window) {
            if close > open, !isSpace(s[close - 1]),
               !(c == "_" && close + run < s.count && isWordScalar(s[close + run])) {
                let inner = render(String(String.UnicodeScalarView(s[open..<close])), depth: depth + 1)
                let tag = c == "~" ? "del" : (run == 2 ? "strong" : "em")
                return ("<\(tag)>\(inner)</\(tag)>", close + run)
            }
            j = close + run
        }
        return nil
    }

    /// `[text](destination "title")` starting at `[`; nil when it is not a link.
    private func parseLink(_ s: [Unicode.Scalar], at start: Int) -> (text: Range<Int>, destination: String, end: Int)? {
        var depth = 0
        var i = start
        var textEnd: Int?
        let limit = min(s.count, start + Self.window)
        while i < limit {
            if s[i] == "\\" { i += 2; continue }
            if s[i] == "[" { depth += 1 }
            if s[i] == "]" {
                depth -= 1
                if depth == 0 { textEnd = i; break }
            }
            i += 1
        }
        guard let textEnd, textEnd + 1 < s.count, s[textEnd + 1] == "(" else { return nil }
        guard let close = s[(textEnd + 2)..<min(s.count, textEnd + 2 + Self.window)].firstIndex(of: ")") else { return nil }
        var destination = String(String.UnicodeScalarView(s[(textEnd + 2)..<close])).trimmedSpaces
        if let space = destination.firstIndex(where: { $0 == " " }) {
            destination = String(destination[..<space])  // drop an optional "title"
        }
        if destination.hasPrefix("<"), destination.hasSuffix(">"), destination.count >= 2 {
            destination = String(destination.dropFirst().dropLast())
        }
        return ((start + 1)..<textEnd, destination, close + 1)
    }

    private func runLength(_ s: [Unicode.Scalar], _ i: Int, _ c: Unicode.Scalar) -> Int {
        var j = i
        while j < s.count, s[j] == c { j += 1 }
        return j - i
    }

    /// The start of the next run of exactly `length` copies of `c` at or after `from` and
    /// before `limit`.
    private func findRun(_ s: [Unicode.Scalar], from: Int, _ c: Unicode.Scalar, length: Int, limit: Int) -> Int? {
        var j = from
        while j < min(s.count, limit) {
            if s[j] == c {
                let run = runLength(s, j, c)
                if run == length || (c != "`" && run > length) { return j }
                j += run
            } else {
                j += 1
            }
        }
        return nil
    }

    private func isSpace(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\t" || s == "\n" }
    private func isWordScalar(_ s: Unicode.Scalar) -> Bool { s.properties.isAlphabetic || ("0"..."9").contains(s) }
}

extension String {
    /// Newlines folded to spaces (inline code spans).
    func replacingNewlines() -> String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0 == "\n" ? " " : $0 }))
    }
}
