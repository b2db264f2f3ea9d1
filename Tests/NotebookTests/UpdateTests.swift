import Foundation
import Testing
@testable import Notebook

@Suite("dtr run --update")
struct UpdateTests {
    let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3]

    @Test func outputGoesRightAfterItsCellAndASecondUpdateIsByteIdentical() throws {
        let original = "# Title\n\n```dtr\n1 + 1\n```\n\nMore prose.\n"
        let outputs = [1: CellOutput(lines: ["2"])]
        let first = try NotebookDocument(parsing: original).updated(with: outputs, notebookName: "nb")
        #expect(first.text == "# Title\n\n```dtr\n1 + 1\n```\n\n```output\n2\n```\n\nMore prose.\n")
        let second = try NotebookDocument(parsing: first.text).updated(with: outputs, notebookName: "nb")
        #expect(Array(second.text.utf8) == Array(first.text.utf8))
    }

    @Test func emptyOutputRemovesTheBlockAndRestoresTheOriginal() throws {
        let original = "```dtr\nx = 1\n```\n\nText\n"
        let withOutput = try NotebookDocument(parsing: original).updated(with: [1: CellOutput(lines: ["old"])], notebookName: "nb")
        let cleared = try NotebookDocument(parsing: withOutput.text).updated(with: [1: CellOutput()], notebookName: "nb")
        #expect(cleared.text == original)
    }

    @Test func replacingAnOutputLeavesProseAndCodeAlone() throws {
        let doc = try NotebookDocument(parsing: Fixtures.sample)
        let update = doc.updated(with: [1: CellOutput(lines: ["0.0002"]), 2: CellOutput(error: "error: unknown name"),
                                        3: CellOutput(), 4: CellOutput(lines: ["3"])], notebookName: "sample")
        let after = try NotebookDocument(parsing: update.text)
        #expect(after.cells.map(\.raw) == doc.cells.map(\.raw))
        let prose = { (d: NotebookDocument) in d.segments.compactMap { if case .prose(let p) = $0 { p.raw } else { nil } } }
        #expect(prose(after) == prose(doc))
        #expect(after.frontMatter == doc.frontMatter)
        #expect(after.storedOutput(ofCell: 1)?.textLines == ["0.0002"])
        #expect(after.storedOutput(ofCell: 1)?.images.isEmpty == true)
        #expect(after.storedOutput(ofCell: 2)?.textLines == ["error: unknown name"])
        #expect(after.storedOutput(ofCell: 3) == nil)
        #expect(after.storedOutput(ofCell: 4)?.textLines == ["3"])
        #expect(after.updated(with: [1: CellOutput(lines: ["0.0002"]), 2: CellOutput(error: "error: unknown name"),
                                     3: CellOutput(), 4: CellOutput(lines: ["3"])], notebookName: "sample").text == update.text)
    }

    @Test func cellsThatDidNotRunKeepTheirStoredOutput() throws {
        let doc = try NotebookDocument(parsing: Fixtures.sample)
        let update = doc.updated(with: [:], notebookName: "sample")
        #expect(update.text == Fixtures.sample)
        #expect(update.referencedImages == ["cell-1-1.png"])
        #expect(update.staleImages(existing: ["cell-1-1.png", "cell-2-1.png"]) == ["cell-2-1.png"])
    }

    @Test func imagesGetDeterministicNamesAndLinks() throws {
        let doc = try NotebookDocument(parsing: "```dtr\nplot(x)\n```\n```dtr\ny\n```\n")
        let outputs = [1: CellOutput(lines: ["done"], images: [CellImage(png: png, alt: "line plot"), CellImage(png: [9], alt: "")]),
                       2: CellOutput(images: [CellImage(png: [7], alt: "a [b]")])]
        let update = doc.updated(with: outputs, notebookName: "my nb")
        #expect(update.imageFolder == "my nb.files")
        #expect(update.imagesToWrite.map(\.fileName) == ["cell-1-1.png", "cell-1-2.png", "cell-2-1.png"])
        #expect(update.imagesToWrite.first?.png == png)
        #expect(update.text == """
        ```dtr
        plot(x)
        ```

        ```output
        done
        ```
        ![line plot](my%20nb.files/cell-1-1.png)
        ![cell 1, image 2](my%20nb.files/cell-1-2.png)
        ```dtr
        y
        ```

        ![a \\[b\\]](my%20nb.files/cell-2-1.png)

        """)
        let reparsed = try NotebookDocument(parsing: update.text)
        #expect(reparsed.storedOutput(ofCell: 2)?.images.first?.alt == "a [b]")
        #expect(reparsed.storedOutput(ofCell: 1)?.images.map(\.path) == ["my nb.files/cell-1-1.png", "my nb.files/cell-1-2.png"])
        #expect(reparsed.updated(with: outputs, notebookName: "my nb") == update)
        #expect(update.staleImages(existing: ["cell-1-1.png", "cell-1-3.png", "cell-3-1.png", "logo.png", "notes.txt"])
                == ["cell-1-3.png", "cell-3-1.png"])
    }

    @Test func outputWithBackticksGetsALongerFence() throws {
        let doc = try NotebookDocument(parsing: "```dtr\nprint(s)\n```\n")
        let output = CellOutput(lines: ["```", "inside", "````x"])
        let update = doc.updated(with: [1: output], notebookName: "nb")
        #expect(update.text.contains("\n`````output\n"))
        let reparsed = try NotebookDocument(parsing: update.text)
        #expect(reparsed.storedOutput(ofCell: 1)?.textLines == ["```", "inside", "````x"])
        #expect(reparsed.updated(with: [1: output], notebookName: "nb").text == update.text)
    }

    @Test func crlfNotebooksGetCRLFOutput() throws {
        let original = "```dtr\r\n1\r\n```\r\nText\r\n"
        let update = try NotebookDocument(parsing: original).updated(with: [1: CellOutput(lines: ["1", "two\nlines"])], notebookName: "nb")
        #expect(update.text == "```dtr\r\n1\r\n```\r\n\r\n```output\r\n1\r\ntwo\r\nlines\r\n```\r\nText\r\n")
        #expect(try NotebookDocument(parsing: update.text).updated(with: [1: CellOutput(lines: ["1", "two\nlines"])], notebookName: "nb").text == update.text)
    }

    @Test func cellAtEndOfFileWithoutNewline() throws {
        let update = try NotebookDocument(parsing: "```dtr\n1\n```").updated(with: [1: CellOutput(lines: ["1"])], notebookName: "nb")
        #expect(update.text == "```dtr\n1\n```\n\n```output\n1\n```\n")
        #expect(try NotebookDocument(parsing: update.text).updated(with: [1: CellOutput(lines: ["1"])], notebookName: "nb").text == update.text)
    }

    @Test func timeoutWithoutMessageStillShowsSomething() throws {
        let update = try NotebookDocument(parsing: "```dtr\nwhile true {}\n```\n").updated(with: [1: CellOutput(status: .timedOut)], notebookName: "nb")
        #expect(update.text.hasSuffix("```output\nerror: cell timed out\n```\n"))
    }

    @Test func applyWritesImagesAndNotebookAndRemovesStaleImages() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dtrnb-update-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("nb.dtrnb")
        try Data("```dtr\nplot(1)\n```\n```dtr\nplot(2)\n```\n".utf8).write(to: url)
        let images = folder.appendingPathComponent("nb.files")
        try FileManager.default.createDirectory(at: images, withIntermediateDirectories: true)
        try Data([1]).write(to: images.appendingPathComponent("cell-9-1.png"))
        try Data([1]).write(to: images.appendingPathComponent("keep.png"))

        let doc = try NotebookDocument(contentsOf: url)
        let outputs = [1: CellOutput(images: [CellImage(png: png, alt: "one")]), 2: CellOutput(lines: ["ok"])]
        try doc.updated(with: outputs, notebookName: NotebookDocument.notebookName(of: url)).apply(toNotebookAt: url)

        let names = try FileManager.default.contentsOfDirectory(atPath: images.path).sorted()
        #expect(names == ["cell-1-1.png", "keep.png"])
        #expect(try [UInt8](Data(contentsOf: images.appendingPathComponent("cell-1-1.png"))) == png)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains("![one](nb.files/cell-1-1.png)"))

        // The same run again changes nothing on disk.
        let again = try NotebookDocument(contentsOf: url).updated(with: outputs, notebookName: "nb")
        try again.apply(toNotebookAt: url)
        #expect(try String(contentsOf: url, encoding: .utf8) == text)

        // A run without images removes the generated file and keeps the user's.
        try NotebookDocument(contentsOf: url).updated(with: [1: CellOutput(lines: ["no plot"])], notebookName: "nb").apply(toNotebookAt: url)
        #expect(try FileManager.default.contentsOfDirectory(atPath: images.path) == ["keep.png"])
    }

    @Test func anUpdateIsRefusedWhenTheFileChangedDuringTheRun() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dtrnb-race-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("nb.dtrnb")
        let original = "```dtr\n1\n```\n"
        try Data(original.utf8).write(to: url)
        let update = try NotebookDocument(contentsOf: url).updated(with: [1: CellOutput(lines: ["1"])], notebookName: "nb")
        try Data("```dtr\n2\n```\n".utf8).write(to: url)  // the user saved an edit meanwhile
        #expect(throws: NotebookError.self) { try update.apply(toNotebookAt: url, original: original) }
        #expect(try String(contentsOf: url, encoding: .utf8) == "```dtr\n2\n```\n")
        #expect(throws: NotebookError.self) { try NotebookDocument(contentsOf: folder) }
    }
}
