import Foundation
import Language
import Tensor

/// Settings of one notebook run (`dtr run`, `dtr export`).
public struct NotebookRunOptions: Sendable {
    /// `--keep-going`: run every cell even after a failure.
    public var keepGoing = false
    /// `--timeout S`: the per-cell limit in seconds.
    public var timeout: Double?
    /// `--set NAME=VALUE` replacements of declared parameters.
    public var overrides: [ParameterOverride] = []
    /// `--allow-fs`: let file access leave the notebook's folder.
    public var allowFileSystem = false
    /// Draw displayed plots as PNG images (for `--update` and exports).
    public var captureImages = false
    /// Load `stdlib/*.dtr` before the parameters are bound.
    public var loadStandardLibrary = true
    /// Whether a cell that ignores its timeout ends the process (off in in-process tests).
    public var hardTimeoutExit = true

    /// Creates options with the defaults of a plain `dtr run`.
    public init(keepGoing: Bool = false, timeout: Double? = nil, overrides: [ParameterOverride] = [],
                allowFileSystem: Bool = false, captureImages: Bool = false) {
        self.keepGoing = keepGoing
        self.timeout = timeout
        self.overrides = overrides
        self.allowFileSystem = allowFileSystem
        self.captureImages = captureImages
    }
}

/// A notebook run that could not start: bad parameters (a usage error, exit status 2) or a
/// broken standard library (exit status 1).
public struct NotebookRunSetupError: Error, CustomStringConvertible {
    /// The problem as diagnostics (front-matter or `--set` literals).
    public var diagnostics: [Diagnostic]
    /// The problem as plain text, when there is no diagnostic.
    public var message: String?
    /// The process exit status.
    public var exitStatus: Int32

    /// Everything as text, without colour.
    public var description: String {
        var parts = diagnostics.map { DiagnosticRenderer().render($0) }
        if let message { parts.append("error: " + message) }
        return parts.joined(separator: "\n")
    }
}

/// How a notebook run ended.
public struct NotebookRunResult: Sendable {
    /// Per-cell outputs and the outcome (see ``NotebookRun``).
    public var run: NotebookRun
    /// The parameter values bound before cell 1.
    public var parameters: [ResolvedParameter]
    /// The process exit status (SPEC §2): 0, 1 (a cell failed), 2 (the first failing cell
    /// has a syntax error), 3 (timeout), 130 (Ctrl-C).
    public var exitStatus: Int32
    /// The cells that failed the run, in order.
    public var failedCells: [CodeCell]
    /// The number of cells in the notebook.
    public var cellCount: Int
    /// The timeout, if one was set.
    public var timeout: Double?
    /// The diagnostics of each cell that has some (to re-render when lines move).
    var diagnostics: [Int: [Diagnostic]] = [:]
    /// What the notebook saved with `record(name, value)`.
    public var records: [String: RecordedValue] = [:]

    /// True when every cell ran (the run succeeded, or failed under `--keep-going`), so the
    /// outputs describe the whole notebook and may be written back.
    public var isComplete: Bool {
        switch run.outcome {
        case .succeeded, .failed: run.outputs.count == cellCount
        case .timedOut, .interrupted: false
        }
    }

    /// A one-line account of a run that did not succeed, or nil.
    public var summary: String? {
        switch run.outcome {
        case .succeeded:
            return nil
        case .failed:
            let names = failedCells.map(\.displayName).joined(separator: ", ")
            if failedCells.count == 1 { return "\(names) failed" }
            return "\(failedCells.count) of \(cellCount) cells failed: \(names)"
        case .timedOut(let number):
            let limit = timeout.map { " after " + CellTimeout.format($0) } ?? ""
            return "\(name(of: number)) timed out\(limit); the run stopped there"
        case .interrupted(let number):
            return "interrupted in \(name(of: number))"
        }
    }

    private func name(of number: Int) -> String {
        failedCells.first { $0.number == number }?.displayName ?? "cell \(number)"
    }
}

/// Runs a `.dtrnb` notebook: one ``Session`` rooted at the notebook's folder, random seed 0,
/// parameters bound before cell 1, each cell as a ``SourceFile`` that knows its notebook,
/// cell number, label and first line (so diagnostics point into the `.dtrnb` file).
///
/// ```swift
/// let runner = try NotebookRunner(url: URL(fileURLWithPath: "tour.dtrnb"))
/// let result = try runner.run(reporter: SilentReporter())
/// result.exitStatus            // 0
/// runner.writeUpdate(result)   // `--update`
/// ```
public final class NotebookRunner {
    /// The notebook file.
    public let url: URL
    /// The parsed notebook.
    public let document: NotebookDocument
    /// The notebook's text when it was read (`--update` refuses if the file changed since).
    public let originalText: String
    /// The run's settings.
    public let options: NotebookRunOptions

    /// The name diagnostics use: the notebook's file name (independent of the current
    /// folder, so outputs written back are the same wherever `dtr` runs from).
    public var fileName: String { url.lastPathComponent }

