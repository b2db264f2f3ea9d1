/// A piece of source text together with where it came from.
///
/// A `SourceFile` is what the lexer reads and what every ``SourceSpan`` points into.
/// It remembers its origin so diagnostics can point home:
///
/// - a script: `SourceFile(name: "script.dtr", text: …)`
/// - a notebook cell: `SourceFile(name: "tour.dtrnb", text: cellCode, cell: 3, label: "train", firstLine: 12)`
///   (`firstLine` is the line of the `.dtrnb` file on which the cell's code starts, so
///   diagnostics report lines counted in the notebook file itself)
/// - `dtr eval`: `SourceFile(name: "<eval>", text: …)`; the REPL: `"<repl>"`.
///
/// The text is kept as raw bytes: it may hold invalid UTF-8 or NUL bytes, which the lexer
/// reports as diagnostics instead of crashing.
public final class SourceFile: Sendable {
    /// Display name: a file name such as `"tour.dtrnb"`, or `"<eval>"`, `"<repl>"`.
    public let name: String
    /// The 1-based notebook cell number, if this text is a cell.
    public let cell: Int?
    /// The cell's label (the word after `dtr` in the fence info string), if any.
    public let label: String?
    /// The 1-based line of the original file on which this text starts.
    public let firstLine: Int
    /// The source text as bytes (normally UTF-8).
    public let bytes: [UInt8]
    /// Byte offset at which each line of the text starts; `lineStarts[0] == 0`.
    let lineStarts: [Int]

    /// Creates a source from a Swift string.
    public convenience init(name: String, text: String, cell: Int? = nil, label: String? = nil, firstLine: Int = 1) {
        self.init(name: name, bytes: Array(text.utf8), cell: cell, label: label, firstLine: firstLine)
    }

    /// Creates a source from raw bytes (which need not be valid UTF-8).
    public init(name: String, bytes: [UInt8], cell: Int? = nil, label: String? = nil, firstLine: Int = 1) {
        self.name = name
        self.cell = cell
        self.label = label
        self.firstLine = max(1, firstLine)
        self.bytes = bytes
        var starts = [0]
        bytes.withUnsafeBufferPointer { buffer in
            for offset in buffer.indices where buffer[offset] == 0x0A {
                starts.append(offset + 1)
            }
        }
        self.lineStarts = starts
    }

    /// The text decoded as UTF-8 (invalid sequences become U+FFFD).
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Number of lines in the text (a text without newlines has one line).
    public var lineCount: Int { lineStarts.count }

    /// The origin without line and column: `tour.dtrnb, cell 3 "train"` or `script.dtr`.
    public var originDescription: String {
        var result = name
        if let cell {
            result += ", cell \(cell)"
            if let label, !label.isEmpty { result += " \"\(label)\"" }
        }
        return result
    }

    /// The byte range of a 1-based local line, without its line terminator.
    func byteRange(ofLocalLine line: Int) -> Range<Int> {
        guard line >= 1, line <= lineStarts.count else { return bytes.count..<bytes.count }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        return start..<max(start, end)
    }

    /// The text of a 1-based local line (counted within this text), without its newline.
    public func lineText(localLine line: Int) -> String {
        String(decoding: bytes[byteRange(ofLocalLine: line)], as: UTF8.self)
    }

    /// The 1-based local line containing a byte offset.
    func localLine(containing offset: Int) -> Int {
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low + 1
    }
}
