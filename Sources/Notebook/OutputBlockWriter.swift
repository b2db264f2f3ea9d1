/// Lays out a cell's output as Markdown: one blank line, an `output` fence (long enough that
/// no backticks in the text can close it), then image links right under it.
enum OutputBlockWriter {
    /// A PNG the writer wants on disk: a file name inside the image folder and its bytes.
    struct Image: Equatable, Sendable {
        var fileName: String
        var png: [UInt8]
    }

    /// Renders the block for `output` of `cell`. `cellRaw` is the cell's text: when it lacks
    /// a final newline, the block starts with one. Returns "" for an empty output.
    static func render(_ output: CellOutput, for cell: CodeCell, cellRaw: String,
                       imageFolder: String) -> (text: String, images: [Image]) {
        guard !output.isEmpty else { return ("", []) }
        let eol = cell.lineEnding
        var text = cellRaw.utf8.last == UInt8(ascii: "\n") ? "" : eol
        text += eol
        let lines = output.blockLines
        if !lines.isEmpty {
            let fence = Fence.backtickFence(safeFor: lines.joined(separator: "\n"))
            text += fence + "output" + eol
            for line in lines { text += line + eol }
            text += fence + eol
        }
        var images: [Image] = []
        for (offset, image) in output.images.enumerated() {
            let name = ImageLinkSyntax.fileName(cell: cell.number, image: offset + 1)
            let alt = image.alt.isEmpty ? "\(cell.displayName), image \(offset + 1)" : image.alt
            text += ImageLinkSyntax.line(alt: alt, path: imageFolder + "/" + name) + eol
            images.append(Image(fileName: name, png: image.png))
        }
        return (text, images)
    }
}
