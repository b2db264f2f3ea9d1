import Foundation

/// A parsed `.dtrnb` notebook: an ordered list of segments that reproduce the file byte for
/// byte when concatenated (see ``text``).
///
/// Parsing never traps: malformed input (an unclosed fence, bad front matter, bytes that
/// are not UTF-8) is a thrown ``NotebookError`` naming the line.
///
/// Format rules where SPEC §3 is silent:
/// - Fences follow CommonMark: up to 3 spaces of indentation, ```` ``` ```` or `~~~` of any
///   length ≥ 3, closed by the same character at least as long. Any unclosed fence (cell,
///   output or prose) is an error at its opening line. Fences indented 4+ spaces are prose.
/// - A cell is a fence whose info string's first word is exactly `dtr`. The next word is the
///   label unless it is a known flag (`expect-error`); all later words are flags.
/// - A cell's stored output is, right after its closing fence and optionally one blank line:
///   an ```` ```output ```` fence, then the image lines directly under it; or image lines
///   alone. Only links to `STEM.files/cell-N-K.png` count as owned images.
/// - Lines split on LF; CR before LF stays with the line ending, and `--update` writes new
///   output blocks with the cell's own line ending.
/// - Front matter is a strict YAML subset: `key: value` lines, `#` comments, and `params:`
///   with one level of indented `name: literal` entries (literal = rest of the line).
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
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw NotebookError(.io, line: nil, "cannot read \(url.path): no such file")
        }
        if isDirectory.boolValue {
            throw NotebookError(.io, line: nil, "cannot read \(url.path): it is a folder")
        }
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
