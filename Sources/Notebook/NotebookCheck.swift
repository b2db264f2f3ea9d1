import Language

/// `dtr check NB.dtrnb`: every code cell parsed and statically checked on its own, without
/// running anything. Diagnostics name the notebook file, the cell and the line of the file.
/// A cell marked `expect-error` is meant to fail, so its diagnostics are not reported.
public enum NotebookCheck {
    /// The diagnostics of every cell that is not marked `expect-error`, in cell order.
    public static func check(_ document: NotebookDocument, fileName: String) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for cell in document.cells where !cell.expectsError {
            let source = SourceFile(name: fileName, text: NotebookRunner.sourceText(of: cell), cell: cell.number,
                                    label: cell.label, firstLine: cell.codeLine)
            found += Session.check(source)
        }
        return found
    }
}
