/// Renders diagnostics in the one format used everywhere (CLI, notebooks, REPL):
///
/// ```text
/// error: unknown name "lenght"
///  --> tour.dtrnb, cell 3 "train", line 12, col 5
///    |
/// 12 | y = lenght(x)
///    |     ^^^^^^
///    = did you mean "len"?
/// ```
///
/// The caret sits under the first line of the span. Tabs expand to 4-column tab stops, control
/// characters show as their Unicode pictures (␀), and very long lines are cut to a window
/// around the caret, so the output is always safe to print. A runtime error's call stack
/// follows, most recent call last: `  in fn snr at script.dtr, line 3, col 5`.
public struct DiagnosticRenderer: Sendable {
    /// Whether to use ANSI colour (bold red `error:` and so on). Off unless asked for.
    public var color: Bool
    /// Source lines longer than this many columns are shown as a window around the caret.
    public var maxLineWidth = 120

    /// Creates a renderer.
    public init(color: Bool = false) {
        self.color = color
    }

    /// One diagnostic as text, without a trailing newline.
    public func render(_ diagnostic: Diagnostic) -> String {
        var lines: [String] = []
        let kindColor: String = switch diagnostic.kind {
        case .error: "31"
        case .warning: "33"
        case .note: "36"
        }
        lines.append(paint("\(diagnostic.kind.rawValue):", "1;\(kindColor)") + " " + paint(Self.clip(diagnostic.message), "1"))
        var gutterWidth = 1
        if let span = diagnostic.span {
            let lineNumber = String(span.line)
            gutterWidth = lineNumber.count
            let pad = String(repeating: " ", count: gutterWidth)
            let (text, caretStart, caretWidth) = snippet(for: span)
            lines.append(paint(" --> ", "34") + span.locationDescription)
            lines.append(pad + paint(" |", "34"))
            lines.append(paint(lineNumber + " |", "34") + (text.isEmpty ? "" : " " + text))
            let carets = String(repeating: " ", count: caretStart) + paint(String(repeating: "^", count: caretWidth), "1;\(kindColor)")
            lines.append(pad + paint(" |", "34") + " " + carets)
        }
        let indent = String(repeating: " ", count: gutterWidth + 1)
        for note in diagnostic.notes {
            var text = "note: \(Self.clip(note.message))"
            if let span = note.span { text += " (\(span.locationDescription))" }
            lines.append(indent + paint("=", "34") + " " + text)
        }
        if let suggestion = diagnostic.suggestion {
            lines.append(indent + paint("=", "34") + " " + Self.clip(suggestion))
        }
        for entry in diagnostic.callStack {
            let name = entry.function.hasPrefix("<") ? entry.function : "fn \(entry.function)"
            lines.append("  in \(name) at \(entry.span.locationDescription)")
        }
        return lines.joined(separator: "\n")
    }

    /// Longest message shown whole; longer ones (quoting a 10 MB literal or name) are cut.
    public static let maxMessageLength = 500

    /// `text`, cut to ``maxMessageLength`` characters with a note of how much was left out.
    static func clip(_ text: String) -> String {
        guard text.utf8.count > maxMessageLength, text.count > maxMessageLength else { return text }
        return String(text.prefix(maxMessageLength)) + "… (\(text.count - maxMessageLength) more characters)"
    }

    /// Several diagnostics, separated by blank lines.
    public func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(render).joined(separator: "\n\n")
    }

    private func paint(_ text: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// The displayed source line (or a window of it), the caret's display column and width.
    func snippet(for span: SourceSpan) -> (text: String, caretStart: Int, caretWidth: Int) {
        let file = span.file, bytes = file.bytes
        let line = file.byteRange(ofLocalLine: span.localLine)
        let start = min(max(span.start, line.lowerBound), line.upperBound)
        let end = min(max(span.end, start), line.upperBound)

        // Choose a window of at most `maxLineWidth` characters around the caret.
        var windowStart = start, before = 0
        let keepBefore = maxLineWidth / 3
        while windowStart > line.lowerBound, before < keepBefore {
            windowStart -= 1
            while windowStart > line.lowerBound, bytes[windowStart] & 0xC0 == 0x80 { windowStart -= 1 }
            before += 1
        }
        if windowStart - line.lowerBound <= 3 { windowStart = line.lowerBound }
        var windowEnd = start, after = 0
        while windowEnd < line.upperBound, before + after < maxLineWidth {
            windowEnd += UTF8Scanning.decode(bytes, at: windowEnd)?.length ?? 1
            after += 1
        }
        if line.upperBound - windowEnd <= 3 {
            while windowEnd < line.upperBound { windowEnd += UTF8Scanning.decode(bytes, at: windowEnd)?.length ?? 1 }
        }

        var text = windowStart > line.lowerBound ? "…" : ""
        var column = text.isEmpty ? 0 : 1
        var caretStart = -1, caretEnd = -1
        var offset = windowStart
        while offset < windowEnd {
            if offset >= start, caretStart < 0 { caretStart = column }
            if offset >= end, caretEnd < 0 { caretEnd = column }
            let decoded = UTF8Scanning.decode(bytes, at: offset)
            let scalar = decoded?.scalar ?? "\u{FFFD}"
            offset += decoded?.length ?? 1
            switch scalar.value {
            case 0x09:
                let spaces = 4 - (column % 4)
                text += String(repeating: " ", count: spaces)
                column += spaces
            case 0x00..<0x20:
                text.unicodeScalars.append(Unicode.Scalar(0x2400 + scalar.value) ?? "\u{FFFD}")
                column += 1
            case 0x7F:
                text += "\u{2421}"
                column += 1
            case 0x80..<0xA0, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069:
                text += "\u{FFFD}"  // C1 controls, line separators and bidi overrides
                column += 1
            default:
                text.unicodeScalars.append(scalar)
                column += Self.displayWidth(of: scalar)
            }
        }
        if caretStart < 0 { caretStart = column }
        if caretEnd < 0 { caretEnd = column }
        if windowEnd < line.upperBound { text += "…" }
        return (text, caretStart, max(1, caretEnd - caretStart))
    }

    /// Terminal columns taken by a scalar: 0 for combining marks, 2 for East Asian wide characters.
    static func displayWidth(of scalar: Unicode.Scalar) -> Int {
        if UTF8Scanning.isZeroWidth(scalar) { return 0 }
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }
}
