import Foundation
import Language

/// `dtr run --results DIR`: after a run, DIR holds `result.json` (the parameters, how the
/// run ended, its time, the notebook's SHA-256 and every `record(name, value)`) and the
/// executed notebook `NAME.dtrnb` with its outputs (plots as PNGs in `NAME.files/`), its
/// front matter showing the parameter values the run used, so `dtr run` on that copy
/// repeats the run. `dtr sweep` starts one such run per grid point.
public struct RunResultsFolder {
    /// The folder written into.
    public let folder: URL

    /// Results go into `folder` (created when missing).
    public init(_ folder: URL) { self.folder = folder }

    /// Writes a finished run's results.
    public func write(_ result: NotebookRunResult, of runner: NotebookRunner, seconds: Double,
                      dtrVersion: String) throws(NotebookError) {
        try createFolder()
        var params: [String: String] = [:]
        for p in result.parameters { params[p.name] = p.literal }
        let status = RunResult.status(forExit: Int(result.exitStatus))
        let record = RunResult(params: params, status: status, exitStatus: Int(result.exitStatus), seconds: seconds,
                               notebookHash: SHA256.hex(Array(runner.originalText.utf8)), dtrVersion: dtrVersion,
                               records: result.records, message: Self.message(result))
        let name = NotebookDocument.notebookName(of: runner.url)
        var update = runner.document.updated(with: result.run.outputs, notebookName: name)
        if let frontMatter = runner.document.frontMatter {
            update.text = Self.substituting(result.parameters, in: update.text, frontMatter: frontMatter)
        }
        try update.apply(toNotebookAt: folder.appendingPathComponent(runner.url.lastPathComponent))
        try AtomicFile.write(record.json.serialized, to: folder.appendingPathComponent(RunResult.fileName))
    }

    /// Writes the results of a run that could not start (bad parameters, a broken stdlib).
    public func write(setupFailure: NotebookRunSetupError, of runner: NotebookRunner, seconds: Double,
                      dtrVersion: String) throws(NotebookError) {
        try createFolder()
        var params: [String: String] = [:]
        for p in (try? runner.document.parameters(applying: runner.options.overrides)) ?? [] { params[p.name] = p.literal }
        let record = RunResult(params: params, status: .failed, exitStatus: Int(setupFailure.exitStatus), seconds: seconds,
                               notebookHash: SHA256.hex(Array(runner.originalText.utf8)), dtrVersion: dtrVersion,
                               message: setupFailure.description)
        try AtomicFile.write(record.json.serialized, to: folder.appendingPathComponent(RunResult.fileName))
    }

    /// The run's one-line summary plus the first failed cell's first error line.
    static func message(_ result: NotebookRunResult) -> String? {
        guard var text = result.summary else { return nil }
        if let cell = result.failedCells.first, let error = result.run.outputs[cell.number]?.error,
           let line = error.split(separator: "\n").first {
            text += ": " + (line.hasPrefix("error: ") ? String(line.dropFirst(7)) : String(line))
        }
        return text
    }

    private func createFolder() throws(NotebookError) {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw NotebookError(.io, line: nil, "cannot create \(folder.path): \(error.localizedDescription)")
        }
    }

    /// The notebook text with each `--set` parameter's front-matter literal replaced by the
    /// value the run used (the rest of the file unchanged).
    static func substituting(_ parameters: [ResolvedParameter], in text: String, frontMatter: FrontMatter) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for p in parameters where p.source == .commandLine {
            guard let declared = frontMatter.parameter(named: p.name), declared.line >= 1, declared.line <= lines.count
            else { continue }
            let scalars = Array(lines[declared.line - 1].unicodeScalars)
            let start = declared.column - 1
            let end = start + declared.literal.unicodeScalars.count
            guard start >= 0, end <= scalars.count,
                  String(String.UnicodeScalarView(scalars[start..<end])) == declared.literal else { continue }
            var line = String.UnicodeScalarView(scalars[..<start])
            line.append(contentsOf: p.literal.unicodeScalars)
            line.append(contentsOf: scalars[end...])
            lines[declared.line - 1] = String(line)
        }
        return lines.joined(separator: "\n")
    }
}
