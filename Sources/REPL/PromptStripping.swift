/// Removes REPL prompts from pasted transcripts, so a session copied from the terminal (or
/// the documentation) can be pasted back in.
///
/// If any line starts with the primary prompt `dtr> `, the text is taken to be a transcript:
/// prompts (`dtr> ` and the continuation prompt `...  `) are removed and lines without a
/// prompt (the outputs shown in the transcript) are dropped. Text with no primary prompt is
/// returned unchanged, so code that happens to start a line with `...` is left alone.
public enum PromptStripping {
    /// The primary prompt.
    public static let primary = "dtr> "
    /// The continuation prompt, as wide as the primary one.
    public static let continuation = "...  "

    /// `text` with transcript prompts removed (see the type's description).
    public static func strip(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.contains(where: isPrimary) else { return text }
        var kept: [String] = []
        for line in lines {
            if let rest = remainder(of: line) { kept.append(rest) }
        }
        return kept.joined(separator: "\n")
    }

    static func isPrimary(_ line: String) -> Bool {
        line.hasPrefix(primary) || line == "dtr>"
    }

    /// The code after a prompt, or nil when the line carries none.
    static func remainder(of line: String) -> String? {
        for prompt in [primary, continuation, "... "] where line.hasPrefix(prompt) {
            return String(line.dropFirst(prompt.count))
        }
        if line == "dtr>" || line == "..." || line == "...>" { return "" }
        return nil
    }
}
