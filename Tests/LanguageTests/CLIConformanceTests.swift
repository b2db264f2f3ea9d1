import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// SPEC §2 and §6 through the real executable: what `dtr eval`, `dtr FILE.dtr`, `dtr check`
/// and `dtr help` print, where, and with which exit code. Needs `.build/debug/dtr`
/// (`swift build --product dtr`); without it each test records that it was skipped.
struct CLIConformanceTests {
    /// The executable, found from this file's location.
    static let binary: String = {
        var url = URL(fileURLWithPath: "\(#filePath)")
        for _ in 0..<3 { url.deleteLastPathComponent() }  // …/Tests/LanguageTests/CLIConformanceTests.swift
        return url.appendingPathComponent(".build/debug/dtr").path
    }()

    /// What one run wrote and returned.
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// A scratch folder for one test.
    static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("dtr-cli-spec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs `dtr arguments` in `folder` (a fresh scratch folder by default), or nil when the
    /// binary has not been built.
    /// With `interruptWhen`, sends SIGINT once that file exists in the folder (the program
    /// creates it when it is running: its print output may still sit in a buffer).
    static func dtr(_ arguments: [String], in folder: URL? = nil, interruptWhen marker: String? = nil) throws -> Run? {
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            Issue.record("skipped: \(binary) is not built (swift build --product dtr)")
            return nil
        }
        let dir = try folder ?? scratch()
        let out = dir.appendingPathComponent(".stdout-\(UUID().uuidString)")
        let err = dir.appendingPathComponent(".stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = dir
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        process.environment = env
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        if let marker {
            let file = dir.appendingPathComponent(marker).path
            let limit = Date().addingTimeInterval(60)
            while !FileManager.default.fileExists(atPath: file) && process.isRunning && Date() < limit { usleep(20_000) }
            usleep(200_000)
            kill(process.processIdentifier, SIGINT)
        }
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return Run(status: process.terminationStatus,
                   stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                   stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    /// `dtr eval PROGRAM`.
    static func eval(_ program: String, _ extra: [String] = []) throws -> Run? {
        try dtr(["eval", program] + extra)
    }

    // MARK: - dtr eval

    @Test func evalDisplaysTheLastExpression() throws {
        guard let r = try Self.eval("x = 2; x * 21") else { return }
        #expect(r.status == 0)
        #expect(r.stdout == "42\n")
        #expect(r.stderr.isEmpty)
    }

    @Test func evalProgramMayStartWithAMinus() throws {
        guard let a = try Self.eval("-2 ^ 2"), let b = try Self.eval("- 2 ^ 2 == -4"),
              let c = try Self.dtr(["eval", "--allow-fs", "-7 % 3"]),
              let d = try Self.dtr(["eval", "-1", "--allow-fs"]),
              let e = try Self.dtr(["eval", "--", "-3"]) else { return }
        #expect(a.stdout == "-4\n" && a.status == 0, "\(a.stderr)")
        #expect(b.stdout == "true\n" && b.status == 0, "\(b.stderr)")
        #expect(c.stdout == "2\n" && c.status == 0, "\(c.stderr)")
        #expect(d.stdout == "-1\n" && d.status == 0, "\(d.stderr)")
        #expect(e.stdout == "-3\n" && e.status == 0, "\(e.stderr)")
    }

    @Test func evalWithoutAProgramIsAUsageError() throws {
        guard let r = try Self.dtr(["eval"]) else { return }
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(!r.stderr.isEmpty)
    }

    @Test func evalHelpStillWorks() throws {
        guard let r = try Self.dtr(["eval", "--help"]) else { return }
        #expect(r.status == 0)
        #expect(r.stdout.contains("eval"))
    }

    @Test func noneAndBindingsAreNotDisplayed() throws {
        for program in ["none", "x = 5", "print(1)", "fn f() = 1", "for i in 0..<2 { i }"] {
            guard let r = try Self.eval(program) else { return }
            #expect(r.status == 0, "\(program): \(r.stderr)")
            #expect(r.stdout == (program == "print(1)" ? "1\n" : ""), "\(program): \(r.stdout)")
        }
    }

    @Test func evalShowsTensorsWithDtypeAndStringsQuoted() throws {
        guard let t = try Self.eval("[1, 2, 3]"), let s = try Self.eval("\"a\" + \"b\""),
              let m = try Self.eval("[[1, 2], [3, 4]]"), let l = try Self.eval("[1, \"a\"]"),
              let p = try Self.eval("print(\"a\", 1, [1, 2])") else { return }
        #expect(t.stdout == "f64[3] [1 2 3]\n")
        #expect(s.stdout == "\"ab\"\n")
        #expect(m.stdout.hasPrefix("f64[2, 2]"))
        #expect(l.stdout == "[1, \"a\"]\n")
        #expect(p.stdout == "a 1 [1 2]\n")
    }

    // MARK: - dtr FILE.dtr

    @Test func scriptShowsOnlyPrintOutput() throws {
        let dir = try Self.scratch()
        try "1 + 1\n\"shown?\"\nprint(\"hi\", 2)\n[1, 2]\nnone\n".write(
            to: dir.appendingPathComponent("s.dtr"), atomically: true, encoding: .utf8)
        guard let r = try Self.dtr(["s.dtr"], in: dir) else { return }
        #expect(r.status == 0)
        #expect(r.stdout == "hi 2\n")
        #expect(r.stderr.isEmpty)
    }

    // MARK: - exit codes (SPEC §2)

    @Test func runtimeErrorExitsOneWithAFullDiagnostic() throws {
        guard let r = try Self.eval("x = 1\nlnspace(0, 1, 3)") else { return }
        #expect(r.status == 1)
        #expect(r.stderr.contains("error: unknown name \"lnspace\""))
        #expect(r.stderr.contains("--> <eval>, line 2, col 1"))
        #expect(r.stderr.contains("2 | lnspace(0, 1, 3)"))
        #expect(r.stderr.contains("  | ^^^^^^^"))
        #expect(r.stderr.contains("did you mean \"linspace\"?"))
    }

    @Test func scriptErrorNamesTheFile() throws {
        let dir = try Self.scratch()
        try "print(1)\nzeros([2]) + zeros([3])\n".write(
            to: dir.appendingPathComponent("bad.dtr"), atomically: true, encoding: .utf8)
        guard let r = try Self.dtr(["bad.dtr"], in: dir) else { return }
        #expect(r.status == 1)
        #expect(r.stdout == "1\n")
        #expect(r.stderr.contains("error: "))
        #expect(r.stderr.contains("bad.dtr, line 2, col"))
        #expect(r.stderr.contains("^"))
    }

    @Test func syntaxErrorsExitTwo() throws {
        let dir = try Self.scratch()
        try "print(1)\nx = (1 +\n".write(to: dir.appendingPathComponent("syn.dtr"), atomically: true, encoding: .utf8)
        guard let e = try Self.eval("1 +"), let s = try Self.dtr(["syn.dtr"], in: dir),
              let c = try Self.dtr(["check", "syn.dtr"], in: dir) else { return }
        #expect(e.status == 2)
        #expect(e.stderr.contains("error: "))
        #expect(s.status == 2)
        #expect(s.stdout.isEmpty, "a script with a syntax error runs nothing")
        #expect(c.status == 2)
        #expect(c.stderr.contains("syn.dtr, line 2"))
    }

    @Test func checkReportsEverySyntaxError() throws {
        let dir = try Self.scratch()
        try "fn f( { }\nok = 1\nw = 3 +* 4\nx = (1 +\ny = 2\nz = ]\n".write(
            to: dir.appendingPathComponent("multi.dtr"), atomically: true, encoding: .utf8)
        guard let r = try Self.dtr(["check", "multi.dtr"], in: dir) else { return }
        #expect(r.status == 2)
        let lines = r.stderr.split(separator: "\n").filter { $0.hasPrefix(" --> ") }
        #expect(lines == [" --> multi.dtr, line 1, col 7", " --> multi.dtr, line 3, col 8",
                          " --> multi.dtr, line 5, col 3", " --> multi.dtr, line 6, col 5"])
    }

    @Test func checkReportsWhatWouldStopTheScriptBeforeItRuns() throws {
        let dir = try Self.scratch()
        try "print(\"start\")\nfn f() {\n  y = count\n  count = 1\n}\n".write(
            to: dir.appendingPathComponent("local.dtr"), atomically: true, encoding: .utf8)
        guard let run = try Self.dtr(["local.dtr"], in: dir), let check = try Self.dtr(["check", "local.dtr"], in: dir) else { return }
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(check.status == 2)
        #expect(check.stderr.contains("\"count\" is used before it is assigned"))
        #expect(check.stderr.contains("local.dtr, line 3, col 7"))
    }

    @Test func checkAcceptsAValidFileWithoutRunningIt() throws {
        let dir = try Self.scratch()
        try "print(\"ran\")\nundefined_name\n".write(to: dir.appendingPathComponent("ok.dtr"), atomically: true, encoding: .utf8)
        guard let r = try Self.dtr(["check", "ok.dtr"], in: dir) else { return }
        #expect(r.status == 0)
        #expect(r.stdout.isEmpty)
    }

    @Test func usageErrorsExitTwo() throws {
        guard let a = try Self.dtr(["--no-such-option"]), let b = try Self.dtr(["missing.dtr"]),
              let c = try Self.dtr(["help", "lnspace"]) else { return }
        #expect(a.status == 2)
        #expect(a.stderr.hasPrefix("error: "), "usage errors read like every other diagnostic: \(a.stderr)")
        #expect(b.status == 2)
        #expect(c.status == 2)
        #expect(c.stderr.contains("did you mean \"linspace\"?"))
        #expect(b.stderr == "error: cannot read missing.dtr: no such file\n")
    }

    @Test func helpAndVersionExitZero() throws {
        guard let h = try Self.dtr(["help", "linspace"]), let u = try Self.dtr(["--help"]),
              let v = try Self.dtr(["--version"]) else { return }
        #expect(h.status == 0 && h.stdout.contains("linspace"))
        guard let s = try Self.dtr(["help", "clamp"]) else { return }
        #expect(s.status == 0 && s.stdout.hasPrefix("fn clamp(x, lo = 0, hi = 1)\n\nLimits x"), "\(s.stdout)")
        #expect(u.status == 0 && u.stdout.contains("eval"))
        #expect(v.status == 0 && v.stdout.hasPrefix("dtr "))
    }

    @Test func ctrlCExits130() throws {
        let dir = try Self.scratch()
        try "save_csv([1], \"started.csv\")\nwhile true { }\n".write(
            to: dir.appendingPathComponent("loop.dtr"), atomically: true, encoding: .utf8)
        guard let r = try Self.dtr(["loop.dtr"], in: dir, interruptWhen: "started.csv") else { return }
        #expect(r.status == 130)
        #expect(r.stderr.contains("interrupted"))
    }

    @Test func recursionTooDeepIsADiagnostic() throws {
        guard let r = try Self.eval("fn f(n) = f(n + 1); f(0)") else { return }
        #expect(r.status == 1)
        #expect(r.stderr.contains("error: recursion too deep"))
    }

    // MARK: - seed 0 (SPEC §2)

    @Test func everyRunStartsFromSeedZero() throws {
        let dir = try Self.scratch()
        try "print(rand([3]))\n".write(to: dir.appendingPathComponent("r.dtr"), atomically: true, encoding: .utf8)
        guard let a = try Self.eval("print(rand([3]))"), let b = try Self.eval("print(rand([3]))"),
              let c = try Self.eval("seed(0); print(rand([3]))"),
              let s = try Self.dtr(["r.dtr"], in: dir) else { return }
        #expect(a.status == 0 && !a.stdout.isEmpty)
        #expect(a.stdout == b.stdout)
        #expect(a.stdout == c.stdout)
        #expect(a.stdout == s.stdout)
    }

    // MARK: - file confinement (SPEC §5 Files)

    @Test func fileAccessIsConfinedUnlessAllowFS() throws {
        let outer = try Self.scratch()
        let inner = outer.appendingPathComponent("inner")
        try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: true)
        try "save_npy([1, 2], \"../up.npy\")\nprint(load_npy(\"../up.npy\"))\n".write(
            to: inner.appendingPathComponent("s.dtr"), atomically: true, encoding: .utf8)
        guard let denied = try Self.dtr(["s.dtr"], in: inner),
              let allowed = try Self.dtr(["s.dtr", "--allow-fs"], in: inner),
              let evalDenied = try Self.dtr(["eval", "load_npy(\"../up.npy\")"], in: inner),
              let evalAllowed = try Self.dtr(["eval", "--allow-fs", "load_npy(\"../up.npy\")"], in: inner) else { return }
        #expect(denied.status == 1)
        #expect(denied.stderr.contains("error: "))
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(allowed.stdout == "[1 2]\n")
        #expect(evalDenied.status == 1)
        #expect(evalAllowed.status == 0, "\(evalAllowed.stderr)")
    }
}
