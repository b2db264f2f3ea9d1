import ArgumentParser
import Language
import REPL

#if canImport(Glibc)
import Glibc
#endif

/// The root command: holds the subcommands and `--version`.
struct DTR: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dtr",
        abstract: "A literate scripting environment for diffusion models: a small language, notebooks and plots.",
        discussion: """
            Run a script with `dtr FILE.dtr`, a notebook with `dtr FILE.dtrnb` (as `dtr run`). \
            Exit codes: 0 ok, 1 runtime error, 2 usage or syntax error, 3 timeout, 130 interrupted, \
            141 standard output was closed (for example by `| head`).
            """,
        version: CLI.version,
        subcommands: [EvalCommand.self, CheckCommand.self, ScriptCommand.self, HelpCommand.self, RunCommand.self, ExportCommand.self,
                      KernelCommand.self, ImportCommand.self, SweepCommand.self])
}

/// Dispatch that lets `dtr FILE.dtr` sit beside subcommands and maps errors to dtr's exit codes.
enum CLI {
    static let version = "dtr 0.1.0"
    static let subcommandNames: Set<String> = ["eval", "check", "script", "help", "run", "export", "kernel", "import", "sweep"]

    static func dispatch(_ args: [String]) -> Int32 {
        var args = args
        if args.isEmpty {
            return runREPL(engine: LanguageEngine(), banner: "\(version) — :help for commands and keys, Ctrl-D to quit")
        }
        // `dtr --version`: version, commit, BLAS and kernel choice (VersionReport).
        if args == ["--version"] {
            print(VersionReport.text())
            return 0
        }
        // `dtr FILE.dtr [flags]` runs a script, `dtr NB.dtrnb [flags]` runs a notebook like `dtr run`.
        if let first = args.first, !first.hasPrefix("-"), !subcommandNames.contains(first) {
            args.insert(FileKind(path: first) == .notebook ? "run" : "script", at: 0)
        }
        args = EvalArguments.protect(args)
        do {
            var command = try DTR.parseAsRoot(args)
            if var code = command as? ExitCodeCommand {
                return code.runWithExitCode()
            }
            try command.run()
            return 0
        } catch {
            let code = DTR.exitCode(for: error)
            if code == .success {
                print(DTR.fullMessage(for: error))
                return 0
            }
            var message = DTR.fullMessage(for: error)
            if message.hasPrefix("Error: ") { message = "error: " + message.dropFirst(7) }  // like every diagnostic
            writeError(message + "\n")
            return 2
        }
    }

    /// Writes to standard error.
    static func writeError(_ text: String) {
        var t = text
        t.withUTF8 { b in _ = write(2, b.baseAddress, b.count) }
    }

    /// Renders diagnostics to standard error (colour when it is a terminal).
    static func report(_ diagnostics: [Diagnostic]) {
        let renderer = DiagnosticRenderer(color: isatty(2) != 0 && getenv("NO_COLOR") == nil)
        for d in diagnostics { writeError(renderer.render(d) + "\n") }
    }
}

/// A subcommand that computes its own exit code.
protocol ExitCodeCommand {
    mutating func runWithExitCode() -> Int32
}

extension ExitCodeCommand {
    /// Makes a session rooted at `root`, loads the stdlib and runs `file` in it.
    func runProgram(_ file: SourceFile, root: String, allowFS: Bool, display: Bool) -> Int32 {
        Interrupts.installHandler()
        let output = StandardOutput()
        // A displayed value (`dtr eval`) uses colour and the terminal's width when stdout is a
        // colour terminal and NO_COLOR is unset, as the REPL and `dtr run` do.
        let options = display
            ? SessionOptions(root: root, allowFileSystem: allowFS, width: terminalWidth(), color: colorAllowed(fd: 1, noColor: false))
            : SessionOptions(root: root, allowFileSystem: allowFS)
        let session = Session(options: options, output: output)
        if let broken = session.loadStandardLibrary() {
            CLI.report([broken])
            return 1
        }
        let outcome = session.run(file)
        if display, case .value(let v) = outcome {
            let text = session.displayText(of: v)
            if !text.isEmpty { output.write(text + "\n") }
        }
        output.flush()
        CLI.report(outcome.diagnostics)
        return outcome.exitCode
    }
}
