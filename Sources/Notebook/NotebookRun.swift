/// Runs a notebook's cells in order through a caller-supplied executor and decides how the
/// run ends. This is the seam to the language layer: the executor evaluates one cell in the
/// shared environment and returns its ``CellOutput``; this type knows the run's rules.
///
/// - A cell that fails stops the run, unless `keepGoing` is set. A cell flagged
///   `expect-error` may fail without failing the run; one that unexpectedly succeeds
///   fails it (the executor reports the raw status; this type applies the flag).
/// - A timeout or an interruption always stops the run.
/// - Cells after the stop get no output entry, so `--update` keeps their stored blocks.
public struct NotebookRun: Equatable, Sendable {
    /// How the run ended, in order of precedence for the exit status.
    public enum Outcome: Equatable, Sendable {
        /// Every cell ran, and none failed unexpectedly.
        case succeeded
        /// At least one cell failed (the first is named).
        case failed(cell: Int)
        /// A cell timed out.
        case timedOut(cell: Int)
        /// Ctrl-C stopped a cell.
        case interrupted(cell: Int)

        /// The process exit status from SPEC §2: 0, 1, 3 or 130.
        public var exitStatus: Int32 {
            switch self {
            case .succeeded: 0
            case .failed: 1
            case .timedOut: 3
            case .interrupted: 130
            }
        }
    }

    /// Outputs of the cells that ran, by cell number.
    public var outputs: [Int: CellOutput]
    /// How the run ended.
    public var outcome: Outcome

    /// Runs `document`'s cells in order with `execute`.
    public static func run(_ document: NotebookDocument, keepGoing: Bool = false,
                           execute: (CodeCell) throws -> CellOutput) rethrows -> NotebookRun {
        var outputs: [Int: CellOutput] = [:]
        var firstFailure: Int?
        for cell in document.cells {
            let output = try execute(cell)
            outputs[cell.number] = output
            switch output.status {
            case .succeeded, .failed:
                if (output.status == .failed) == cell.expectsError { continue }
                if firstFailure == nil { firstFailure = cell.number }
                if !keepGoing { return NotebookRun(outputs: outputs, outcome: .failed(cell: cell.number)) }
            case .timedOut:
                return NotebookRun(outputs: outputs, outcome: .timedOut(cell: cell.number))
            case .interrupted:
                return NotebookRun(outputs: outputs, outcome: .interrupted(cell: cell.number))
            }
        }
        return NotebookRun(outputs: outputs, outcome: firstFailure.map { .failed(cell: $0) } ?? .succeeded)
    }
}
