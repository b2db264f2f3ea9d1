import Foundation
import Testing
import Language
#if canImport(Glibc)
import Glibc
#endif

/// `dtr sweep` through the real executable (`.build/debug/dtr`, built by `swift build --build-tests`).
@Suite(.serialized)
struct CLISweepTests {
    static let dtr: String = {
        var url = URL(fileURLWithPath: "\(#filePath)")
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent(".build/debug/dtr").path
    }()

    /// A scratch folder holding the fixture notebook (and `slow.dtrnb`, which loops for minutes).
    static func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dtr-sweep-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let fixture = try #require(Bundle.module.url(forResource: "Fixtures/sweep-check", withExtension: "dtrnb"))
        try FileManager.default.copyItem(at: fixture, to: dir.appendingPathComponent("nb.dtrnb"))
        try """
            ---
            params:
              n: 1
            ---
            ```dtr
            record("started", n)
            total = 0
            for i in 0..<1000000000 { total = total + i }
            ```
            """.write(to: dir.appendingPathComponent("slow.dtrnb"), atomically: true, encoding: .utf8)
        return dir
    }

    /// Starts `dtr arguments` in `folder` with output into files.
    static func start(_ arguments: [String], in folder: URL) throws -> (Process, URL) {
        #expect(FileManager.default.isExecutableFile(atPath: dtr), "build dtr first: swift build --build-tests")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: dtr)
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let log = folder.appendingPathComponent("cli-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return (process, log)
    }

    static func run(_ arguments: [String], in folder: URL) throws -> (status: Int32, output: String) {
        let (process, log) = try start(arguments, in: folder)
        process.waitUntilExit()
        return (process.terminationStatus, (try? String(contentsOf: log, encoding: .utf8)) ?? "")
    }

    static func result(_ folder: URL, _ run: String) throws -> RunResult {
        let data = try Data(contentsOf: folder.appendingPathComponent("\(run)/result.json"))
        return try RunResult(parsing: [UInt8](data))
    }

    @Test func aLocalSweepRunsEveryPointAndReportsTheFailedOne() throws {
        let dir = try Self.scratch()
        let r = try Self.run(["sweep", "nb.dtrnb", "--grid", "beta=0.1,0.3", "--grid", "alpha=1,3", "--seeds", "2",
                              "--out", "s", "--jobs", "2"], in: dir)
        #expect(r.status == 1, "\(r.output)")
        #expect(r.output.contains("sweep: 7 ok, 1 failed"))
        let s = dir.appendingPathComponent("s")
        #expect(try Self.result(s, "runs/0007").status == .failed)
        let first = try Self.result(s, "runs/0000")
        #expect(first.status == .ok && first.records["m"] == .number(1.05) && first.params["seed"] == "0")
        let table = try Self.run(["sweep", "s", "--table"], in: dir)
        #expect(table.output.hasSuffix("0.1   3      2/2             [3, 0.1] ± [0, 0]  3.055 ± 0.007071\n"
            + "0.3   1      2/2             [1, 0.3] ± [0, 0]  1.155 ± 0.007071\n"
            + "0.3   3      1/2 (1 failed)  [3, 0.3]           3.15\n"), "\(table.output)")
    }

    @Test func gridValuesAreCheckedBeforeAnythingRuns() throws {
        let dir = try Self.scratch()
        let undeclared = try Self.run(["sweep", "nb.dtrnb", "--grid", "gamma=1,2", "--out", "s"], in: dir)
        #expect(undeclared.status == 2)
        #expect(undeclared.output.contains("error: --grid gamma: no such parameter (declared: beta, alpha, seed)"))
        let notLiteral = try Self.run(["sweep", "nb.dtrnb", "--grid", "beta=0.1,x", "--out", "s"], in: dir)
        #expect(notLiteral.status == 2)
        #expect(notLiteral.output.contains("parameter \"beta\" must be a literal"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("s").path))
        let again = try Self.run(["sweep", "nb.dtrnb", "--grid", "beta=0.1", "--out", "s"], in: dir)
        #expect(again.status == 0)
        let exists = try Self.run(["sweep", "nb.dtrnb", "--grid", "beta=0.1", "--out", "s"], in: dir)
        #expect(exists.status == 2 && exists.output.contains("already holds a sweep; pass --resume"))
    }

    @Test func timeoutStopsARunAndRecordsIt() throws {
        let dir = try Self.scratch()
        let start = Date()
        let r = try Self.run(["sweep", "slow.dtrnb", "--grid", "n=1,2", "--out", "s", "--jobs", "2", "--timeout", "1"], in: dir)
        #expect(r.status == 1, "\(r.output)")
        #expect(Date().timeIntervalSince(start) < 30)
        for run in ["runs/0000", "runs/0001"] {
            let result = try Self.result(dir.appendingPathComponent("s"), run)
            #expect(result.status == .timeout)
            #expect(result.message?.contains("--timeout") == true)
        }
    }

    @Test func ctrlCStopsTheRunsAndResumeRunsThemAgain() throws {
        let dir = try Self.scratch()
        let (process, log) = try Self.start(["sweep", "slow.dtrnb", "--grid", "n=1,2,3", "--out", "s", "--jobs", "2"], in: dir)
        let logs = ["runs/0000", "runs/0001"].map { dir.appendingPathComponent("s/\($0)/log.txt").path }
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, !logs.allSatisfy({ ((try? String(contentsOfFile: $0, encoding: .utf8)) ?? "").contains("cell 1") }) {
            usleep(50_000)
        }
        kill(process.processIdentifier, SIGINT)
        let stopBy = Date().addingTimeInterval(30)
        while process.isRunning, Date() < stopBy { usleep(50_000) }
        if process.isRunning {
            Issue.record("the sweep did not stop within 30 s of Ctrl-C")
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        #expect(process.terminationStatus == 130, "\(output)")
        #expect(output.contains("sweep: 0 ok, 0 failed, 3 not run"), "\(output)")
        let s = dir.appendingPathComponent("s")
        for run in ["runs/0000", "runs/0001"] { #expect(try Self.result(s, run).status == .interrupted) }
        #expect(!FileManager.default.fileExists(atPath: s.appendingPathComponent("runs/0002/result.json").path))
        let status = try Self.run(["sweep", "s", "--status"], in: dir)
        #expect(status.output.hasPrefix("3 points: 2 interrupted, 1 not run"), "\(status.output)")
        // An interrupted run is not a result: --resume runs all three (here stopped by --timeout).
        let resumed = try Self.run(["sweep", "slow.dtrnb", "--grid", "n=1,2,3", "--out", "s", "--jobs", "3",
                                    "--timeout", "1", "--resume"], in: dir)
        #expect(resumed.output.contains("0 already have results, 3 to run"), "\(resumed.output)")
        for run in ["runs/0000", "runs/0001", "runs/0002"] { #expect(try Self.result(s, run).status == .timeout) }
    }
}
