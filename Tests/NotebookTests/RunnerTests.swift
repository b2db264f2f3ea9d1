import Foundation
import Language
import Testing
@testable import Notebook

/// The notebook runner in process: parameters, verdicts, locations, write-back rules.
@Suite("Notebook runner")
struct RunnerTests {
    /// Writes `text` to a fresh folder and makes a runner for it (no stdlib, for speed).
    static func runner(_ text: String, name: String = "nb.dtrnb", _ configure: (inout NotebookRunOptions) -> Void = { _ in })
        throws -> (NotebookRunner, ScratchFolder) {
        let folder = try ScratchFolder()
        let url = try folder.write(name, text)
        var options = NotebookRunOptions()
        options.loadStandardLibrary = false
        options.hardTimeoutExit = false
        configure(&options)
        return (try NotebookRunner(url: url, options: options), folder)
    }

    @Test func onlyLiteralsAreParameters() throws {
        func check(_ source: String) -> Bool {
            let parsed = Parser.parse(source)
            guard case .expression(let e)? = parsed.program.statements.first?.kind else { return false }
            return ParameterBinding.firstNonLiteral(in: e) == nil
        }
        for good in ["1000", "-3", "1e-4", "10_000", "\"cosine\"", "true", "false", "[1, 2, 3]", "[[1, 2], [3, -4]]", "[\"a\", true]"] {
            #expect(check(good), "\(good) is a literal")
        }
        for bad in ["T", "1 + 2", "f(1)", "[1, x]", "-x", "{a: 1}", "none", "0..<3", "x => x"] {
            #expect(!check(bad), "\(bad) is not a literal")
        }
    }

    @Test func parametersAreBoundBeforeCellOneAndSetReplacesThem() throws {
        let text = "---\nparams:\n  T: 10\n  s: \"lin\"\n  on: true\n  xs: [1, 2]\n---\n\n```dtr\nprint(T, s, on)\nxs * T\n```\n"
        let (runner, _) = try Self.runner(text) { $0.overrides = [ParameterOverride(name: "T", literal: "-2")] }
        let result = try runner.run(reporter: SilentReporter())
        #expect(result.exitStatus == 0)
        #expect(result.parameters.map(\.literal) == ["-2", "\"lin\"", "true", "[1, 2]"])
        #expect(result.run.outputs[1]?.lines == ["-2 lin true", "f64[2] [-2 -4]"])
    }

