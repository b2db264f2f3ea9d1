import Foundation
import Testing
import Language
@testable import Notebook

/// `dtr run --results DIR`: result.json and the executed notebook showing the values used.
struct RunResultsTests {
    @Test func aRunWritesItsResultAndTheExecutedNotebook() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dtr-run-results-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let notebook = dir.appendingPathComponent("nb.dtrnb")
        let text = "---\nparams:\n  beta: 0.5   \n  name: \"a\"\n---\n```dtr\nrecord(\"twice\", beta * 2)\nbeta * 2\n```\n"
        try text.write(to: notebook, atomically: true, encoding: .utf8)
        var options = NotebookRunOptions(overrides: [ParameterOverride(name: "beta", literal: "0.25")])
        options.loadStandardLibrary = false
        let runner = try NotebookRunner(url: notebook, options: options)
        let result = try runner.run(reporter: SilentReporter())
        let out = dir.appendingPathComponent("out/runs/0000")
        try RunResultsFolder(out).write(result, of: runner, seconds: 1.5, dtrVersion: "dtr test")

        let saved = try RunResult(parsing: [UInt8](Data(contentsOf: out.appendingPathComponent("result.json"))))
        #expect(saved == RunResult(params: ["beta": "0.25", "name": "\"a\""], status: .ok, exitStatus: 0, seconds: 1.5,
                                   notebookHash: SHA256.hex(Array(text.utf8)), dtrVersion: "dtr test",
                                   records: ["twice": .number(0.5)]))
        let executed = try String(contentsOf: out.appendingPathComponent("nb.dtrnb"), encoding: .utf8)
        #expect(executed == "---\nparams:\n  beta: 0.25   \n  name: \"a\"\n---\n```dtr\nrecord(\"twice\", beta * 2)\nbeta * 2\n```\n\n```output\n0.5\n```\n")
    }
}
