import ArgumentParser
import Foundation
import Language
import Notebook

#if canImport(Glibc)
import Glibc
#endif

/// Options shared by `dtr run` and `dtr export` (both run the notebook).
struct NotebookRunArguments: ParsableArguments {
    @Option(name: .customLong("set"), help: ArgumentHelp(
        "Replace a declared parameter; VALUE is a dtr literal (number, \"string\", true/false, list).",
        valueName: "NAME=VALUE"))
    var overrides: [String] = []

    @Flag(name: .customLong("keep-going"), help: "Run every cell even after a failure (the run still fails).")
    var keepGoing = false

    @Option(name: .customLong("timeout"), help: ArgumentHelp("Stop a cell after S seconds (exit status 3).", valueName: "S"))
    var timeout: Double?

    @Flag(name: .customLong("allow-fs"), help: "Allow file access outside the notebook's folder.")
    var allowFS = false

    @OptionGroup var memory: MemoryOption

    func validate() throws {
        if let timeout, !(timeout > 0 && timeout.isFinite) {
            throw ValidationError("--timeout expects a positive number of seconds, got \(timeout)")
        }
    }

    /// The run options, or a usage error (exit 2) already reported.
    func options(captureImages: Bool) -> NotebookRunOptions? {
        memory.apply()
        var parsed: [ParameterOverride] = []
        for argument in overrides {
            do {
                parsed.append(try ParameterOverride(parsing: argument))
            } catch {
                CLI.writeError("error: \(error.message)\n")
                return nil
            }
        }
        return NotebookRunOptions(keepGoing: keepGoing, timeout: timeout, overrides: parsed,
                                  allowFileSystem: allowFS, captureImages: captureImages)
    }

    /// Reads the notebook; a missing or malformed file is reported (exit 2).
    func runner(for path: String, options: NotebookRunOptions) -> NotebookRunner? {
        do {
            return try NotebookRunner(url: URL(fileURLWithPath: path), options: options)
        } catch {
            CLI.writeError("error: \(path)" + (error.line.map { ", line \($0)" } ?? "") + ": \(error.message)\n")
            return nil
        }
    }

    /// Runs the notebook, reporting a run that cannot start. Returns the result or the exit status.
    func run(_ runner: NotebookRunner, reporter: RunReporter,
             onSetupFailure: (NotebookRunSetupError) -> Void = { _ in }) -> Result<NotebookRunResult, ExitStatus> {
        RunInterrupts.installHandler()
        do {
            return .success(try runner.run(reporter: reporter))
        } catch {
            onSetupFailure(error)
            if error.diagnostics.isEmpty {
                CLI.writeError("error: \(error.message ?? "the notebook could not start")\n")
            } else {
                CLI.report(error.diagnostics)
            }
            return .failure(ExitStatus(code: error.exitStatus))
        }
    }
}

/// An exit status carried as an error.
struct ExitStatus: Error {
    var code: Int32
}

/// Whether a stream may carry ANSI colour: a terminal that is not `TERM=dumb`, and neither
/// `NO_COLOR` nor `--no-color`.
func colorAllowed(fd: Int32, noColor: Bool) -> Bool {
    guard !noColor, isatty(fd) != 0, getenv("NO_COLOR") == nil else { return false }
    return getenv("TERM").map { String(cString: $0) != "dumb" } ?? true
}

/// `dtr run NB.dtrnb [--update] [--keep-going] [--timeout S] [--set NAME=VALUE]… [--no-color] [--allow-fs] [--results DIR]`.
struct RunCommand: ParsableCommand, ExitCodeCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a notebook headless, printing each cell's output.",
        discussion: """
            Cells run in order in one environment rooted at the notebook's folder, from random \
            seed 0. --update writes each cell's output back into the file (atomically; plots \
            as PNGs in NAME.files/), but only when every cell ran. Exit status: 0 ok, 1 a cell \
            failed, 2 usage or syntax error, 3 a cell timed out, 130 interrupted.
            """)

    @ArgumentParser.Argument(help: "The .dtrnb notebook to run (a .dtr script runs as with `dtr FILE.dtr`).")
    var notebook: String

    @Flag(name: .customLong("update"), help: "Write the outputs back into the notebook.")
    var update = false

    @OptionGroup var common: NotebookRunArguments

    @Flag(name: .customLong("no-color"), help: "Never use ANSI colour.")
    var noColor = false

    @Option(name: .customLong("results"), help: ArgumentHelp(
        "Also write result.json (parameters, status, time, record() values) and the executed notebook into DIR.",
        valueName: "DIR"))
    var results: String?

    mutating func runWithExitCode() -> Int32 {
        switch FileKind(path: notebook) {
        case .notebook:
            break
        case .script:
            // `dtr run s.dtr` runs the script, as `dtr s.dtr` would; notebook-only flags are a usage error.
            if update || !common.overrides.isEmpty || common.keepGoing || common.timeout != nil {
                CLI.writeError("error: --update, --set, --keep-going and --timeout apply to .dtrnb notebooks; "
                               + "\(notebook) is a script\n  = run it with `dtr \(notebook)`\n")
                return 2
            }
            common.memory.apply()
            return ScriptCommand.runScript(notebook, allowFS: common.allowFS)
        case .other(let ext):
            CLI.writeError(FileKind.unsupported(notebook, ext: ext, command: "run"))
            return 2
        }
        guard let options = common.options(captureImages: update || results != nil),
              let runner = common.runner(for: notebook, options: options) else { return 2 }
        let reporter = TerminalReporter(color: colorAllowed(fd: 1, noColor: noColor),
                                        errorColor: colorAllowed(fd: 2, noColor: noColor), width: terminalWidth())
        let result: NotebookRunResult
        let started = Date()
        let resultsFolder = results.map { RunResultsFolder(URL(fileURLWithPath: $0)) }
        switch common.run(runner, reporter: reporter, onSetupFailure: { failure in
            do throws(NotebookError) {
                try resultsFolder?.write(setupFailure: failure, of: runner, seconds: Date().timeIntervalSince(started),
                                         dtrVersion: CLI.version)
            } catch {
                CLI.writeError("error: \(error.message)\n")
            }
        }) {
        case .success(let r): result = r
        case .failure(let status): return status.code
        }
        if let resultsFolder {
            do {
                try resultsFolder.write(result, of: runner, seconds: Date().timeIntervalSince(started), dtrVersion: CLI.version)
            } catch {
                CLI.writeError("error: \(error.message)\n")
                return result.exitStatus == 0 ? 1 : result.exitStatus
            }
        }
        guard update else { return result.exitStatus }
        guard result.isComplete else {
            CLI.writeError("note: \(notebook) was not updated, because the run stopped before the last cell\n")
            return result.exitStatus
        }
        do {
            _ = try runner.writeUpdate(result)
        } catch {
            CLI.writeError("error: \(error.message)\n")
            return result.exitStatus == 0 ? 1 : result.exitStatus
        }
        return result.exitStatus
    }
}

/// Columns for terminal displays: the terminal's width when stdout is one, else `$COLUMNS`
/// when set and sensible, else 80.
func terminalWidth() -> Int {
    var size = winsize()
    if isatty(1) != 0, ioctl(1, UInt(TIOCGWINSZ), &size) == 0, (20...400).contains(Int(size.ws_col)) {
        return Int(size.ws_col)
    }
    guard let raw = getenv("COLUMNS"), let columns = Int(String(cString: raw)), (20...400).contains(columns) else {
        return 80
    }
    return columns
}
