import Foundation
import Testing
@testable import Language

/// A two-point sweep folder `sweep/` (beta = 0.1 recorded fd 0.5, beta = 0.2 fd 0.75), as
/// `dtr sweep` writes it: what `load_sweep`'s registry example reads.
enum SweepFixture {
    static func write(in dir: URL) throws {
        let axes = [SweepManifest.Axis(name: "beta", values: ["0.1", "0.2"])]
        let points = [SweepManifest.Point(index: 0, folder: "runs/0000", params: ["beta": "0.1"]),
                      SweepManifest.Point(index: 1, folder: "runs/0001", params: ["beta": "0.2"])]
        let manifest = SweepManifest(notebook: "/nb.dtrnb", notebookHash: "H", dtrVersion: "dtr test", axes: axes,
                                     seedAxis: nil, points: points)
        let sweep = dir.appendingPathComponent("sweep")
        for (point, fd) in zip(points, [0.5, 0.75]) {
            let folder = sweep.appendingPathComponent(point.folder)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let result = RunResult(params: point.params, status: .ok, exitStatus: 0, seconds: 1, notebookHash: "H",
                                   dtrVersion: "dtr test", records: ["fd": .number(fd)])
            try result.json.serialized.write(to: folder.appendingPathComponent("result.json"), atomically: true, encoding: .utf8)
        }
        try manifest.json.serialized.write(to: sweep.appendingPathComponent("sweep.json"), atomically: true, encoding: .utf8)
    }
}

/// `record(name, value)` and `load_sweep(DIR)`.
struct SweepBuiltinTests {
    static func session(in dir: URL) -> Session {
        Session(options: SessionOptions(root: dir.path, loadStandardLibrary: false), output: CapturedOutput())
    }

    static func folder(_ name: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dtr-sweep-builtins-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func recordKeepsNumbersAndShortListsLastValueWins() throws {
        let s = Self.session(in: try Self.folder("record"))
        let outcome = s.run(SourceFile(name: "t", text: """
            record("a", 1)
            record("a", 2.5)
            record("ok", true)
            record("curve", linspace(0, 1, 3))
            record("pair", [1, 2])
            record("scalar", sum(ones(4)))
            """))
        #expect(outcome.diagnostics.isEmpty)
        #expect(s.records == ["a": .number(2.5), "ok": .number(1), "curve": .list([0, 0.5, 1]), "pair": .list([1, 2]),
                              "scalar": .number(4)])
    }

    @Test(arguments: [
        ("record(\"m\", zeros([2, 2]))", "got a tensor of shape [2, 2]"),
        ("record(\"m\", zeros(1001))", "got a tensor of shape [1001]"),
        ("record(\"m\", \"text\")", "got a string"),
        ("record(\"m\", [1, \"x\"])", "got a list holding a string"),
        ("record(\"\", 1)", "the name must be a non-empty text"),
    ])
    func recordRefusesOtherValues(_ program: String, _ message: String) throws {
        let s = Self.session(in: try Self.folder("refuse"))
        let outcome = s.run(SourceFile(name: "t", text: program))
        #expect(outcome.diagnostics.first?.message.contains(message) == true, "\(outcome.diagnostics.map(\.message))")
    }

    @Test func loadSweepGivesColumns() throws {
        let dir = try Self.folder("load")
        try SweepFixture.write(in: dir)
        let s = Self.session(in: dir)
        let outcome = s.run(SourceFile(name: "t", text: "t = load_sweep(\"sweep\")"))
        #expect(outcome.diagnostics.isEmpty)
        guard case .record(let t)? = s.value(of: "t") else { Issue.record("t is not a record"); return }
        #expect(t.names == ["beta", "runs", "ok", "failed", "fd", "fd_std"])
        #expect(["beta", "fd", "ok", "runs"].map { t[$0]?.tensorValue?.toArray() ?? [] } == [[0.1, 0.2], [0.5, 0.75], [1, 1], [1, 1]])
    }

    @Test func loadSweepIsConfinedToTheNotebookFolder() throws {
        let dir = try Self.folder("confined")
        let inner = dir.appendingPathComponent("nb")
        try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: true)
        try SweepFixture.write(in: dir)
        let outcome = Self.session(in: inner).run(SourceFile(name: "t", text: "load_sweep(\"../sweep\")"))
        #expect(outcome.diagnostics.first?.message.contains("leads outside the folder") == true)
        let allowed = Session(options: SessionOptions(root: inner.path, allowFileSystem: true, loadStandardLibrary: false),
                              output: CapturedOutput())
        #expect(allowed.run(SourceFile(name: "t", text: "load_sweep(\"../sweep\")")).diagnostics.isEmpty)
    }

    @Test func loadSweepOfAMissingFolderSaysWhat() throws {
        let outcome = Self.session(in: try Self.folder("missing")).run(SourceFile(name: "t", text: "load_sweep(\"nope\")"))
        #expect(outcome.diagnostics.first?.message.hasPrefix("load_sweep: cannot read \"nope/sweep.json\"") == true,
                "\(outcome.diagnostics.map(\.message))")
    }
}
