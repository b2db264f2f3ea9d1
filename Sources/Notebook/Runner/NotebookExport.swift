import Foundation
import Language

/// `dtr export NB.dtrnb --to md|html|ipynb [-o OUT]`: writes an executed notebook in one of
/// three forms, every file written atomically.
public enum NotebookExport {
    /// The export formats.
    public enum Format: String, CaseIterable, Sendable {
        /// Markdown with `output` blocks; images as files in `OUT.files/` (`OUT.md.files/`
        /// beside the notebook, whose own images are in `NAME.files/`).
        case md
        /// One self-contained HTML page (images embedded).
        case html
        /// A Jupyter notebook (nbformat 4.5) with outputs.
        case ipynb
    }

    /// The default output file: the notebook's path with the format's extension.
    public static func defaultOutput(for notebook: URL, format: Format) -> URL {
        notebook.deletingPathExtension().appendingPathExtension(format.rawValue)
    }

    /// Writes `outputs` of `document` (read from `notebook`) to `destination` as `format`,
    /// its front matter showing the `parameters` the run used.
    /// Prose images linked by relative path are embedded in HTML when file access allows
    /// them (confined to the notebook's folder unless `allowFileSystem`).
    public static func write(_ document: NotebookDocument, outputs: [Int: CellOutput], parameters: [ResolvedParameter] = [],
                             notebook: URL, to destination: URL, format: Format,
                             allowFileSystem: Bool = false) throws(NotebookError) {
        let document = document.showing(parameters)
        if destination.standardizedFileURL.resolvingSymlinksInPath().path
            == notebook.standardizedFileURL.resolvingSymlinksInPath().path {
            throw NotebookError(.io, line: nil,
                                "refusing to overwrite the notebook itself with its export; use `dtr run --update` instead")
        }
        switch format {
        case .md:
            // Images go to `OUT.files/`, unless that is the notebook's own image folder (an
            // export beside the notebook): then `OUT.md.files/`, so an export run with other
            // parameters never replaces the pictures the notebook links to.
            var name = destination.deletingPathExtension().lastPathComponent
            if name == NotebookDocument.notebookName(of: notebook),
               destination.deletingLastPathComponent().standardizedFileURL.path
                == notebook.deletingLastPathComponent().standardizedFileURL.path {
                name = destination.lastPathComponent
            }
            let export = MarkdownExporter.export(document, outputs: outputs, outputName: name)
            try export.apply(toNotebookAt: destination)
        case .html:
            let files = FileAccess(root: notebook.deletingLastPathComponent().path, allowOutside: allowFileSystem)
            let html = HTMLExporter.export(document, outputs: outputs, name: NotebookDocument.notebookName(of: notebook),
                                           loadResource: { path in try? files.read(path) })
            try AtomicFile.write(html, to: destination)
        case .ipynb:
            try AtomicFile.write(IpynbExporter.export(document, outputs: outputs), to: destination)
        }
    }
}
