import Foundation
import Notebook
import Testing

/// The shipped notebooks (`notebooks/*.dtrnb`) run green through the built `dtr`: exit status
/// 0, every cell runs, and no `error:` appears except in cells flagged `expect-error` (whose
/// diagnostic is part of their output). Each run happens in a scratch copy of the notebooks
/// folder, so files the notebooks write (03 saves `dtr_mask.npy`) never land in the repository.
@Suite("Shipped notebooks run green")  // a missing binary fails: Process.run throws
struct NotebooksRunGreenTests {
    /// `<package root>/notebooks`, found from this file's location.
    static let notebooksFolder: URL = {
        var url = URL(fileURLWithPath: "\(#filePath)")
        for _ in 0..<3 { url.deleteLastPathComponent() }  // …/Tests/NotebookTests/NotebooksRunGreenTests.swift
        return url.appendingPathComponent("notebooks", isDirectory: true)
    }()

    /// The output of `dtr run`, cut at the cell headers (`── cell 3 "byhand" ──`).
    struct Section {
        var header: String
        var body: String
    }

    /// Splits standard output into the text before the first cell header and one section per cell.
    static func sections(of stdout: String) -> (preamble: String, cells: [Section]) {
        var preamble = ""
        var cells: [Section] = []
        for line in stdout.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("── cell "), line.hasSuffix(" ──") {
                cells.append(Section(header: String(line.dropFirst(2).dropLast(3)).trimmingCharacters(in: .whitespaces), body: ""))
            } else if cells.isEmpty {
                preamble += line + "\n"
            } else {
                cells[cells.count - 1].body += line + "\n"
            }
        }
        return (preamble, cells)
    }

    /// The training notebooks run with tiny budgets here (a debug build trains ~20× slower than
    /// release); their full defaults are timed by hand in release builds (see each notebook).
    static let quickSettings: [String: [String]] = [
        "04-loss-weighting.dtrnb": ["--set", "steps=25", "--set", "seeds=1", "--set", "batch=64"],
        "05-train-dtr.dtrnb": ["--set", "steps=25", "--set", "seeds=2", "--set", "batch=64", "--set", "n_eval=200"],
        "06-samplers.dtrnb": ["--set", "train_steps=5", "--set", "seeds=1", "--set", "batch=32", "--set", "n_eval=40"],
        "07-dit-digits.dtrnb": ["--set", "steps=2", "--set", "seeds=2", "--set", "n_eval=10", "--set", "clf_steps=3",
                                "--set", "ddim_steps=1", "--set", "batch=8", "--set", "depth=1"],
    ]

    @Test("runs green", arguments: ["01-tour.dtrnb", "02-schedules.dtrnb", "03-routing.dtrnb",
                                    "04-loss-weighting.dtrnb", "05-train-dtr.dtrnb", "06-samplers.dtrnb",
                                    "07-dit-digits.dtrnb"])
    func runsGreen(_ name: String) throws {
        let original = Self.notebooksFolder.appendingPathComponent(name)
        try #require(FileManager.default.fileExists(atPath: original.path), "missing \(original.path)")
        let document = try NotebookDocument(contentsOf: original)
        let cells = document.cells
        #expect(!cells.isEmpty)

        let scratch = try ScratchFolder()
        let copy = scratch.url.appendingPathComponent("notebooks", isDirectory: true)
        try FileManager.default.copyItem(at: Self.notebooksFolder, to: copy)

        let result = try DTRBinary.run(["run", name] + (Self.quickSettings[name] ?? []), in: copy, limit: 300)
        #expect(result.status == 0, "dtr run \(name) exited with \(result.status); stderr:\n\(result.stderr)")
        #expect(!result.stderr.contains("error:"), "stderr of dtr run \(name):\n\(result.stderr)")

        let (preamble, sections) = Self.sections(of: result.stdout)
        #expect(!preamble.contains("error:"), "before the first cell of \(name):\n\(preamble)")
        // Every cell ran, in order, and each printed exactly one header.
        #expect(sections.map(\.header) == cells.map(\.displayName),
                "cell headers of \(name): \(sections.map(\.header))")
        for (cell, section) in zip(cells, sections) {
            if cell.expectsError {
                #expect(section.body.contains("error:"), "\(name), \(cell.displayName) is flagged expect-error but shows no error")
            } else {
                #expect(!section.body.contains("error:"), "\(name), \(cell.displayName) shows an error:\n\(section.body)")
            }
        }
        if name == "03-routing.dtrnb" {
            // The export cell wrote its file into the copy (not the repository's folder).
            #expect(FileManager.default.fileExists(atPath: copy.appendingPathComponent("dtr_mask.npy").path))
        }
    }
}
