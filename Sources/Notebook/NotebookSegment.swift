/// One piece of a notebook file. Concatenating every segment's `raw` text reproduces the
/// file byte for byte.
public enum NotebookSegment: Equatable, Sendable {
    /// The front matter at the very top.
    case frontMatter(FrontMatter)
    /// Markdown prose (including non-`dtr` code blocks), kept verbatim.
    case prose(Prose)
    /// A `dtr` code cell.
    case cell(CodeCell)
    /// The stored output of the cell just before it.
    case output(OutputBlock)

    /// The segment's exact text.
    public var raw: String {
        switch self {
        case .frontMatter(let block): block.raw
        case .prose(let prose): prose.raw
        case .cell(let cell): cell.raw
        case .output(let output): output.raw
        }
    }
}

/// A run of Markdown prose, kept verbatim.
public struct Prose: Equatable, Sendable {
    /// The exact text.
    public var raw: String
    /// 1-based line where the prose starts.
    public var firstLine: Int
}
