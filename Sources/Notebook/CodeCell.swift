/// A code cell: a fenced block whose info string's first word is `dtr`.
///
/// ```` ```dtr train expect-error ```` gives label `train` and flag `expect-error`. The word
/// after `dtr` is the label unless it is a known flag; every later word is a flag.
public struct CodeCell: Equatable, Sendable {
    /// Flags this version of dtr understands.
    public static let knownFlags: Set<String> = ["expect-error"]

    /// 1-based cell number in file order.
    public var number: Int
    /// The optional label word.
    public var label: String?
    /// Flags after the label, in order (known or not).
    public var flags: [String]
    /// The code, with the fence's indentation removed from each line and the original line
    /// terminators kept (the last line keeps its newline).
    public var code: String
    /// 1-based line of the notebook file where the code starts (the line after the fence).
    public var codeLine: Int
    /// Spaces removed from the start of each code line (the opening fence's indentation);
    /// add it to a column to get the column in the file.
    public var codeIndent: Int
    /// 1-based line of the opening fence.
    public var firstLine: Int
    /// The exact text of the block, both fences included.
    public var raw: String

    /// True when the cell is meant to fail (flag `expect-error`).
    public var expectsError: Bool { flags.contains("expect-error") }

    /// Flags that this version does not understand (for a warning).
    public var unknownFlags: [String] { flags.filter { !Self.knownFlags.contains($0) } }

    /// The code's line terminator style: `"\r\n"` when the opening fence line ends in CRLF.
    var lineEnding: String = "\n"

    /// `cell N "label"` or `cell N`, as diagnostics name the cell.
    public var displayName: String {
        if let label { return "cell \(number) \"\(label)\"" }
        return "cell \(number)"
    }

    /// Parses an info string's words after `dtr` into label and flags.
    static func labelAndFlags(_ words: ArraySlice<String>) -> (String?, [String]) {
        guard let first = words.first else { return (nil, []) }
        if knownFlags.contains(first) { return (nil, Array(words)) }
        return (first, Array(words.dropFirst()))
    }
}
