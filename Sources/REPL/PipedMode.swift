import Foundation

/// The REPL with standard input not a terminal (`printf 'x = 2\nx * 3\n' | dtr`): plain
/// lines in, results out. No prompts, banner, colour or other escape sequences; diagnostics
/// go to standard error. Multi-line entries and meta-commands work as at the terminal.
enum PipedMode {
    /// Runs to the end of input. Exit status: 0 if every entry succeeded, 1 if any failed,
    /// 130 if one was interrupted by Ctrl-C.
    static func run(engine: any REPLEngine, output: REPLOutput = .standard,
                    readLine: () -> String? = { Swift.readLine(strippingNewline: true) }) -> Int32 {
        let core = REPLCore(engine: engine, output: output, interactive: false, historyFile: nil) {
            DisplayOptions(width: TerminalSize.columnsFromEnvironment(), height: nil, color: false)
        }
        var buffer = EntryBuffer()
        var interrupted = false
        func submit(_ entry: String) -> Bool {
            let next = core.handle(entry)
            if core.lastStatus == .interrupted { interrupted = true }
            return next == .quit
        }
        while let line = readLine() {
            if let entry = buffer.add(line, isComplete: engine.isComplete), submit(entry) { break }
            if interrupted { break }
        }
        if buffer.isContinuing, !interrupted { _ = submit(buffer.text) }
        if interrupted { return 130 }
        return core.anyFailed ? 1 : 0
    }
}

/// Terminal dimensions when readline is not there to ask.
enum TerminalSize {
    /// `$COLUMNS` if set to a sensible number, else 80.
    static func columnsFromEnvironment() -> Int {
        if let text = ProcessInfo.processInfo.environment["COLUMNS"], let n = Int(text), (20...1000).contains(n) { return n }
        return 80
    }
}
