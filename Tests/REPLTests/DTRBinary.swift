import Foundation

/// The real `dtr` executable for the end-to-end tests: `$DTR_BINARY`, else the debug build
/// beside these sources (`swift build` makes it).
enum DTRBinary {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let path: String? = {
        if let path = ProcessInfo.processInfo.environment["DTR_BINARY"] { return path }
        for configuration in ["debug", "release"] {
            let path = packageRoot.appendingPathComponent(".build/\(configuration)/dtr").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }()

    /// Whether `dtr` with no arguments runs the REPL on the real language: piping in a
    /// `print` must print. (False until the language's Session is wired to `runREPL`.)
    static let runsREPL: Bool = {
        guard let path else { return false }
        guard let result = try? runPiped(path: path, input: "print(\"dtr-e2e-\" + \"ok\")\n", home: NSTemporaryDirectory())
        else { return false }
        return result.stdout.contains("dtr-e2e-ok")
    }()

    /// Runs `dtr` with `input` on a pipe (not a terminal).
    static func runPiped(path: String? = DTRBinary.path, input: String, home: String, directory: String? = nil,
                         timeout: Double = 60) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.executableURL = URL(fileURLWithPath: path ?? "/nonexistent")
        process.environment = ["HOME": home, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TERM": "xterm-256color"]
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { process.terminate() }
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    static let skipMessage = "the dtr binary does not run the REPL on the real language yet "
        + "(build it with `swift build`; needs the language Session wired to runREPL)"
}

/// A fresh home and working directory for one end-to-end test.
struct Sandbox {
    let home: String
    let work: String

    init() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("dtr-e2e-\(UUID().uuidString)")
        home = base.appendingPathComponent("home").path
        work = base.appendingPathComponent("work").path
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: (home as NSString).deletingLastPathComponent)
    }

    /// Starts the REPL at a terminal and waits for its first prompt.
    func startREPL() throws -> PTYSession {
        let session = try PTYSession(
            executable: DTRBinary.path ?? "/nonexistent",
            environment: ["HOME": home, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TERM": "xterm-256color"],
            directory: work)
        guard session.expect("dtr> ", timeout: 30) != nil else {
            throw PTYSession.LaunchError(description: "no prompt; output: \(session.text)")
        }
        return session
    }
}

extension PTYSession {
    /// Types `line` and Enter, then waits for the next primary prompt; returns the output in between.
    @discardableResult
    func enter(_ line: String, timeout: Double = 30) -> String {
        send(line + "\r")
        guard expect("dtr> ", timeout: timeout) != nil else { return "<timeout>" + unconsumed }
        return lastConsumed
    }
}
