import Testing
@testable import Notebook

@Suite("Reading .dtrnb files")
struct ReaderTests {
    @Test func cellsAreNumberedInFileOrderWithLabelsAndFlags() throws {
        let doc = try NotebookDocument(parsing: Fixtures.sample)
        let cells = doc.cells
        #expect(cells.count == 4)
        #expect(cells.map(\.number) == [1, 2, 3, 4])
        #expect(cells[0].label == "train")
        #expect(cells[0].flags.isEmpty)
        #expect(cells[1].label == "oops")
        #expect(cells[1].flags == ["expect-error"])
        #expect(cells[1].expectsError)
        #expect(cells[2].label == nil)
        #expect(cells[2].code == "")
        #expect(cells[0].displayName == "cell 1 \"train\"")
        #expect(cells[2].displayName == "cell 3")
    }

    @Test func codeLinesCountInTheNotebookFile() throws {
        let doc = try NotebookDocument(parsing: Fixtures.sample)
        let cells = doc.cells
        // line 18 is "```dtr train", so the code starts on line 19
        #expect(cells[0].firstLine == 18)
        #expect(cells[0].codeLine == 19)
        #expect(cells[0].code == "s = schedule(\"linear\", T)\ns.betas[0]\n")
        #expect(cells[1].codeLine == 30)
        #expect(cells[1].code == "undefined_name\n")
    }

    @Test func indentedFenceStripsItsIndentationFromTheCode() throws {
        let doc = try NotebookDocument(parsing: Fixtures.sample)
        let cell = try #require(doc.cells.last)
        #expect(cell.codeIndent == 2)
        #expect(cell.code == "x = 1\n  y = 2\n")
        #expect(cell.codeLine == 36)
    }

    @Test func flagWithoutLabel() throws {
        let doc = try NotebookDocument(parsing: "```dtr expect-error unknown-flag\n1/0\n```\n")
        let cell = try #require(doc.cells.first)
        #expect(cell.label == nil)
        #expect(cell.flags == ["expect-error", "unknown-flag"])
        #expect(cell.unknownFlags == ["unknown-flag"])
    }

    @Test func onlyTheWordDtrOpensACell() throws {
        let doc = try NotebookDocument(parsing: "```dtrx\na\n```\n```python dtr\nb\n```\n``` dtr\nc\n```\n")
        #expect(doc.cells.count == 1)
        #expect(doc.cells.first?.code == "c\n")
    }

    @Test func storedOutputIsAttachedToItsCell() throws {
        let doc = try NotebookDocument(parsing: Fixtures.sample)
        let output = try #require(doc.storedOutput(ofCell: 1))
        #expect(output.textLines == ["0.0001"])
        #expect(output.images.map(\.path) == ["sample.files/cell-1-1.png"])
        #expect(output.images.first?.alt == "cell 1, image 1")
        #expect(output.firstLine == 22)
        #expect(output.raw == "\n```output\n0.0001\n```\n![cell 1, image 1](sample.files/cell-1-1.png)\n")
        #expect(doc.storedOutput(ofCell: 2) == nil)
    }

    @Test func outputFenceAfterTwoBlankLinesIsProse() throws {
        let doc = try NotebookDocument(parsing: "```dtr\n1\n```\n\n\n```output\n1\n```\n")
        #expect(doc.storedOutput(ofCell: 1) == nil)
        #expect(doc.segments.count == 2)
    }

    @Test func outputFenceWithoutACellIsProse() throws {
        let doc = try NotebookDocument(parsing: "Text\n```output\n1\n```\n")
        #expect(doc.segments.count == 1)
        #expect(doc.cells.isEmpty)
    }

    @Test func imagesAloneFormAnOutputBlock() throws {
        let doc = try NotebookDocument(parsing: "```dtr\nplot(x)\n```\n\n![plot](nb.files/cell-1-1.png)\n![x](nb.files/cell-1-2.png)\nText\n")
        let output = try #require(doc.storedOutput(ofCell: 1))
        #expect(output.textLines.isEmpty)
        #expect(output.images.count == 2)
    }

    @Test func otherImagesAfterACellStayProse() throws {
        let doc = try NotebookDocument(parsing: "```dtr\n1\n```\n![diagram](figures/unet.png)\n")
        #expect(doc.storedOutput(ofCell: 1) == nil)
    }

    @Test func fencesInsideLongerFencesAreContent() throws {
        let doc = try NotebookDocument(parsing: Fixtures.nestedFences)
        #expect(doc.cells.count == 1)
        let cell = try #require(doc.cells.first)
        #expect(cell.label == "inner")
        #expect(cell.code == "text = \"```\"\n```\nstill code\n")
        #expect(cell.codeLine == 8)
    }

    @Test func closingFenceMustMatchCharacterAndBeAtLeastAsLong() throws {
        let doc = try NotebookDocument(parsing: "````dtr\na\n```\n~~~~\nb\n`````\n")
        #expect(doc.cells.first?.code == "a\n```\n~~~~\nb\n")
    }

    @Test func fourSpaceIndentIsNotAFence() throws {
        let doc = try NotebookDocument(parsing: "    ```dtr\n    x\n    ```\n")
        #expect(doc.cells.isEmpty)
    }

    @Test func crlfLinesAreKeptAndCodeUsesThem() throws {
        let text = "Intro\r\n```dtr\r\nx = 1\r\n```\r\n"
        let doc = try NotebookDocument(parsing: text)
        #expect(doc.cells.first?.code == "x = 1\r\n")
        #expect(doc.cells.first?.codeLine == 3)
        #expect(doc.text == text)
    }

    @Test func missingTrailingNewline() throws {
        let doc = try NotebookDocument(parsing: "```dtr\nx\n```")
        #expect(doc.cells.first?.code == "x\n")
        #expect(doc.text == "```dtr\nx\n```")
    }
}
