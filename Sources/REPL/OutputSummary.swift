/// Shortens very long displays for the terminal: the first and last lines are kept and the
/// middle is replaced by a line saying how much was left out. (Tensors are already
/// summarised by the engine, numpy-style; this catches everything else, e.g. long lists.)
enum OutputSummary {
    /// `text`, with at most `maxLines` lines.
    static func summarise(_ text: String, maxLines: Int) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let limit = max(maxLines, 8)
        guard lines.count > limit else { return text }
        let tail = limit / 4, head = limit - tail - 1
        let omitted = lines.count - head - tail
        return (lines.prefix(head) + ["… \(omitted) more lines …"] + lines.suffix(tail)).joined(separator: "\n")
    }
}
