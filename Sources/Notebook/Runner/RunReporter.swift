import Language

/// What one cell did, as the terminal shows it (the file form is ``CellOutput``).
public struct CellReport {
    /// The cell.
    public var cell: CodeCell
    /// The output as written to files (no colour).
    public var output: CellOutput
    /// The displayed value for the terminal, or nil (`none`, or nothing to show).
    public var value: Value?
    /// The diagnostics that ended the cell (a runtime error, syntax errors, a timeout).
    public var diagnostics: [Diagnostic]
    /// A message for failures without a diagnostic (an `expect-error` cell that ran fine).
    public var message: String?
    /// Whether this cell fails the run.
    public var failsRun: Bool
}

/// Receives a notebook run's progress (the terminal printer; a silent one for exports).
public protocol RunReporter: AnyObject {
    /// The parameters were bound, with these values, before cell 1.
    func parametersBound(_ parameters: [ResolvedParameter])
    /// A cell is about to run.
    func cellStarted(_ cell: CodeCell)
    /// The running cell printed `text`.
    func cellPrinted(_ text: String)
    /// A cell ended.
    func cellFinished(_ report: CellReport)
    /// A cell's value could not be drawn as an image (the text form is kept).
    func imageFailed(_ cell: CodeCell, _ message: String)
    /// The run ended.
    func runFinished(_ result: NotebookRunResult)
}

/// A reporter that shows nothing.
public final class SilentReporter: RunReporter {
    /// Creates the reporter.
    public init() {}
    public func parametersBound(_ parameters: [ResolvedParameter]) {}
    public func cellStarted(_ cell: CodeCell) {}
    public func cellPrinted(_ text: String) {}
    public func cellFinished(_ report: CellReport) {}
    public func imageFailed(_ cell: CodeCell, _ message: String) {}
    public func runFinished(_ result: NotebookRunResult) {}
}
