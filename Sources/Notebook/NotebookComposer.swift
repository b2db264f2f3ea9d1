/// Builds a new notebook from code (for the REPL's `:save FILE.dtrnb`): optional front
/// matter with a title, then one `dtr` cell per entry separated by blank lines, then the
/// outputs laid out exactly as `--update` would.
public enum NotebookComposer {
    /// The new notebook's text and images. Cell `n` is `cells[n - 1]`; a fence longer than
    /// any backtick run in the code is used, so every cell reads back unchanged.
    public static func compose(title: String? = nil, cells: [String], outputs: [Int: CellOutput] = [:],
                               notebookName: String) -> NotebookUpdate {
        var text = ""
        if let title {
            let oneLine = title.unicodeScalars.map { $0 == "\n" || $0 == "\r" ? " " : String($0) }.joined()
            text += "---\ntitle: \(oneLine)\n---\n\n"
        }
        for (offset, code) in cells.enumerated() {
            var body = code
            if !body.isEmpty, body.unicodeScalars.last != "\n" { body += "\n" }
            let fence = Fence.backtickFence(safeFor: body)
            if offset > 0 { text += "\n" }
            text += fence + "dtr\n" + body + fence + "\n"
        }
        guard let document = try? NotebookDocument(parsing: text) else {
            // Unreachable for text built above; fall back to the plain text without outputs.
            return NotebookUpdate(text: text, imageFolder: ImageLinkSyntax.folderName(notebookName: notebookName),
                                  imagesToWrite: [], referencedImages: [])
        }
        return document.updated(with: outputs, notebookName: notebookName)
    }
}
