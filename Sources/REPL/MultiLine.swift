/// Decides whether typed text is a finished entry or the user is still inside an open
/// bracket or block, so the REPL knows whether to show the continuation prompt.
///
/// Rules: `(`, `[` and `{` open, their partners close; brackets inside strings (`"…"`, with
/// backslash escapes) and comments (`#` to end of line) do not count. A string that is still
/// open at the end of a line is left for the parser to report (strings do not span lines),
/// as is a surplus closing bracket: both make the entry "complete" so the error shows at once.
///
/// Comment lines wait for what follows, as in Python's REPL: an entry of nothing but `#` lines
/// is continued, so a comment typed right above `fn` stays in the same entry and becomes the
/// function's help (`:help NAME`); an empty line ends such an entry (it does nothing).
public enum InputCompleteness {
    /// Whether `source` can be evaluated now.
    public static func isComplete(_ source: String) -> Bool {
        if onlyComments(source) {
            return source.split(separator: "\n", omittingEmptySubsequences: false).last?.allSatisfy(\.isWhitespace) ?? true
        }
        return openBrackets(source).isEmpty
    }

    /// Whether every non-blank line of `source` is a comment (and there is one).
    static func onlyComments(_ source: String) -> Bool {
        var sawComment = false
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            let text = line.drop(while: \.isWhitespace)
            if text.isEmpty { continue }
            guard text.hasPrefix("#") else { return false }
            sawComment = true
        }
        return sawComment
    }

    /// The brackets still open at the end of `source`, outermost first (empty once balanced
    /// or when a closing bracket has no partner).
    public static func openBrackets(_ source: String) -> [Character] {
        var stack: [Character] = []
        var inString = false, escaped = false, inComment = false
        for ch in source {
            if inComment {
                if ch == "\n" { inComment = false }
                continue
            }
            if inString {
                if escaped { escaped = false }
                else if ch == "\\" { escaped = true }
                else if ch == "\"" || ch == "\n" { inString = false }
                continue
            }
            switch ch {
            case "#": inComment = true
            case "\"": inString = true
            case "(", "[", "{": stack.append(ch)
            case ")", "]", "}":
                guard let last = stack.last, partner(of: last) == ch else { return [] }
                stack.removeLast()
            default: break
            }
        }
        return stack
    }

    static func partner(of open: Character) -> Character {
        switch open {
        case "(": return ")"
        case "[": return "]"
        default: return "}"
        }
    }
}

/// Gathers the lines of one entry until it is complete.
///
/// Two empty lines in a row while brackets are still open submit the entry anyway (the
/// parser then says what is missing), so a stray bracket can never trap the user.
///
/// Prompts are stripped on the way in (see ``PromptStripping``): an entry whose first line
/// carried the primary prompt is a pasted transcript, so its continuation lines lose theirs.
/// A line starting with `:` at the primary prompt is a meta-command and is never continued.
struct EntryBuffer {
    private(set) var lines: [String] = []
    private var trailingEmpty = 0
    private var transcript = false

    /// Whether a continuation line is being awaited.
    var isContinuing: Bool { !lines.isEmpty }

    /// The entry so far.
    var text: String { lines.joined(separator: "\n") }

    /// Adds a line; returns the finished entry if this line completes it.
    ///
    /// After comment lines only (which wait for the code they describe), a line is read as if
    /// it were the first: its prompt is stripped and a `:` meta-command runs (the comments,
    /// which would do nothing, are dropped).
    mutating func add(_ rawLine: String, isComplete: (String) -> Bool) -> String? {
        var line = rawLine
        if lines.isEmpty || InputCompleteness.onlyComments(text) {
            line = PromptStripping.strip(rawLine)
            if lines.isEmpty {
                transcript = line != rawLine
                if line.allSatisfy(\.isWhitespace) { return nil }
            }
            if line.drop(while: \.isWhitespace).hasPrefix(":") {
                reset()
                return line
            }
        } else if transcript {
            line = PromptStripping.remainder(of: rawLine) ?? rawLine
        }
        lines.append(line)
        trailingEmpty = line.allSatisfy(\.isWhitespace) ? trailingEmpty + 1 : 0
        let source = text
        if trailingEmpty >= 2 || isComplete(source) {
            reset()
            return source
        }
        return nil
    }

    /// Drops a half-typed entry (Ctrl-C).
    mutating func reset() {
        lines = []
        trailingEmpty = 0
        transcript = false
    }
}
