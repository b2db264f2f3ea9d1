import Language
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Prints a notebook run for a person at a terminal (`dtr run`):
///
/// ```text
/// params: T = 1000, C = 64
///
/// ── cell 1 "basics" ──
/// x = 3 y = 10
/// 3.2
/// ```
///
/// Printed text streams as the cell runs; then the displayed value (plots drawn in the
/// terminal). An `expect-error` cell's diagnostic is part of its output (standard output);
/// an unexpected failure goes to standard error, followed at the end by a one-line summary.
/// ANSI colour only where asked (`color` for standard output, `errorColor` for standard error).
public final class TerminalReporter: RunReporter {
    private let color: Bool
    private let errorColor: Bool
    private let width: Int
    private let showCells: Bool
    private let out = StandardOutput()
    private var wroteAnything = false
    private var atLineStart = true

    /// Creates a reporter. With `showCells` false only failures and the summary appear
    /// (`dtr export`).
    public init(color: Bool, errorColor: Bool, width: Int = 80, showCells: Bool = true) {
        self.color = color
        self.errorColor = errorColor
        self.width = width
        self.showCells = showCells
    }

    public func parametersBound(_ parameters: [ResolvedParameter]) {
        guard showCells, !parameters.isEmpty else { return }
        write("params: " + parameters.map { "\($0.name) = \($0.literal)" }.joined(separator: ", ") + "\n")
    }

    public func cellStarted(_ cell: CodeCell) {
        for flag in cell.unknownFlags {
            writeError("warning: \(cell.displayName): unknown flag '\(flag)' ignored (known: expect-error)\n")
        }
        guard showCells else { return }
        if wroteAnything { write("\n") }
        write(paint("── \(cell.displayName) ──", "2") + "\n")
        out.flush()  // the header shows before a long cell runs, even when piped
    }

    public func cellPrinted(_ text: String) {
        guard showCells else { return }
        write(text)
    }

    public func cellFinished(_ report: CellReport) {
        if showCells, let value = report.value {
            let text = value.display(width: width, color: color)
            if !text.isEmpty { write(text + "\n") }
        }
        let renderer = DiagnosticRenderer(color: report.failsRun ? errorColor : color)
        var lines = report.diagnostics.map { renderer.render($0) }
        if let message = report.message { lines.append(message) }
        defer { out.flush() }
        guard !lines.isEmpty else { return }
        if report.failsRun {
            if !showCells { writeError(paint("── \(report.cell.displayName) ──", "2", errorColor) + "\n") }
            writeError(lines.joined(separator: "\n") + "\n")
        } else if showCells {
            write(lines.joined(separator: "\n") + "\n")
        }
    }

    public func imageFailed(_ cell: CodeCell, _ message: String) {
        writeError("warning: \(cell.displayName): the plot could not be drawn as an image (\(message)); its text form is kept\n")
    }

    public func runFinished(_ result: NotebookRunResult) {
        out.flush()
        if let summary = result.summary { writeError(paint("error:", "1;31", errorColor) + " " + summary + "\n") }
    }

    private func write(_ text: String) {
        guard !text.isEmpty else { return }
        wroteAnything = true
        out.write(text)
        atLineStart = text.utf8.last == 10
    }

    private func writeError(_ text: String) {
        if !atLineStart { write("\n") }
        out.flush()
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeMutableBytes { Glibc.write(2, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            offset += n
        }
        bytes.removeAll()
    }

    private func paint(_ text: String, _ code: String, _ enabled: Bool? = nil) -> String {
        (enabled ?? color) ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
