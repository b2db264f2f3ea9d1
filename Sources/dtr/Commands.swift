import ArgumentParser
import Language
import Notebook

#if canImport(Glibc)
import Glibc
#endif

/// `dtr eval 'PROGRAM'`.
struct EvalCommand: ParsableCommand, ExitCodeCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Run a program (like a notebook cell) and display the value of its last expression.",
        discussion: "Example: dtr eval 'x = linspace(0, 1, 5); x ^ 2'")

    @ArgumentParser.Argument(help: "The program text.")
    var program: String

    @Flag(name: .customLong("allow-fs"), help: "Allow file access outside the current directory.")
    var allowFS = false

    @OptionGroup var memory: MemoryOption

    mutating func runWithExitCode() -> Int32 {
        memory.apply()
        return runProgram(SourceFile(name: "<eval>", text: program), root: ".", allowFS: allowFS, display: true)
    }
}

/// `dtr FILE.dtr` (spelled `dtr script FILE.dtr` internally).
struct ScriptCommand: ParsableCommand, ExitCodeCommand {
    static let configuration = CommandConfiguration(
        commandName: "script",
        abstract: "Run a script; only explicit print output appears (the same as `dtr FILE.dtr`).")

    @ArgumentParser.Argument(help: "The .dtr file to run.")
    var file: String

    @Flag(name: .customLong("allow-fs"), help: "Allow file access outside the script's folder.")
    var allowFS = false

    @OptionGroup var memory: MemoryOption

    mutating func runWithExitCode() -> Int32 {
        memory.apply()
        if case .other(let ext) = FileKind(path: file) {
            CLI.writeError(FileKind.unsupported(file, ext: ext, command: nil))
            return 2
        }
        return Self.runScript(file, allowFS: allowFS)
    }

    /// Runs the script at `file` (its folder is the root of file access).
    static func runScript(_ file: String, allowFS: Bool) -> Int32 {
        guard let bytes = readWholeFile(file) else {
            CLI.writeError("error: cannot read \(file): \(readFailureReason(file))\n")
            return 2
        }
        let folder = file.contains("/") ? String(file[..<(file.lastIndex(of: "/") ?? file.endIndex)]) : "."
        return ScriptCommand().runProgram(SourceFile(name: file, bytes: bytes), root: folder.isEmpty ? "/" : folder,
                                          allowFS: allowFS, display: false)
    }
}

/// `dtr check FILE`.
struct CheckCommand: ParsableCommand, ExitCodeCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Parse a script or a notebook without running it and report every syntax error (exit 2 if any).",
        discussion: "A .dtrnb notebook is checked cell by cell; cells marked expect-error are skipped.")

    @ArgumentParser.Argument(help: "The .dtr script or .dtrnb notebook to check.")
    var file: String

    mutating func runWithExitCode() -> Int32 {
        let kind = FileKind(path: file)
        if case .other(let ext) = kind {
            CLI.writeError(FileKind.unsupported(file, ext: ext, command: "check"))
            return 2
        }
        guard let bytes = readWholeFile(file) else {
            CLI.writeError("error: cannot read \(file): \(readFailureReason(file))\n")
            return 2
        }
        let diagnostics: [Diagnostic]
        if kind == .notebook {
            do {
                let document = try NotebookDocument(parsing: bytes)
                let name = file.split(separator: "/").last.map(String.init) ?? file
                diagnostics = NotebookCheck.check(document, fileName: name)
            } catch {
                CLI.writeError("error: \(file)" + (error.line.map { ", line \($0)" } ?? "") + ": \(error.message)\n")
                return 2
            }
        } else {
            diagnostics = Session.check(SourceFile(name: file, bytes: bytes))
        }
        let errors = diagnostics.filter { $0.kind == .error }
        CLI.report(diagnostics)
        return errors.isEmpty ? 0 : 2
    }
}

/// `dtr help NAME`.
struct HelpCommand: ParsableCommand, ExitCodeCommand {
    static let configuration = CommandConfiguration(
        commandName: "help",
        abstract: "List every builtin and standard-library function, or show help for one or for a subcommand.")

    @ArgumentParser.Argument(help: "A builtin such as `linspace`, a standard-library function such as `clamp`, or a subcommand.")
    var name: String?

    mutating func runWithExitCode() -> Int32 {
        guard let name else {
            print("Builtins and standard-library functions (dtr help NAME for one):\n")
            print(HelpIndex.text())
            print("Subcommands: eval, check, run, export, help (dtr help SUBCOMMAND, or dtr --help)")
            return 0
        }
        if CLI.subcommandNames.contains(name) {
            print(DTR.helpMessage(for: subcommand(name)))
            return 0
        }
        if let b = Registry.lookup(name) {
            print(b.helpText)
            return 0
        }
        if let doc = FunctionDocs.standardLibrary[name] {
            print(doc)
            return 0
        }
        var message = "error: no builtin or standard-library function named \"\(name)\""
        let known = Registry.names + FunctionDocs.standardLibrary.keys.sorted()
        if let s = Suggestions.closest(to: name, among: known) {
            message += "\n  " + Diagnostic.didYouMean(s)
        } else if case let mentions = HelpIndex.mentioning(name), !mentions.isEmpty {
            message += "\n  = mentioned in the help of: " + mentions.prefix(8).joined(separator: ", ")
        }
        CLI.writeError(message + "\n")
        return 2
    }

    private func subcommand(_ name: String) -> ParsableCommand.Type {
        switch name {
        case "eval": EvalCommand.self
        case "check": CheckCommand.self
        case "script": ScriptCommand.self
        case "run": RunCommand.self
        case "export": ExportCommand.self
        case "kernel": KernelCommand.self
        case "import": ImportCommand.self
        case "sweep": SweepCommand.self
        default: HelpCommand.self
        }
    }
}

/// A file's bytes, or nil.
func readWholeFile(_ path: String) -> [UInt8]? {
    guard let f = fopen(path, "rb") else { return nil }
    defer { fclose(f) }
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, f) }
        if n > 0 { out.append(contentsOf: chunk[0..<n]) }
        if n < chunk.count { return ferror(f) != 0 ? nil : out }
    }
}

/// Why `path` cannot be read as a program: no such file, a folder, or not readable.
func readFailureReason(_ path: String) -> String {
    var st = stat()
    guard stat(path, &st) == 0 else { return "no such file" }
    if (st.st_mode & S_IFMT) == S_IFDIR { return "it is a folder" }
    return "it is not readable"
}
