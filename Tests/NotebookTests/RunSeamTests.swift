import Testing
@testable import Notebook

@Suite("Run seam: driver, locations, parameters")
struct RunSeamTests {
    static let text = "```dtr a\n1\n```\n```dtr b expect-error\nboom\n```\n```dtr c\nfail\n```\n```dtr d\n4\n```\n"

    /// An executor that fails cells whose code starts with "fail" or "boom".
    static func fake(_ cell: CodeCell) -> CellOutput {
        cell.code.hasPrefix("fail") || cell.code.hasPrefix("boom")
            ? CellOutput(error: "error: \(cell.code)", status: .failed)
            : CellOutput(lines: [cell.code.trimmedSpaces])
    }

    @Test func aFailureStopsTheRunButExpectedErrorsDoNot() throws {
        let doc = try NotebookDocument(parsing: Self.text)
        let run = NotebookRun.run(doc, execute: Self.fake)
        #expect(run.outcome == .failed(cell: 3))
        #expect(run.outcome.exitStatus == 1)
        #expect(run.outputs.keys.sorted() == [1, 2, 3])
        // The cell after the stop keeps whatever output it had.
        let update = doc.updated(with: run.outputs, notebookName: "nb")
        #expect(try NotebookDocument(parsing: update.text).storedOutput(ofCell: 4) == nil)
    }

    @Test func keepGoingRunsEverythingAndStillFails() throws {
        let run = NotebookRun.run(try NotebookDocument(parsing: Self.text), keepGoing: true, execute: Self.fake)
        #expect(run.outcome == .failed(cell: 3))
        #expect(run.outputs.keys.sorted() == [1, 2, 3, 4])
    }

    @Test func timeoutsAndInterruptsStopWithTheirExitStatus() throws {
        let doc = try NotebookDocument(parsing: Self.text)
        let timed = NotebookRun.run(doc, keepGoing: true) { $0.number == 2 ? CellOutput(status: .timedOut) : CellOutput() }
        #expect(timed.outcome == .timedOut(cell: 2))
        #expect(timed.outcome.exitStatus == 3)
        let stopped = NotebookRun.run(doc) { $0.number == 1 ? CellOutput(status: .interrupted) : CellOutput() }
        #expect(stopped.outcome.exitStatus == 130)
        #expect(stopped.outputs.count == 1)
        #expect(NotebookRun.run(doc) { $0.expectsError ? CellOutput(status: .failed) : CellOutput() }.outcome.exitStatus == 0)
    }

    @Test func diagnosticsPointIntoTheNotebookFile() throws {
        let doc = try NotebookDocument(parsing: "Intro\n\n  ```dtr train\n  x = 1\n  y = z\n  ```\n")
        let cell = try #require(doc.cells.first)
        #expect(cell.fileLocation(line: 2, column: 5) == (line: 5, column: 7))
        #expect(cell.locationDescription(file: "nb.dtrnb", line: 2, column: 5) == "nb.dtrnb, cell 1 \"train\", line 5, col 7")
        #expect(cell.fileLocation(line: Int.max, column: Int.max) == (line: Int.max, column: Int.max))
        #expect(cell.fileLocation(line: 0, column: -3) == (line: 4, column: 3))
    }

    @Test func overridesReplaceDeclaredParameters() throws {
        let doc = try NotebookDocument(parsing: Fixtures.sample)
        let resolved = try doc.parameters(applying: [ParameterOverride(parsing: "T=50"), ParameterOverride(parsing: "schedule = \"a=b\"")])
        #expect(resolved.map(\.name) == ["T", "schedule", "betas"])
        #expect(resolved.map(\.literal) == ["50", "\"a=b\"", "[0.1, 0.2]"])
        #expect(resolved[0].source == .commandLine)
        #expect(resolved[2].source == .frontMatter(line: 6, column: 10))
    }

    @Test func badOverridesAreUsageErrors() throws {
        let doc = try NotebookDocument(parsing: Fixtures.sample)
        #expect(throws: NotebookError(.badParameterOverride, line: nil, "--set steps: no such parameter (declared: T, schedule, betas)")) {
            try doc.parameters(applying: [ParameterOverride(name: "steps", literal: "1")])
        }
        for argument in ["noequals", "=1", "1x=2", "a="] {
            #expect(throws: NotebookError.self) { try ParameterOverride(parsing: argument) }
        }
        let plain = try NotebookDocument(parsing: "text\n")
        #expect(try plain.parameters().isEmpty)
        #expect(throws: NotebookError.self) { try plain.parameters(applying: [ParameterOverride(name: "a", literal: "1")]) }
    }
}

@Suite("Composing notebooks (REPL :save)")
struct ComposerTests {
    @Test func composedCellsReadBackUnchanged() throws {
        let cells = ["x = 1", "s = \"```\"\nprint(s)\n", ""]
        let update = NotebookComposer.compose(title: "Session\nnotes", cells: cells, outputs: [2: CellOutput(lines: ["```"])],
                                              notebookName: "session")
        let doc = try NotebookDocument(parsing: update.text)
        #expect(doc.frontMatter?.title == "Session notes")
        #expect(doc.cells.map(\.code) == ["x = 1\n", "s = \"```\"\nprint(s)\n", ""])
        #expect(doc.storedOutput(ofCell: 2)?.textLines == ["```"])
        #expect(update.text.hasPrefix("---\ntitle: Session notes\n---\n\n```dtr\nx = 1\n```\n\n````dtr\n"))
    }

    @Test func aByteOrderMarkDoesNotHideTheFirstCell() throws {
        let text = "\u{FEFF}```dtr\n1\n```\n"
        let doc = try NotebookDocument(parsing: text)
        #expect(doc.cells.count == 1)
        #expect(doc.text == text)
    }
}