    /// Reads and parses the notebook at `url`.
    public init(url: URL, options: NotebookRunOptions = NotebookRunOptions()) throws(NotebookError) {
        self.url = url
        self.options = options
        document = try NotebookDocument(contentsOf: url)
        originalText = document.text
    }

    /// Runs every cell, reporting progress to `reporter`. Throws only when the run cannot
    /// start (bad parameters, a broken standard library).
    public func run(reporter: RunReporter) throws(NotebookRunSetupError) -> NotebookRunResult {
        let resolved: [ResolvedParameter]
        do {
            resolved = try document.parameters(applying: options.overrides)
        } catch {
            throw NotebookRunSetupError(diagnostics: [], message: error.message, exitStatus: 2)
        }
        let sink = CellSink(reporter: reporter)
        let root = url.deletingLastPathComponent().path
        let session = Session(options: SessionOptions(root: root.isEmpty ? "." : root,
                                                      allowFileSystem: options.allowFileSystem,
                                                      maxOutputBytes: SessionOptions.cellOutputLimit),
                              output: sink)
        if options.loadStandardLibrary, let broken = session.loadStandardLibrary() {
            throw NotebookRunSetupError(diagnostics: [broken], message: nil, exitStatus: 1)
        }
        Random.seed(0)
        let problems = ParameterBinding.bind(resolved, in: session, notebookFile: fileName)
        if !problems.isEmpty { throw NotebookRunSetupError(diagnostics: problems, message: nil, exitStatus: 2) }
        reporter.parametersBound(resolved)

        var failed: [CodeCell] = []
        var syntaxFailures: Set<Int> = []
        var diagnostics: [Int: [Diagnostic]] = [:]
        let run = NotebookRun.run(document, keepGoing: options.keepGoing) { cell in
            let report = execute(cell, in: session, sink: sink, reporter: reporter)
            if report.failsRun { failed.append(cell) }
            if report.failsRun && report.isSyntaxError {
                syntaxFailures.insert(cell.number)
            }
            if !report.diagnostics.isEmpty { diagnostics[cell.number] = report.diagnostics }
            reporter.cellFinished(report.cell)
            return report.cell.output
        }
        var status = run.outcome.exitStatus
        if case .failed(let number) = run.outcome, syntaxFailures.contains(number) { status = 2 }
        var result = NotebookRunResult(run: run, parameters: resolved, exitStatus: status, failedCells: failed,
                                       cellCount: document.cells.count, timeout: options.timeout)
        result.diagnostics = diagnostics
        result.records = session.records
        reporter.runFinished(result)
        return result
    }

    /// A cell's report plus whether it failed with syntax errors.
    private struct Executed {
        var cell: CellReport
        var isSyntaxError: Bool
        var failsRun: Bool { cell.failsRun }
        var diagnostics: [Diagnostic] { cell.diagnostics }
    }

    private func execute(_ cell: CodeCell, in session: Session, sink: CellSink, reporter: RunReporter) -> Executed {
        if RunInterrupts.wasReceived {
            let output = CellOutput(status: .interrupted)
            return Executed(cell: CellReport(cell: cell, output: output, value: nil, diagnostics: [], message: nil,
                                             failsRun: true), isSyntaxError: false)
        }
        reporter.cellStarted(cell)
        sink.begin()
        let watchdog = options.timeout.map {
            CellTimeout(seconds: $0, cellName: cell.displayName, hardExit: options.hardTimeoutExit)
        }
        watchdog?.start()
        let relay = InterruptRelay()
        relay.start()
        let source = SourceFile(name: fileName, text: Self.sourceText(of: cell), cell: cell.number,
                                label: cell.label, firstLine: cell.codeLine)
        let outcome = session.run(source)
        relay.finish()
        let timedOut = watchdog?.finish() ?? false
        Interrupt.clear()
        var output = CellOutput(lines: Self.lines(of: sink.end()))
        var value: Value?
        var diagnostics: [Diagnostic] = []
        var message: String?
        var isSyntaxError = false
        switch outcome {
        case .value(let result):
            value = result.isNone ? nil : result
            if let value { appendDisplay(of: value, to: &output, cell: cell, reporter: reporter) }
            if cell.expectsError {
                message = "error: \(cell.displayName) is marked expect-error but ran without an error"
                output.error = message
            }
        case .syntaxErrors(let errors):
            diagnostics = errors
            isSyntaxError = true
            output.status = .failed
        case .runtimeError(let error):
            diagnostics = [error]
            output.status = .failed
        case .interrupted(var error):
            if timedOut && !RunInterrupts.wasReceived {
                let limit = options.timeout.map { " after " + CellTimeout.format($0) } ?? ""
                error.message = "cell timed out\(limit)"
                output.status = .timedOut
            } else {
                output.status = .interrupted
            }
            diagnostics = [error]
        }
        if !diagnostics.isEmpty { output.error = Self.errorText(diagnostics) }
        let failsRun: Bool = switch output.status {
        case .succeeded: cell.expectsError
        case .failed: !cell.expectsError
        case .timedOut, .interrupted: true
        }
        return Executed(cell: CellReport(cell: cell, output: output, value: value, diagnostics: diagnostics,
                                         message: message, failsRun: failsRun),
                        isSyntaxError: isSyntaxError)
    }

