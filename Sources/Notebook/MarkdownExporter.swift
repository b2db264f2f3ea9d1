/// `dtr export NB.dtrnb --to md [-o OUT.md]`: plain Markdown with every output inline as a
/// fenced `output` block and images as files in `OUT.files/` beside the output file.
///
/// The layout is exactly the one `--update` writes, so the export is itself a valid
/// notebook; cells without an entry in `outputs` show no output (stored blocks are dropped,
/// since their images live in another folder).
public enum MarkdownExporter {
    /// The exported text and the images to write. Apply it with
    /// ``NotebookUpdate/apply(toNotebookAt:)`` on the output file's URL; `outputName` is the
    /// output file's name without extension (images go to `outputName.files/`).
    public static func export(_ document: NotebookDocument, outputs: [Int: CellOutput], outputName: String) -> NotebookUpdate {
        document.rewritten(with: outputs, notebookName: outputName, keepUnexecuted: false)
    }
}
