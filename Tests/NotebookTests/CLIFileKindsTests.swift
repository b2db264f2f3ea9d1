import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Every command does the expected thing with every kind of file (issue #14), through the
/// built executable: `dtr check` and `dtr FILE` take scripts and notebooks, `dtr run` runs
/// a script, other extensions are a usage error, a closed stdout ends dtr quietly, and
/// `--set` is checked against the parameter's kind and recorded by `--update`.
@Suite("dtr with every file kind")  // a missing binary fails: Process.run throws
struct CLIFileKindsTests {
    static let notebook = """
    ---
    title: Kinds
    params:
      T: 1000
      name: "cosine"
      fast: false
    ---

    Some prose.

    ```dtr first
    print("T is", T, name)
    ```

    ```dtr oops expect-error
    x = (1 +
    ```

    ```dtr
    T * 2
    ```

    """

    /// The repository's committed notebooks folder.
    static let notebooks: URL = {
        var url = URL(fileURLWithPath: "\(#filePath)")
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("notebooks")
    }()

    @Test func checkAcceptsEveryCommittedNotebook() throws {
        let folder = try ScratchFolder()
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.notebooks.path).filter { $0.hasSuffix(".dtrnb") }
        #expect(names.count >= 5)
        for name in names {
            let result = try DTRBinary.run(["check", Self.notebooks.appendingPathComponent(name).path], in: folder.url)
            #expect(result.status == 0, "\(name): \(result.stderr)")
            #expect(result.stderr.isEmpty, "\(name): \(result.stderr)")
        }
    }

    @Test func checkReportsNotebookErrorsWithCellAndLineAndSkipsExpectErrorCells() throws {
        let folder = try ScratchFolder()
        try folder.write("kinds.dtrnb", Self.notebook)
        let clean = try DTRBinary.run(["check", "kinds.dtrnb"], in: folder.url)
        #expect(clean.status == 0, "the expect-error cell is meant to fail")
        #expect(clean.stderr.isEmpty)
        try folder.write("broken.dtrnb", Self.notebook.replacingOccurrences(of: "T * 2", with: "T * "))
        let broken = try DTRBinary.run(["check", "broken.dtrnb"], in: folder.url)
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("--> broken.dtrnb, cell 3, line 20, col 4"), "\(broken.stderr)")
        #expect(broken.stderr.components(separatedBy: "error:").count == 2, "one error, not one per prose line")
        #expect(broken.stdout.isEmpty, "nothing runs")
    }

    @Test func aNotebookGivenAsTheFileRunsLikeDtrRun() throws {
        let folder = try ScratchFolder()
        try folder.write("kinds.dtrnb", Self.notebook)
        let result = try DTRBinary.run(["kinds.dtrnb"], in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("T is 1000 cosine"))
        #expect(result.stdout.contains("2000"))
    }

    @Test func runOfAScriptRunsItAndOtherExtensionsAreUsageErrors() throws {
        let folder = try ScratchFolder()
        try folder.write("s.dtr", "print(\"hi\")\n")
        let script = try DTRBinary.run(["run", "s.dtr"], in: folder.url)
        #expect(script.status == 0)
        #expect(script.stdout == "hi\n")
        let update = try DTRBinary.run(["run", "s.dtr", "--update"], in: folder.url)
        #expect(update.status == 2)
        #expect(update.stderr.contains("run it with `dtr s.dtr`"))
        try folder.write("notes.txt", "print(1)\n")
        for arguments in [["run", "notes.txt"], ["check", "notes.txt"], ["notes.txt"]] {
            let result = try DTRBinary.run(arguments, in: folder.url)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr.contains("does not know .txt files"), "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("dtr run FILE.dtrnb"))
            #expect(result.stdout.isEmpty)
        }
        let check = try DTRBinary.run(["check", "s.dtr"], in: folder.url)
        #expect(check.status == 0)
    }

    @Test func setOfTheWrongKindIsAUsageErrorNamingBothKinds() throws {
        let folder = try ScratchFolder()
        try folder.write("kinds.dtrnb", Self.notebook)
        let cases: [(String, String)] = [
            ("T=\"500\"", "--set T: expects a number (the front matter has T: 1000), got a string: \"500\""),
            ("name=5", "--set name: expects a string (the front matter has name: \"cosine\"), got a number: 5"),
            ("fast=1", "--set fast: expects true or false (the front matter has fast: false), got a number: 1"),
            ("T=[1, 2]", "--set T: expects a number (the front matter has T: 1000), got a list: [1, 2]"),
        ]
        for (argument, message) in cases {
            let result = try DTRBinary.run(["run", "kinds.dtrnb", "--set", argument], in: folder.url)
            #expect(result.status == 2, "\(argument)")
            #expect(result.stderr.contains(message), "\(argument): \(result.stderr)")
            #expect(!result.stdout.contains("── cell"), "nothing runs")
        }
    }

    @Test func updateWithSetRewritesOnlyThoseFrontMatterLines() throws {
        let folder = try ScratchFolder()
        try folder.write("kinds.dtrnb", Self.notebook)
        let result = try DTRBinary.run(["run", "kinds.dtrnb", "--set", "T=200", "--set", "name=\"linear\"", "--update"],
                                       in: folder.url)
        #expect(result.status == 0, "\(result.stderr)")
        let text = try folder.text("kinds.dtrnb")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[3] == "  T: 200")
        #expect(lines[4] == "  name: \"linear\"")
        #expect(lines[5] == "  fast: false")
        #expect(text.contains("```output\nT is 200 linear\n```"))
        #expect(text.contains("```output\n400\n```"))
        // Everything but those two lines and the outputs is unchanged, and a plain rerun is stable.
        let again = try DTRBinary.run(["run", "kinds.dtrnb", "--update"], in: folder.url)
        #expect(again.status == 0)
        #expect(try folder.text("kinds.dtrnb") == text)
    }

    @Test func aClosedStandardOutputEndsQuietlyWithStatus141AndNoHalfWrittenNotebook() throws {
        let folder = try ScratchFolder()
        var text = "---\nparams:\n  n: 3\n---\n\n"
        for i in 1...40 { text += "```dtr\nfor i in 0..<2000 { print(\"line\", i) }\n\(i)\n```\n\n" }
        try folder.write("long.dtrnb", text)
        for update in [false, true] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: DTRBinary.path)
            process.arguments = ["run", "long.dtrnb"] + (update ? ["--update"] : [])
            process.currentDirectoryURL = folder.url
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            // Read a little, then close the read end, as `| head -2` does.
            _ = out.fileHandleForReading.readData(ofLength: 64)
            try out.fileHandleForReading.close()
            process.waitUntilExit()
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(process.terminationReason == .exit, "ended by a signal")
            #expect(process.terminationStatus == 141)
            #expect(stderr.isEmpty, "no error text: \(stderr)")
            #expect(try folder.text("long.dtrnb") == text, "the notebook is untouched")
            #expect(!folder.names.contains("long.files"))
        }
    }
}
