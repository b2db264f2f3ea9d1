/// A Markdown code fence (CommonMark rules): up to three spaces of indentation, then three
/// or more backticks or tildes, then an info string. A backtick fence's info string may not
/// contain a backtick. The block closes at a line of the same character, at least as long,
/// with only spaces or tabs after it.
struct Fence: Equatable, Sendable {
    /// `` ` `` or `~`.
    var character: Character
    /// Number of fence characters (3 or more).
    var length: Int
    /// Spaces before the fence (0...3); CommonMark strips up to this many from content lines.
    var indent: Int
    /// The info string, trimmed.
    var info: String

    /// The info string's words (`dtr train expect-error` → three words).
    var infoWords: [String] { info.words }

    /// Recognises an opening fence line, or returns nil.
    static func opening(_ line: String) -> Fence? {
        guard let (character, length, indent, rest) = scan(line) else { return nil }
        if character == "`" && rest.contains("`") { return nil }
        return Fence(character: character, length: length, indent: indent, info: rest.trimmedSpaces)
    }

    /// True when `line` closes a block opened by this fence.
    func isClosed(by line: String) -> Bool {
        guard let (character, length, _, rest) = Fence.scan(line) else { return false }
        return character == self.character && length >= self.length && rest.trimmedSpaces.isEmpty
    }

    /// Splits a line into fence character, run length, indentation and the text after the run.
    private static func scan(_ line: String) -> (Character, Int, Int, String)? {
        let scalars = Array(line.unicodeScalars)
        // A byte-order mark (first line of some Windows files) is not indentation.
        let start = scalars.first == "\u{FEFF}" ? 1 : 0
        var index = start
        while index < scalars.count, scalars[index] == " " { index += 1 }
        let indent = index - start
        guard indent <= 3, index < scalars.count else { return nil }
        let mark = scalars[index]
        guard mark == "`" || mark == "~" else { return nil }
        var length = 0
        while index < scalars.count, scalars[index] == mark {
            length += 1
            index += 1
        }
        guard length >= 3 else { return nil }
        var rest = String.UnicodeScalarView()
        rest.append(contentsOf: scalars[index...])
        return (Character(mark), length, indent, String(rest))
    }

    /// Removes up to `indent` leading spaces from a content line, as CommonMark does.
    func stripIndent(_ line: String) -> String {
        var dropped = 0
        var scalars = Substring(line).unicodeScalars[...]
        while dropped < indent, let first = scalars.first, first == " " {
            scalars = scalars.dropFirst()
            dropped += 1
        }
        return String(String.UnicodeScalarView(scalars))
    }

    /// The shortest backtick fence that no line of `text` can close: at least three, and
    /// longer than any run of backticks in the text.
    static func backtickFence(safeFor text: String) -> String {
        var longest = 0
        var run = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "`") {
                run += 1
                longest = max(longest, run)
            } else {
                run = 0
            }
        }
        return String(repeating: "`", count: max(3, longest + 1))
    }
}