    @Test func aBadParameterIsAUsageErrorPointingAtTheFrontMatter() throws {
        let (runner, _) = try Self.runner("---\nparams:\n  T: 10\n  U: T * 2\n---\n")
        #expect {
            _ = try runner.run(reporter: SilentReporter())
        } throws: { error in
            guard let error = error as? NotebookRunSetupError else { return false }
            return error.exitStatus == 2 && error.description.contains("--> nb.dtrnb, line 4, col 6")
                && error.description.contains("parameter \"U\" must be a literal")
        }
        let (undeclared, _) = try Self.runner("---\nparams:\n  T: 10\n---\n") {
            $0.overrides = [ParameterOverride(name: "X", literal: "1")]
        }
        #expect(throws: NotebookRunSetupError.self) { _ = try undeclared.run(reporter: SilentReporter()) }
    }

    @Test func expectErrorCellsMustFail() throws {
        let text = "```dtr a expect-error\nnope\n```\n\n```dtr b expect-error\n1 + 1\n```\n\n```dtr c\n3\n```\n"
        let (runner, _) = try Self.runner(text) { $0.keepGoing = true }
        let result = try runner.run(reporter: SilentReporter())
        #expect(result.exitStatus == 1)
        #expect(result.failedCells.map(\.number) == [2])
        #expect(result.run.outcome == .failed(cell: 2))
        #expect(result.run.outputs[1]?.status == .failed)
        #expect(result.run.outputs[2]?.lines == ["2"])
        #expect(result.run.outputs[2]?.error == "error: cell 2 \"b\" is marked expect-error but ran without an error")
        #expect(result.run.outputs[3]?.lines == ["3"])
        #expect(result.summary == "cell 2 \"b\" failed")
    }

    @Test func diagnosticsCountLinesInTheNotebookFile() throws {
        let text = "# T\n\nprose\n\n```dtr first\nx = 1\n```\n\n```dtr second\ny = 2\n  z = y + w\n```\n"
        let (runner, _) = try Self.runner(text, name: "lines.dtrnb")
        let result = try runner.run(reporter: SilentReporter())
        #expect(result.exitStatus == 1)
        let error = try #require(result.run.outputs[2]?.error)
        #expect(error.hasPrefix("error: unknown name \"w\"\n --> lines.dtrnb, cell 2 \"second\", line 11, col 11\n"))
        #expect(error.contains("11 |   z = y + w"))
    }

    @Test func onlyACompleteRunIsWrittenBack() throws {
        let text = "```dtr a\n1\n```\n\n```dtr b\nnope\n```\n\n```dtr c\n3\n```\n"
        let (stopping, folder) = try Self.runner(text)
        let stopped = try stopping.run(reporter: SilentReporter())
        #expect(!stopped.isComplete)
        #expect(try stopping.writeUpdate(stopped) == false)
        #expect(try folder.text("nb.dtrnb") == text)
        let (going, folder2) = try Self.runner(text) { $0.keepGoing = true }
        let all = try going.run(reporter: SilentReporter())
        #expect(all.isComplete)
        #expect(try going.writeUpdate(all))
        let written = try folder2.text("nb.dtrnb")
        #expect(written.hasPrefix("```dtr a\n1\n```\n\n```output\n1\n```\n\n```dtr b\nnope\n```\n\n```output\nerror: unknown name \"nope\"\n --> nb.dtrnb, cell 2 \"b\", line 10, col 1\n"))
    }

    @Test func writtenDiagnosticsAreRebasedToTheUpdatedLines() throws {
        let text = "```dtr a\nprint(1)\nprint(2)\n```\n\n```dtr b expect-error\nnope\n```\n"
        let (runner, folder) = try Self.runner(text)
        let first = try runner.run(reporter: SilentReporter())
        // As run, the cell's code is on line 7; after the write it is on line 12.
        #expect(first.run.outputs[2]?.error?.contains("line 7, col 1") == true)
        #expect(try runner.writeUpdate(first))
        let once = try folder.text("nb.dtrnb")
        #expect(once.contains("--> nb.dtrnb, cell 2 \"b\", line 12, col 1\n   |\n12 | nope\n"))
        let (again, _) = try Self.runner(once)
        let second = try again.run(reporter: SilentReporter())
        #expect(second.run.outputs[2]?.error?.contains("line 12, col 1") == true)
    }

    @Test func printedTextBecomesLinesWithoutColour() {
        #expect(NotebookRunner.lines(of: "") == [])
        #expect(NotebookRunner.lines(of: "a\nb\n") == ["a", "b"])
        #expect(NotebookRunner.lines(of: "a\n\nb") == ["a", "", "b"])
        #expect(NotebookRunner.lines(of: "\u{1B}[1;31mred\u{1B}[0m text\n") == ["red text"])
        #expect(ANSI.strip("\u{1B}[38;2;1;2;3mx\u{1B}[0m") == "x")
        #expect(NotebookRunner.withoutFinalNewline("x = 1\r\n") == "x = 1")
    }

    @Test func anIndentedCellKeepsTheFilesColumns() throws {
        let (runner, _) = try Self.runner("Intro\n\n  ```dtr ind\n  x = 1\n  y = x + zz\n  ```\n")
        let result = try runner.run(reporter: SilentReporter())
        let error = try #require(result.run.outputs[1]?.error)
        #expect(error.contains("--> nb.dtrnb, cell 1 \"ind\", line 5, col 11"))
        #expect(error.contains("5 |   y = x + zz"))
    }

    @Test func timeoutLimitsAreFormattedForPeople() {
        #expect(CellTimeout.format(2) == "2 s")
        #expect(CellTimeout.format(0.5) == "0.5 s")
    }
}
