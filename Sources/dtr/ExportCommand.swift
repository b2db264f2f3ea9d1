import ArgumentParser
import Foundation
import Language
import Notebook

/// `dtr export NB.dtrnb --to md|html|ipynb [-o OUT]`.
struct ExportCommand: ParsableCommand, ExitCodeCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Run a notebook and write it as Markdown, self-contained HTML or Jupyter .ipynb.",
        discussion: """
            The default output is the notebook's path with the new extension; Markdown images \
            go to a folder OUT.files/ beside it. Nothing is written unless every cell ran \
            (use --keep-going to export a notebook with failing cells).
            """)

    /// The export formats.
    enum Target: String, ExpressibleByArgument, CaseIterable {
        case md, html, ipynb
    }

    @ArgumentParser.Argument(help: "The .dtrnb notebook to export.")
    var notebook: String

    @Option(name: .customLong("to"), help: "The format: md, html or ipynb.")
    var target: Target

    @Option(name: [.customShort("o"), .customLong("output")], help: "The output file.")
    var output: String?

    @OptionGroup var common: NotebookRunArguments

    mutating func runWithExitCode() -> Int32 {
        guard let format = NotebookExport.Format(rawValue: target.rawValue),
              let options = common.options(captureImages: true),
              let runner = common.runner(for: notebook, options: options) else { return 2 }
        let reporter = TerminalReporter(color: false, errorColor: colorAllowed(fd: 2, noColor: false), showCells: false)
        let result: NotebookRunResult
        switch common.run(runner, reporter: reporter) {
        case .success(let r): result = r
        case .failure(let status): return status.code
        }
        guard result.isComplete else {
            CLI.writeError("note: nothing was exported, because the run stopped before the last cell\n")
            return result.exitStatus
        }
        let destination = output.map { URL(fileURLWithPath: $0) } ?? NotebookExport.defaultOutput(for: runner.url, format: format)
        do {
            try NotebookExport.write(runner.document, outputs: result.run.outputs, parameters: result.parameters,
                                     notebook: runner.url,
                                     to: destination, format: format, allowFileSystem: options.allowFileSystem)
        } catch {
            CLI.writeError("error: \(error.message)\n")
            return result.exitStatus == 0 ? 1 : result.exitStatus
        }
        print("wrote \(output ?? relativePath(destination))")
        return result.exitStatus
    }

    private func relativePath(_ url: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        return url.path.hasPrefix(cwd) ? String(url.path.dropFirst(cwd.count)) : url.path
    }
}