    /// Adds a displayed value to the file form of the output: an image for a plot (when
    /// images are captured), else its text without colour.
    private func appendDisplay(of value: Value, to output: inout CellOutput, cell: CodeCell, reporter: RunReporter) {
        if options.captureImages, case .object(let object) = value, let drawable = object as? ImageRenderable {
            do {
                output.images.append(CellImage(png: try drawable.pngBytes(), alt: ""))
                return
            } catch {
                reporter.imageFailed(cell, "\(error)")
            }
        }
        let text = ANSI.strip(value.display(width: 80, color: false))
        if !text.isEmpty { output.lines += Self.lines(of: text + "\n") }
    }

    /// The code as the evaluator sees it: an indented fence's indentation put back, so
    /// columns match the file, and without the last line break (see ``withoutFinalNewline(_:)``).
    static func sourceText(of cell: CodeCell) -> String {
        let code = withoutFinalNewline(cell.code)
        guard cell.codeIndent > 0, !code.isEmpty else { return code }
        let indent = String(repeating: " ", count: cell.codeIndent)
        return code.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : indent + $0 }.joined(separator: "\n")
    }

    /// The code without its last line break, so "end of input" points at the end of the
    /// cell's last line, not at the closing fence.
    static func withoutFinalNewline(_ code: String) -> String {
        var code = code
        if code.unicodeScalars.last == "\n" { code.unicodeScalars.removeLast() }
        if code.unicodeScalars.last == "\r" { code.unicodeScalars.removeLast() }
        return code
    }

    /// Diagnostics as the files show them: rendered without colour, one after another.
    static func errorText(_ diagnostics: [Diagnostic]) -> String {
        let renderer = DiagnosticRenderer(color: false)
        return diagnostics.map { renderer.render($0) }.joined(separator: "\n")
    }

    /// Printed text as lines (a final newline ends the last line; ANSI escapes removed).
    static func lines(of text: String) -> [String] {
        guard !text.isEmpty else { return [] }
        var pieces = ANSI.strip(text).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if pieces.last == "" { pieces.removeLast() }
        return pieces
    }

    // MARK: - Writing results

    /// `--update`: writes the outputs back into the notebook (atomically; images into
    /// `NAME.files/`), with the front-matter entries of `--set` parameters rewritten to the
    /// values used. Only a complete run is written (see ``NotebookRunResult/isComplete``);
    /// returns false, touching nothing, otherwise.
    public func writeUpdate(_ result: NotebookRunResult) throws(NotebookError) -> Bool {
        guard result.isComplete else { return false }
        let name = NotebookDocument.notebookName(of: url)
        var outputs = result.run.outputs
        var update = document.updated(with: outputs, notebookName: name)
        // Diagnostics name lines of the file as it will be, so a second run writes the same bytes.
        if !result.diagnostics.isEmpty, let written = try? NotebookDocument(parsing: update.text) {
            var lines: [Int: Int] = [:]
            for cell in written.cells { lines[cell.number] = cell.codeLine }
            var rebase = DiagnosticRebase(fileName: fileName, newCodeLines: lines)
            var changed = false
            for (number, diagnostics) in result.diagnostics where diagnostics.contains(where: rebase.affects) {
                guard var output = outputs[number] else { continue }
                output.error = Self.errorText(diagnostics.map { rebase.rebase($0) })
                outputs[number] = output
                changed = true
            }
            if changed { update = document.updated(with: outputs, notebookName: name) }
        }
        if let frontMatter = document.frontMatter {
            update.text = frontMatter.rewritingParameters(in: update.text, values: result.parameters)
        }
        try update.apply(toNotebookAt: url, original: originalText)
        return true
    }
}

/// The session's output sink during a notebook run: collects what the current cell prints
/// and passes it on to the reporter as it comes.
final class CellSink: OutputSink {
    private let reporter: RunReporter
    private var captured = ""

    init(reporter: RunReporter) { self.reporter = reporter }

    func write(_ text: String) {
        captured += text
        reporter.cellPrinted(text)
    }

    /// Starts collecting for a new cell.
    func begin() { captured = "" }

    /// Ends the cell: returns what it printed.
    func end() -> String {
        defer { captured = "" }
        return captured
    }
}

/// Removes ANSI escape sequences (no colour ever goes into files).
enum ANSI {
    static func strip(_ text: String) -> String {
        guard text.unicodeScalars.contains("\u{1B}") else { return text }
        var out = String.UnicodeScalarView()
        var iterator = text.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            guard scalar == "\u{1B}" else { out.append(scalar); continue }
            guard let next = iterator.next() else { break }
            if next == "[" {
                // CSI: parameters and intermediates, ended by a byte in @…~.
                while let c = iterator.next(), !(("@"..."~").contains(c)) {}
            }
        }
        return String(out)
    }
}
