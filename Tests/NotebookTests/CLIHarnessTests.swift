import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Runs the built `dtr` executable (`<package root>/.build/debug/dtr`, built by
/// `swift build --build-tests`) in a scratch folder and collects what it wrote.
enum DTRBinary {
    /// The executable's path, found from this file's location.
    static let path: String = {
        var url = URL(fileURLWithPath: "\(#filePath)")
        for _ in 0..<3 { url.deleteLastPathComponent() }  // …/Tests/NotebookTests/CLIHarnessTests.swift
        return url.appendingPathComponent(".build/debug/dtr").path
    }()


    /// What one run of `dtr` did.
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `dtr arguments` in `folder` and waits (killing it after `limit` seconds).
    static func run(_ arguments: [String], in folder: URL, environment: [String: String] = [:],
                    limit: Double = 120, executable: String? = nil) throws -> Result {
        try start(arguments, in: folder, environment: environment, executable: executable).finish(limit: limit)
    }

    /// A started `dtr` process whose output goes to files.
    final class Running {
        let process: Process
        let out: URL
        let err: URL
        init(process: Process, out: URL, err: URL) {
            self.process = process
            self.out = out
            self.err = err
        }

        /// Standard output written so far.
        var stdoutSoFar: String { (try? String(contentsOf: out, encoding: .utf8)) ?? "" }

        /// Waits until standard output contains `text` (or `limit` seconds pass).
        func wait(forOutput text: String, limit: Double = 60) -> Bool {
            let deadline = Date().addingTimeInterval(limit)
            while Date() < deadline {
                if stdoutSoFar.contains(text) { return true }
                if !process.isRunning { return stdoutSoFar.contains(text) }
                usleep(20_000)
            }
            return false
        }

        /// Waits for the process (killing it after `limit` seconds) and collects its output.
        func finish(limit: Double = 60) -> Result {
            let deadline = Date().addingTimeInterval(limit)
            while process.isRunning && Date() < deadline { usleep(20_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            let stdout = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
            let stderr = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
            return Result(status: process.terminationStatus, stdout: stdout, stderr: stderr)
        }
    }

    /// Starts `dtr arguments` in `folder` without waiting.
    static func start(_ arguments: [String], in folder: URL, environment: [String: String] = [:],
                      executable: String? = nil) throws -> Running {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable ?? path)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "NO_COLOR")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let scratch = FileManager.default.temporaryDirectory
        let tag = UInt64.random(in: 0...UInt64.max)
        let out = scratch.appendingPathComponent("dtr-cli-\(tag).out")
        let err = scratch.appendingPathComponent("dtr-cli-\(tag).err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return Running(process: process, out: out, err: err)
    }
}

/// A scratch folder holding notebooks for one test; removed when the test ends.
final class ScratchFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("dtr-nbrun-\(UInt64.random(in: 0...UInt64.max))", isDirectory: true)
            .appendingPathComponent("work", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Writes `text` to `name` inside the folder and returns its URL.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> URL {
        let file = url.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return file
    }

    /// The bytes of `name` inside the folder.
    func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url.appendingPathComponent(name)))
    }

    /// The text of `name` inside the folder.
    func text(_ name: String) throws -> String {
        String(decoding: try bytes(name), as: UTF8.self)
    }

    /// The names in the folder.
    var names: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted() }

    deinit { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
}

@Suite("CLI harness")  // a missing binary fails: Process.run throws
struct CLIHarnessTests {
    @Test func theBinaryRunsAndKnowsTheNotebookCommands() throws {
        let folder = try ScratchFolder()
        let help = try DTRBinary.run(["--help"], in: folder.url)
        #expect(help.status == 0)
        #expect(help.stdout.contains("run"))
        #expect(help.stdout.contains("export"))
    }
}
