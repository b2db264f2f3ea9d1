#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Runs the dtr REPL on `engine` until `:quit`, Ctrl-D or the end of input, and returns the
/// process exit status.
///
/// At a terminal it is an interactive session on GNU readline (history in `~/.dtr_history`,
/// tab completion, multi-line entries, meta-commands, Ctrl-C to clear the line or stop a
/// computation); with standard input not a terminal it reads plain lines and prints results
/// only, exiting 1 if any entry failed (see ``PipedMode``).
/// - Parameters:
///   - engine: the language session to evaluate entries in.
///   - banner: the line shown above the first prompt at a terminal (nil for the default).
public func runREPL(engine: any REPLEngine, banner: String? = nil) -> Int32 {
    InterruptHandling.install()
    if isatty(0) == 0 {
        return PipedMode.run(engine: engine)
    }
    return InteractiveMode.run(engine: engine, banner: banner ?? InteractiveMode.defaultBanner)
}

/// The REPL at a terminal.
enum InteractiveMode {
    static let defaultBanner = "dtr — :help for commands and keys, Ctrl-D to quit"

    static func run(engine: any REPLEngine, banner: String) -> Int32 {
        let reader = LineReader(completer: Completer(engine: engine))
        let environment = ProcessInfo.processInfo.environment
        let color = isatty(1) != 0 && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
        let core = REPLCore(engine: engine, interactive: true, historyFile: .standard()) {
            let size = reader.screenSize
            return DisplayOptions(width: size.columns, height: size.rows, color: color)
        }
        reader.setHistory(core.history.entries)
        core.onHistoryChange = { reader.setHistory($0.entries) }
        core.output.output(banner + "\n")
        var buffer = EntryBuffer()
        while true {
            let prompt = buffer.isContinuing ? PromptStripping.continuation : PromptStripping.primary
            switch reader.read(prompt: prompt) {
            case .interrupted:
                buffer.reset()
            case .endOfFile:
                // Ctrl-D quits, unless it drops a half-typed entry first (comments alone do nothing).
                if !buffer.isContinuing || InputCompleteness.onlyComments(buffer.text) { return 0 }
                buffer.reset()
            case .line(let line):
                if let entry = buffer.add(line, isComplete: engine.isComplete), core.handle(entry) == .quit {
                    return 0
                }
            }
        }
    }
}
