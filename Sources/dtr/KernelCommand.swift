import ArgumentParser
import Foundation
import Kernel

#if canImport(Glibc)
import Glibc
#endif

/// `dtr kernel -f FILE` and `dtr kernel install|list|remove`.
struct KernelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kernel",
        abstract: "A Jupyter kernel for dtr (protocol 5.3 over ZeroMQ) and its kernelspec.",
        discussion: """
            Jupyter starts `dtr kernel -f CONNECTION_FILE`; `dtr kernel install --user` makes \
            dtr appear in JupyterLab, VS Code and nbclient.
            """,
        subcommands: [KernelStartCommand.self, KernelInstallCommand.self, KernelListCommand.self, KernelRemoveCommand.self],
        defaultSubcommand: KernelStartCommand.self)
}

/// `dtr kernel [start] -f FILE`.
struct KernelStartCommand: ParsableCommand, ExitCodeCommand {
    static let configuration = CommandConfiguration(
        commandName: "start", abstract: "Serve one dtr session as a Jupyter kernel (what kernel.json runs).")

    @Option(name: [.customShort("f"), .customLong("connection-file")], help: "The connection file Jupyter wrote.")
    var connectionFile: String

    mutating func runWithExitCode() -> Int32 {
        guard let bytes = readWholeFile(connectionFile) else {
            CLI.writeError("error: cannot read \(connectionFile): \(readFailureReason(connectionFile))\n")
            return 2
        }
        let server: KernelServer
        do {
            let connection = try ConnectionInfo(json: bytes)
            server = try KernelServer(connection: connection, info: .init(version: CLI.version.replacingOccurrences(of: "dtr ", with: "")),
                                      log: { CLI.writeError($0 + "\n") })
        } catch {
            CLI.writeError("error: \(error)\n")
            return 2
        }
        server.run()
    }
}

/// Where `install` writes, from its flags.
struct KernelLocationOptions: ParsableArguments {
    @Flag(help: "Install for the current user (~/.local/share/jupyter).")
    var user = false
    @Flag(name: .customLong("sys-prefix"), help: "Install into the active virtual environment.")
    var sysPrefix = false
    @Option(help: "Install into PREFIX/share/jupyter/kernels.")
    var prefix: String?

    func location() throws(KernelError) -> Kernelspec.Location {
        let chosen = [user, sysPrefix, prefix != nil].filter { $0 }.count
        guard chosen <= 1 else { throw KernelError("choose one of --user, --sys-prefix and --prefix") }
        if user { return .user }
        if sysPrefix { return .sysPrefix }
        if let prefix { return .prefix(prefix) }
        return .system
    }
}

/// `dtr kernel install`.
struct KernelInstallCommand: ParsableCommand, ExitCodeCommand {
    static let configuration = CommandConfiguration(
        commandName: "install", abstract: "Write the dtr kernelspec (kernel.json and logos) where Jupyter finds it.")

    @OptionGroup var where_: KernelLocationOptions
    @Option(help: "The kernelspec name.")
    var name = "dtr"
    @Option(name: .customLong("display-name"), help: "The name front ends show.")
    var displayName = "dtr"

    mutating func runWithExitCode() -> Int32 {
        do {
            let folder = try Kernelspec.kernelsFolder(try where_.location(), environment: ProcessInfo.processInfo.environment)
            let path = try Kernelspec.install(name: name, displayName: displayName, executable: Self.executablePath(), into: folder)
            print("Installed kernelspec \(name) in \(path)")
            return 0
        } catch {
            CLI.writeError("error: \(error)\n")
            return 1
        }
    }

    /// This dtr's absolute path (`/proc/self/exe`).
    static func executablePath() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if n > 0 { return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }
}

/// `dtr kernel list`.
struct KernelListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List installed kernelspecs.")

    func run() {
        let specs = Kernelspec.list(environment: ProcessInfo.processInfo.environment)
        print("Available kernels:")
        let width = specs.map(\.name.count).max() ?? 0
        for spec in specs {
            print("  " + spec.name + String(repeating: " ", count: width - spec.name.count + 4) + spec.path)
        }
    }
}

/// `dtr kernel remove NAME…`.
struct KernelRemoveCommand: ParsableCommand, ExitCodeCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove installed kernelspecs.")

    @ArgumentParser.Argument(help: "The kernelspec names.")
    var names: [String]

    mutating func runWithExitCode() -> Int32 {
        var status: Int32 = 0
        for name in names {
            do {
                print("Removed \(try Kernelspec.remove(name: name, environment: ProcessInfo.processInfo.environment))")
            } catch {
                CLI.writeError("error: \(error)\n")
                status = 1
            }
        }
        return status
    }
}
