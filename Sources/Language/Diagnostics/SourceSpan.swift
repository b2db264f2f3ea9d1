/// A range of source text: where a token, a node or a diagnostic lives.
///
/// Offsets are byte offsets into ``SourceFile/bytes`` (`start` inclusive, `end` exclusive).
/// `line` and `column` describe the start and are 1-based; `line` is counted in the
/// original file (a notebook cell's first line is ``SourceFile/firstLine``), `column`
/// counts Unicode characters (so `ᾱ` is one column).
public struct SourceSpan: Sendable, Hashable, CustomStringConvertible {
    /// The source this span points into.
    public let file: SourceFile
    /// Byte offset of the first byte.
    public let start: Int
    /// Byte offset one past the last byte.
    public let end: Int
    private let storedLocalLine: Int32
    private let storedColumn: Int32

    /// Creates a span. `localLine` is the 1-based line within the file's text.
    public init(file: SourceFile, start: Int, end: Int, localLine: Int, column: Int) {
        self.file = file
        self.start = start
        self.end = max(start, end)
        self.storedLocalLine = Int32(clamping: localLine)
        self.storedColumn = Int32(clamping: column)
    }

    /// The 1-based line within the source text (cell-relative for notebook cells).
    public var localLine: Int { Int(storedLocalLine) }
    /// The 1-based line in the original file (what users see).
    public var line: Int { file.firstLine + localLine - 1 }
    /// The 1-based column of the start, in Unicode characters.
    public var column: Int { Int(storedColumn) }
    /// Length in bytes.
    public var length: Int { end - start }

    /// The source text covered by the span.
    public var text: String {
        let lower = min(max(0, start), file.bytes.count), upper = min(max(lower, end), file.bytes.count)
        return String(decoding: file.bytes[lower..<upper], as: UTF8.self)
    }

    /// A span from the start of `self` to the end of `other`.
    public func through(_ other: SourceSpan) -> SourceSpan {
        guard other.end > end else { return self }
        return SourceSpan(file: file, start: start, end: other.end, localLine: localLine, column: column)
    }

    /// An empty span at the start of `self`.
    public var startPoint: SourceSpan {
        SourceSpan(file: file, start: start, end: start, localLine: localLine, column: column)
    }

    /// `tour.dtrnb, cell 3 "train", line 12, col 5` or `script.dtr, line 2, col 7`.
    public var locationDescription: String {
        "\(file.originDescription), line \(line), col \(column)"
    }

    public var description: String { locationDescription }

    public static func == (lhs: SourceSpan, rhs: SourceSpan) -> Bool {
        lhs.file === rhs.file && lhs.start == rhs.start && lhs.end == rhs.end
            && lhs.storedLocalLine == rhs.storedLocalLine && lhs.storedColumn == rhs.storedColumn
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(ObjectIdentifier(file))
        hasher.combine(start)
        hasher.combine(end)
    }
}
