import Foundation

/// A parsed `.dtrnb` notebook: an ordered list of segments that reproduce the file byte for
/// byte when concatenated (see ``text``).
///
/// Parsing never traps: malformed input (an unclosed fence, bad front matter, bytes that
/// are not UTF-8) is a thrown ``NotebookError`` naming the line.
public struct NotebookDocument: Equatable, Sendable {
    /// The segments in file order.
    public private(set) var segments: [NotebookSegment]

    /// Creates a document from segments (used by the writer).
    init(segments: [NotebookSegment]) {
        self.segments = segments
    }

    /// Parses notebook text.
    public init(parsing text: String) throws(NotebookError) {
        segments = try NotebookReader.segments(of: text)
    }

    /// Parses notebook bytes, which must be valid UTF-8.
    public init(parsing bytes: [UInt8]) throws(NotebookError) {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw NotebookError(.invalidUTF8, line: Self.firstInvalidLine(bytes),
                                "the notebook is not valid UTF-8 text")
        }
        try self.init(parsing: text)
    }

    /// Reads and parses a notebook file.
    public init(contentsOf url: URL) throws(NotebookError) {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw NotebookError(.io, line: nil, "cannot read \(url.path): \(error.localizedDescription)")
        }
        try self.init(parsing: [UInt8](data))
    }

    /// The notebook's text: every segment's raw text, concatenated.
    public var text: String { segments.map(\.raw).joined() }

    /// The front matter, if the file starts with one.
    public var frontMatter: FrontMatter? {
        for case .frontMatter(let block) in segments { return block }
        return nil
    }

    /// The code cells in order (cell `n` is at index `n - 1`).
    public var cells: [CodeCell] {
        segments.compactMap { if case .cell(let cell) = $0 { cell } else { nil } }
    }

    /// The stored output block of cell `number`, if it has one.
    public func storedOutput(ofCell number: Int) -> OutputBlock? {
        for case .output(let block) in segments where block.cellNumber == number { return block }
        return nil
    }

    /// The 1-based line holding the first byte that is not valid UTF-8.
    private static func firstInvalidLine(_ bytes: [UInt8]) -> Int {
        var line = 1
        var start = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == 0x0A {
            if String(validating: bytes[start..<index], as: UTF8.self) == nil { return line }
            line += 1
            start = index + 1
        }
        return line
    }
}
