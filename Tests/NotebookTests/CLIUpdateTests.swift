import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `dtr run --update` through the built executable: stable bytes, atomic writes.
@Suite("dtr run --update")  // a missing binary fails: Process.run throws
struct CLIUpdateTests {
    static let notebook = """
    ---
    title: Update
    params:
      n: 3
    ---

    Prose stays as it is.

    ```dtr numbers
    print("n =", n)
    x = linspace(0, 1, n)
    x ^ 2
    ```

    ```dtr random
    randn([2])
    ```

    ```dtr oops expect-error
    nope(1)
    ```

    ```dtr quiet
    y = 1
    ```

    """

    @Test func updateWritesOutputsAndASecondRunLeavesTheFileByteIdentical() throws {
        let folder = try ScratchFolder()
        try folder.write("u.dtrnb", Self.notebook)
        let first = try DTRBinary.run(["run", "u.dtrnb", "--update"], in: folder.url)
        #expect(first.status == 0)
        let once = try folder.text("u.dtrnb")
        #expect(once.contains("```dtr numbers\nprint(\"n =\", n)\nx = linspace(0, 1, n)\nx ^ 2\n```\n\n```output\nn = 3\nf64[3] [0.   0.25 1.  ]\n```\n"))
        #expect(once.contains("Prose stays as it is."))
        // The expected error names the line the cell has in the updated file.
        let lines = once.split(separator: "\n", omittingEmptySubsequences: false)
        let codeLine = try #require(lines.firstIndex(of: "nope(1)")) + 1
        #expect(once.contains("--> u.dtrnb, cell 3 \"oops\", line \(codeLine), col 1"))
        #expect(!once.contains("\u{1B}"))
        let second = try DTRBinary.run(["run", "u.dtrnb", "--update"], in: folder.url)
        #expect(second.status == 0)
        #expect(try folder.text("u.dtrnb") == once, "same results, same bytes (random seed 0 at every start)")
        #expect(folder.names == ["u.dtrnb"], "no temporary files or empty image folders are left behind")
    }

    @Test func plotsBecomePNGFilesBesideTheNotebookAndStayStable() throws {
        let folder = try ScratchFolder()
        try folder.write("p.dtrnb", "# Plots\n\n```dtr curve\nplot([1, 4, 9, 16], title: \"squares\")\n```\n")
        let first = try DTRBinary.run(["run", "p.dtrnb", "--update"], in: folder.url)
        #expect(first.status == 0)
        #expect(first.stdout.contains("squares"), "the terminal shows the plot as text")
        let text = try folder.text("p.dtrnb")
        #expect(text.hasSuffix("```dtr curve\nplot([1, 4, 9, 16], title: \"squares\")\n```\n\n![cell 1 \"curve\", image 1](p.files/cell-1-1.png)\n"))
        let png = try folder.bytes("p.files/cell-1-1.png")
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let second = try DTRBinary.run(["run", "p.dtrnb", "--update"], in: folder.url)
        #expect(second.status == 0)
        #expect(try folder.text("p.dtrnb") == text)
        #expect(try folder.bytes("p.files/cell-1-1.png") == png)
        #expect(folder.names == ["p.dtrnb", "p.files"])
    }

    @Test func aFailedRunDoesNotTouchTheNotebook() throws {
        let folder = try ScratchFolder()
        let text = Self.notebook + "```dtr broken\nundefined_name\n```\n\n```dtr later\n2\n```\n"
        try folder.write("f.dtrnb", text)
        let result = try DTRBinary.run(["run", "f.dtrnb", "--update"], in: folder.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("was not updated"))
        #expect(try folder.text("f.dtrnb") == text)
        // With --keep-going every cell ran, so the outputs (errors included) are written.
        let kept = try DTRBinary.run(["run", "f.dtrnb", "--update", "--keep-going"], in: folder.url)
        #expect(kept.status == 1)
        let updated = try folder.text("f.dtrnb")
        #expect(updated.contains("```output\nerror: unknown name \"undefined_name\""))
        #expect(updated.contains("```dtr later\n2\n```\n\n```output\n2\n```\n"))
    }

    @Test func aKilledRunLeavesTheNotebookByteIdentical() throws {
        let folder = try ScratchFolder()
        let text = Self.notebook + "```dtr long\nprint(\"looping\")\ntotal = 0\nfor i in 0..<1000000000 { total = total + i }\n```\n\n```output\nold output\n```\n"
        try folder.write("k.dtrnb", text)
        let before = try folder.bytes("k.dtrnb")
        let running = try DTRBinary.start(["run", "k.dtrnb", "--update"], in: folder.url)
        #expect(running.wait(forOutput: "── cell 5 \"long\" ──"))
        usleep(300_000)
        kill(running.process.processIdentifier, SIGKILL)
        let result = running.finish()
        #expect(result.status != 0)
        #expect(try folder.bytes("k.dtrnb") == before)
        #expect(folder.names == ["k.dtrnb"], "no temporary file is left behind")
    }

    @Test func anInterruptedOrTimedOutRunDoesNotTouchTheNotebook() throws {
        let folder = try ScratchFolder()
        let text = Self.notebook + "```dtr long\nwhile true { z = 1 }\n```\n"
        try folder.write("t.dtrnb", text)
        let timed = try DTRBinary.run(["run", "t.dtrnb", "--update", "--timeout", "1"], in: folder.url, limit: 60)
        #expect(timed.status == 3)
        #expect(try folder.text("t.dtrnb") == text)
        let running = try DTRBinary.start(["run", "t.dtrnb", "--update"], in: folder.url)
        #expect(running.wait(forOutput: "── cell 5 \"long\" ──"))
        usleep(200_000)
        kill(running.process.processIdentifier, SIGINT)
        #expect(running.finish().status == 130)
        #expect(try folder.text("t.dtrnb") == text)
    }
}
