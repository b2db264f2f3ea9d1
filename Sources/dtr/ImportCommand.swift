import ArgumentParser
import Foundation
import Notebook

/// `dtr import NB.ipynb [-o NB.dtrnb]`.
struct ImportCommand: ParsableCommand, ExitCodeCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Convert a dtr-kernel Jupyter notebook (.ipynb) back to .dtrnb, outputs and images included.",
        discussion: "Images go to NAME.files/ beside the output. `dtr export --to ipynb` then `dtr import` gives back the same bytes.")

    @ArgumentParser.Argument(help: "The .ipynb notebook to convert.")
    var notebook: String

    @Option(name: [.customShort("o"), .customLong("output")], help: "The .dtrnb file to write (default: beside the input).")
    var output: String?

    mutating func runWithExitCode() -> Int32 {
        guard let bytes = readWholeFile(notebook) else {
            CLI.writeError("error: cannot read \(notebook): \(readFailureReason(notebook))\n")
            return 2
        }
        let destination = output.map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: notebook).deletingPathExtension().appendingPathExtension("dtrnb")
        do {
            let update = try IpynbImporter.convert(bytes, notebookName: NotebookDocument.notebookName(of: destination))
            try update.apply(toNotebookAt: destination)
        } catch {
            CLI.writeError("error: \(notebook): \(error.message)\n")
            return 1
        }
        print("wrote \(output ?? destination.path)")
        return 0
    }
}
