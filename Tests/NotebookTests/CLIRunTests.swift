import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `dtr run` end to end, through the built executable.
@Suite("dtr run")  // a missing binary fails: Process.run throws
struct CLIRunTests {
    static let small = """
    ---
    title: Small
    params:
      T: 10
      name: "abc"
    ---

    # Small

    ```dtr first
    print("T is", T, name)
    [1, 2] * T
    ```

    ```dtr oops expect-error
    lenght([1, 2])
    ```

    ```dtr
    y = T + 1
    y
    ```

    """

    @Test func printsParametersHeadersOutputsAndExpectedErrors() throws {
        let folder = try ScratchFolder()
        try folder.write("small.dtrnb", Self.small)
        let result = try DTRBinary.run(["run", "small.dtrnb"], in: folder.url)
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("params: T = 10, name = \"abc\"\n"))
        #expect(result.stdout.contains("── cell 1 \"first\" ──\nT is 10 abc\nf64[2] [10 20]\n"))
        #expect(result.stdout.contains("── cell 3 ──\n11\n"))
        // The expected error is shown, pointing at line 16 of the notebook file itself.
        #expect(result.stdout.contains("error: unknown name \"lenght\""))
        #expect(result.stdout.contains("--> small.dtrnb, cell 2 \"oops\", line 16, col 1"))
        #expect(result.stdout.contains("16 | lenght([1, 2])"))
        #expect(!result.stdout.contains("\u{1B}"), "no colour when stdout is not a terminal")
        #expect(result.stderr.isEmpty)
    }

    @Test func setReplacesADeclaredParameter() throws {
        let folder = try ScratchFolder()
        try folder.write("small.dtrnb", Self.small)
        let result = try DTRBinary.run(["run", "small.dtrnb", "--set", "T=3", "--set", "name=\"x y\""], in: folder.url)
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("params: T = 3, name = \"x y\"\n"))
        #expect(result.stdout.contains("T is 3 x y\nf64[2] [3 6]\n"))
        let negative = try DTRBinary.run(["run", "small.dtrnb", "--set", "T=-2"], in: folder.url)
        #expect(negative.status == 0)
        #expect(negative.stdout.contains("T is -2 abc\nf64[2] [-2 -4]\n"))
    }

    @Test func setOfAnUndeclaredOrBadParameterIsAUsageError() throws {
        let folder = try ScratchFolder()
        try folder.write("small.dtrnb", Self.small)
        let undeclared = try DTRBinary.run(["run", "small.dtrnb", "--set", "steps=5"], in: folder.url)
        #expect(undeclared.status == 2)
        #expect(undeclared.stderr.contains("--set steps: no such parameter (declared: T, name)"))
        #expect(!undeclared.stdout.contains("── cell"), "nothing runs")
        let notLiteral = try DTRBinary.run(["run", "small.dtrnb", "--set", "T=T * 2"], in: folder.url)
        #expect(notLiteral.status == 2)
        #expect(notLiteral.stderr.contains("parameter \"T\" must be a literal"))
        let unquoted = try DTRBinary.run(["run", "small.dtrnb", "--set", "name=abc"], in: folder.url)
        #expect(unquoted.status == 2)
        #expect(unquoted.stderr.contains("a string needs quotes: --set 'name=\"abc\"'"))
        let broken = try DTRBinary.run(["run", "small.dtrnb", "--set", "T=[1, 2"], in: folder.url)
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("error:"))
        let malformed = try DTRBinary.run(["run", "small.dtrnb", "--set", "T"], in: folder.url)
        #expect(malformed.status == 2)
        #expect(malformed.stderr.contains("NAME=VALUE"))
    }

    @Test func aFrontMatterParameterMustBeALiteral() throws {
        let folder = try ScratchFolder()
        try folder.write("p.dtrnb", "---\nparams:\n  T: 10\n  U: T + 1\n---\n\n```dtr\nU\n```\n")
        let result = try DTRBinary.run(["run", "p.dtrnb"], in: folder.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("error: parameter \"U\" must be a literal"))
        #expect(result.stderr.contains("--> p.dtrnb, line 4, col 6"))
    }

    @Test func diagnosticsNameTheCellAndTheLineOfTheNotebookFile() throws {
        let folder = try ScratchFolder()
        let text = "# Title\n\nProse.\n\n```dtr setup\nx = 1\n```\n\nMore prose.\n\n```dtr train\ny = 2\nz = x + [1, 2] @ [[1], [2], [3]]\n```\n\n```dtr\nprint(\"never\")\n```\n"
        try folder.write("loc.dtrnb", text)
        let result = try DTRBinary.run(["run", "loc.dtrnb"], in: folder.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains(" --> loc.dtrnb, cell 2 \"train\", line 13, col "))
        #expect(result.stderr.contains("13 | z = x + [1, 2] @ [[1], [2], [3]]"))
        #expect(result.stderr.contains("error: cell 2 \"train\" failed"))
        #expect(!result.stdout.contains("never"), "the run stops at the first failing cell")
        // A syntax error in a cell is located the same way, and is exit status 2.
        try folder.write("syntax.dtrnb", "Intro\n\n```dtr a\n1\n```\n\n```dtr b\nx = (1 +\n```\n")
        let syntax = try DTRBinary.run(["run", "syntax.dtrnb"], in: folder.url)
        #expect(syntax.status == 2)
        #expect(syntax.stderr.contains("syntax.dtrnb, cell 2 \"b\", line 8, col 9"))
    }

    @Test func keepGoingRunsEveryCellAndReportsEveryFailure() throws {
        let folder = try ScratchFolder()
        let text = "```dtr a\nnope1\n```\n\n```dtr b\nprint(\"b ran\")\n```\n\n```dtr c\nnope2\n```\n\n```dtr d\nprint(\"d ran\")\n```\n"
        try folder.write("k.dtrnb", text)
        let stop = try DTRBinary.run(["run", "k.dtrnb"], in: folder.url)
        #expect(stop.status == 1)
        #expect(!stop.stdout.contains("b ran"))
        let all = try DTRBinary.run(["run", "k.dtrnb", "--keep-going"], in: folder.url)
        #expect(all.status == 1)
        #expect(all.stdout.contains("b ran"))
        #expect(all.stdout.contains("d ran"))
        #expect(all.stderr.contains("unknown name \"nope1\""))
        #expect(all.stderr.contains("unknown name \"nope2\""))
        #expect(all.stderr.contains("2 of 4 cells failed: cell 1 \"a\", cell 3 \"c\""))
    }

    @Test func anExpectErrorCellThatSucceedsFailsTheRun() throws {
        let folder = try ScratchFolder()
        try folder.write("e.dtrnb", "```dtr fine expect-error\n1 + 1\n```\n\n```dtr after\nprint(\"after\")\n```\n")
        let result = try DTRBinary.run(["run", "e.dtrnb"], in: folder.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("cell 1 \"fine\" is marked expect-error but ran without an error"))
        #expect(!result.stdout.contains("after\n"))
    }

    @Test func aCellOverItsTimeoutStopsTheRunWithStatus3() throws {
        let folder = try ScratchFolder()
        try folder.write("slow.dtrnb", "```dtr quick\nprint(\"quick\")\n```\n\n```dtr spin\nwhile true { x = 1 }\n```\n\n```dtr\nprint(\"unreached\")\n```\n")
        let started = Date()
        let result = try DTRBinary.run(["run", "slow.dtrnb", "--timeout", "1"], in: folder.url, limit: 60)
        #expect(result.status == 3)
        #expect(Date().timeIntervalSince(started) < 30)
        #expect(result.stdout.contains("quick"))
        #expect(!result.stdout.contains("unreached"))
        #expect(result.stderr.contains("error: cell timed out after 1 s"))
        #expect(result.stderr.contains("slow.dtrnb, cell 2 \"spin\", line 6"))
        let bad = try DTRBinary.run(["run", "slow.dtrnb", "--timeout", "-1"], in: folder.url)
        #expect(bad.status == 2)
    }

    @Test func ctrlCInterruptsWithStatus130() throws {
        let folder = try ScratchFolder()
        try folder.write("spin.dtrnb", "```dtr spin\nprint(\"spinning\")\nwhile true { x = 1 }\n```\n")
        let running = try DTRBinary.start(["run", "spin.dtrnb"], in: folder.url)
        #expect(running.wait(forOutput: "── cell 1 \"spin\" ──"))
        usleep(200_000)
        kill(running.process.processIdentifier, SIGINT)
        let result = running.finish()
        #expect(result.status == 130)
        #expect(result.stderr.contains("interrupted"))
    }

    @Test func fileAccessIsConfinedToTheNotebooksFolder() throws {
        let folder = try ScratchFolder()
        let outside = folder.url.deletingLastPathComponent().appendingPathComponent("x.dtr")
        try Data("secret = 42\n".utf8).write(to: outside)
        try folder.write("inside.dtr", "helper = 7\n")
        try folder.write("escape.dtrnb", "```dtr ok\nload(\"inside.dtr\")\nhelper\n```\n\n```dtr up\nload(\"../x.dtr\")\n```\n\n```dtr absolute\nload(\"\(outside.path)\")\n```\n")
        let confined = try DTRBinary.run(["run", "work/escape.dtrnb", "--keep-going"], in: folder.url.deletingLastPathComponent())
        #expect(confined.status == 1)
        #expect(confined.stdout.contains("── cell 1 \"ok\" ──\n7\n"), "relative paths start at the notebook's folder, not the current one")
        #expect(confined.stderr.contains("cannot access \"../x.dtr\""))
        #expect(confined.stderr.contains("is an absolute path"))
        #expect(confined.stderr.contains("2 of 3 cells failed"))
        let allowed = try DTRBinary.run(["run", "work/escape.dtrnb", "--allow-fs"], in: folder.url.deletingLastPathComponent())
        #expect(allowed.status == 0)
    }

    @Test func aMissingOrMalformedNotebookIsAUsageError() throws {
        let folder = try ScratchFolder()
        let missing = try DTRBinary.run(["run", "nothere.dtrnb"], in: folder.url)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nothere.dtrnb"))
        try folder.write("open.dtrnb", "text\n\n```dtr\nx = 1\n")
        let open = try DTRBinary.run(["run", "open.dtrnb"], in: folder.url)
        #expect(open.status == 2)
        #expect(open.stderr.contains("open.dtrnb, line 3"))
    }

    @Test func colourOnlyOnATerminal() throws {
        let folder = try ScratchFolder()
        try folder.write("small.dtrnb", Self.small)
        let plain = try DTRBinary.run(["run", "small.dtrnb", "--no-color"], in: folder.url, environment: ["NO_COLOR": "1"])
        #expect(plain.status == 0)
        #expect(!plain.stdout.contains("\u{1B}") && !plain.stderr.contains("\u{1B}"))
    }
}
