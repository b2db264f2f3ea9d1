import Testing
@testable import Language
import Tensor

/// The results table: seeds folded into mean ± sample std, failures counted, stale results
/// ignored, the CSV form and the value `load_sweep` gives a notebook.
struct TableTests {
    /// beta ∈ {0.1, 0.2} × seed ∈ {0, 1, 2}.
    static let manifest: SweepManifest = {
        let axes = [SweepManifest.Axis(name: "beta", values: ["0.1", "0.2"]),
                    SweepManifest.Axis(name: "seed", values: ["0", "1", "2"])]
        var points: [SweepManifest.Point] = []
        for b in ["0.1", "0.2"] {
            for s in ["0", "1", "2"] {
                points.append(.init(index: points.count, folder: "runs/000\(points.count)", params: ["beta": b, "seed": s]))
            }
        }
        return SweepManifest(notebook: "/nb.dtrnb", notebookHash: "H", dtrVersion: "dtr test", axes: axes, seedAxis: "seed",
                             points: points)
    }()

    static func result(_ point: Int, _ status: RunResult.Status, _ records: [String: RecordedValue], hash: String = "H") -> RunResult {
        RunResult(params: manifest.points[point].params, status: status, exitStatus: status == .ok ? 0 : 1, seconds: 1,
                  notebookHash: hash, dtrVersion: "dtr test", records: records)
    }

    /// Row 0.1: fd 1, 3, 5 (mean 3, sample std 2), curve [1, 2] and [3, 4]… ; row 0.2: one ok
    /// (fd 10), one failed, one result of an older notebook (stale, so missing).
    static let results: [Int: RunResult] = [
        0: result(0, .ok, ["fd": .number(1), "curve": .list([1, 2])]),
        1: result(1, .ok, ["fd": .number(3), "curve": .list([3, 4])]),
        2: result(2, .ok, ["fd": .number(5), "curve": .list([5, 6])]),
        3: result(3, .ok, ["fd": .number(10)]),
        4: result(4, .failed, [:]),
        5: result(5, .ok, ["fd": .number(99)], hash: "OLD"),
    ]

    @Test func rowsFoldTheSeedAxisIntoMeanAndSampleStd() throws {
        let table = SweepTable(manifest: Self.manifest, results: Self.results)
        #expect(table.axes == ["beta"])
        #expect(table.recordNames == ["curve", "fd"])
        #expect(table.rows.count == 2)
        let first = table.rows[0]
        #expect(first.values == ["0.1"])
        #expect(first.runs == 3 && first.ok == 3 && first.failed == 0)
        #expect(first.statistics["fd"]?.mean == [3])
        #expect(first.statistics["fd"]?.std == [2])
        #expect(first.statistics["curve"]?.mean == [3, 4])
        #expect(first.statistics["curve"]?.std == [2, 2])
        let second = table.rows[1]
        #expect(second.ok == 1 && second.failed == 1 && second.missing == 1)
        #expect(second.statistics["fd"]?.mean == [10])
        #expect(second.statistics["fd"]?.std == nil)
        #expect(second.statistics["curve"] == nil)
    }

    @Test func textAlignsColumnsAndShowsMeanPlusMinusStd() {
        let text = SweepTable(manifest: Self.manifest, results: Self.results).text
        #expect(text == """
            beta  ok/seeds        curve            fd
            0.1   3/3             [3, 4] ± [2, 2]  3 ± 2
            0.2   1/3 (1 failed)  —                10

            """)
    }

    @Test func csvHasMeanAndStdColumnsWithExactNumbers() {
        let csv = SweepTable(manifest: Self.manifest, results: Self.results).csv
        #expect(csv == """
            beta,runs,ok,failed,curve,curve_std,fd,fd_std
            0.1,3,3,0,"[3, 4]","[2, 2]",3,2
            0.2,3,1,1,,,10,

            """)
    }

    @Test func stdIsTheSampleStandardDeviation() {
        let s = SweepTable.statistic([.number(0.5), .number(0.7), .number(0.9), .number(1.3)])
        #expect(abs(s.mean[0] - 0.85) < 1e-15)
        // numpy: np.std([0.5, 0.7, 0.9, 1.3], ddof=1) = 0.34156502553198664
        #expect(abs((s.std?[0] ?? 0) - 0.34156502553198664) < 1e-15)
        #expect(s.count == 4)
    }

    @Test func asAValueTheTableIsARecordOfColumns() throws {
        let value = try SweepTable(manifest: Self.manifest, results: Self.results).value()
        guard case .record(let r) = value else { Issue.record("not a record"); return }
        #expect(r.names == ["beta", "runs", "ok", "failed", "curve", "curve_std", "fd", "fd_std"])
        #expect(r["beta"]?.tensorValue?.toArray() == [0.1, 0.2])
        #expect(r["ok"]?.tensorValue?.toArray() == [3, 1])
        #expect(r["fd"]?.tensorValue?.toArray() == [3, 10])
        let std = r["fd_std"]?.tensorValue?.toArray() ?? []
        #expect(std.count == 2 && std[0] == 2 && std[1].isNaN)
    }

    @Test func filesRoundTripThroughJSON() throws {
        let r = Self.results[0]!
        #expect(try RunResult(parsing: Array(r.json.serialized.utf8)) == r)
        var m = Self.manifest
        m.settings = ["backend": .string("local"), "jobs": .number(2)]
        #expect(try SweepManifest(parsing: Array(m.json.serialized.utf8)) == m)
        let odd = RunResult(params: ["s": "\"a\\\"b\""], status: .timeout, exitStatus: 3, seconds: 0.5, notebookHash: "H",
                            dtrVersion: "v", records: ["x": .number(.nan), "y": .list([.infinity, -1.5e-300])], message: "é\n\t")
        let back = try RunResult(parsing: Array(odd.json.serialized.utf8))
        #expect(back.params == odd.params && back.message == odd.message && back.status == .timeout)
        #expect(back.records["y"] == .list([.infinity, -1.5e-300]))
        if case .number(let x)? = back.records["x"] { #expect(x.isNaN) } else { Issue.record("nan lost") }
    }

    @Test func malformedJSONIsAnErrorNamingTheLine() {
        do {
            _ = try JSON.parse(Array("{\n \"a\": [1,\n 2,, 3]\n}".utf8))
            Issue.record("accepted")
        } catch {
            #expect(error.message == "invalid JSON at line 3: expected a value")
        }
    }
}
