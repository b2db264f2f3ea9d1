import Foundation
import Language
import Tensor

/// Where the REPL writes: results to `output`, diagnostics and notices to `errors`.
struct REPLOutput: Sendable {
    var output: @Sendable (String) -> Void
    var errors: @Sendable (String) -> Void

    /// Standard output and standard error, flushed after every write so they interleave
    /// correctly with the engine's own `print` output.
    static let standard = REPLOutput(
        output: { text in
            fflush(nil)
            BrokenPipe.writeStandardOutput(text)
        },
        errors: { text in
            fflush(nil)
            FileHandle.standardError.write(Data(text.utf8))
        })
}

/// The part of the REPL that does not depend on the terminal: it takes complete entries,
/// runs meta-commands or hands code to the engine, prints results, keeps the history and
/// records the session. Interactive and piped mode both drive it.
final class REPLCore {
    /// What to do after an entry.
    enum Next: Equatable { case proceed, quit }

    let engine: any REPLEngine
    var output: REPLOutput
    /// True at a terminal: shows notices (":reset done") and summarises long displays.
    let interactive: Bool
    /// Supplies the current width and colour settings.
    var displayOptions: () -> DisplayOptions
    private(set) var history: History
    let historyFile: HistoryFile?
    var recorder = SessionRecorder()
    /// Entries evaluated so far (numbers `<repl>` origins).
    var entryCount = 0
    /// Whether any entry failed (piped mode's exit status).
    var anyFailed = false
    /// How the most recent evaluation ended.
    var lastStatus: EvalOutcome.Status = .success
    /// Called after every history change (the terminal front end mirrors it into readline).
    var onHistoryChange: (History) -> Void = { _ in }

    init(engine: any REPLEngine, output: REPLOutput = .standard, interactive: Bool,
         historyFile: HistoryFile?, displayOptions: @escaping () -> DisplayOptions) {
        self.engine = engine
        self.output = output
        self.interactive = interactive
        self.historyFile = historyFile
        self.displayOptions = displayOptions
        self.history = historyFile?.load() ?? History()
    }

    /// Handles one complete entry (code or a meta-command).
    func handle(_ entry: String) -> Next {
        guard !entry.allSatisfy(\.isWhitespace) else { return .proceed }
        if interactive { remember(String(entry.reversed().drop(while: \.isWhitespace).reversed())) }
        if let command = MetaCommand.parse(entry) {
            return run(command)
        }
        entryCount += 1
        let outcome = evaluate { engine.evaluate(entry, origin: .repl(entry: entryCount), options: $0) }
        report(outcome)
        if outcome.status == .success { recorder.record(entry) }
        return .proceed
    }

    /// Adds `entry` to the history and saves it at once.
    /// The file is re-read first, so two sessions running at once both keep their entries.
    func remember(_ entry: String) {
        guard history.add(entry) else { return }
        if let historyFile {
            var onDisk = historyFile.load(limit: history.limit)
            onDisk.add(entry)
            if !historyFile.save(onDisk) {
                output.errors("warning: could not write the history file \(historyFile.path)\n")
            }
        }
        onHistoryChange(history)
    }

    /// Runs `body` with Ctrl-C armed to interrupt it, and leaves no interrupt pending.
    func evaluate(_ body: (DisplayOptions) -> EvalOutcome) -> EvalOutcome {
        let options = displayOptions()
        Interrupt.clear()
        InterruptHandling.beginEvaluation()
        let outcome = body(options)
        InterruptHandling.endEvaluation()
        Interrupt.clear()
        return outcome
    }

    /// Prints an outcome's display or diagnostic, and notes failures.
    func report(_ outcome: EvalOutcome) {
        lastStatus = outcome.status
        switch outcome.status {
        case .success:
            if let display = outcome.display, !display.isEmpty {
                let rows = displayOptions().height ?? 24
                let text = interactive ? OutputSummary.summarise(display, maxLines: 2 * rows) : display
                output.output(text.hasSuffix("\n") ? text : text + "\n")
            }
        case .failure:
            anyFailed = true
            let message = outcome.diagnostic ?? "error: evaluation failed"
            output.errors(message.hasSuffix("\n") ? message : message + "\n")
        case .interrupted:
            anyFailed = true
            output.errors("interrupted\n")
        }
    }

    /// A notice for the user at a terminal (silent in piped mode, which prints results only).
    func notice(_ text: String) {
        if interactive { output.output(text + "\n") }
    }

    /// A failure of a meta-command.
    func fail(_ message: String) {
        anyFailed = true
        output.errors("error: \(message)\n")
    }
}
