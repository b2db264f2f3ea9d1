import Testing
@testable import Notebook

@Suite("Malformed notebooks are errors, never crashes")
struct MalformedInputTests {
    @Test func unterminatedCellNamesItsOpeningLine() {
        do {
            _ = try NotebookDocument(parsing: "Intro\n\n```dtr train\nx = 1\n")
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .unterminatedFence)
            #expect(error.line == 3)
            #expect(error.description == "line 3: 'dtr train' block opened with ``` is never closed (add a line '```')")
        }
    }

    @Test func unterminatedProseFenceAndOutputFenceAreErrorsToo() {
        for (text, line) in [("a\n~~~~\nb\n~~~\n", 2), ("```dtr\n1\n```\n```output\n1\n", 4), ("```\n", 1)] {
            do {
                _ = try NotebookDocument(parsing: text)
                Issue.record("expected an error for \(text.debugDescription)")
            } catch {
                #expect(error.kind == .unterminatedFence)
                #expect(error.line == line)
            }
        }
    }

    @Test func invalidUTF8NamesTheLine() {
        let bytes: [UInt8] = Array("ok\n".utf8) + [0x66, 0xFF, 0xFE, 0x0A] + Array("```dtr\n```\n".utf8)
        do {
            _ = try NotebookDocument(parsing: bytes)
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .invalidUTF8)
            #expect(error.line == 2)
        }
        // A truncated multi-byte sequence at the very end.
        #expect(throws: NotebookError.self) { try NotebookDocument(parsing: [0x61, 0x0A, 0xE2, 0x82]) }
    }

    @Test func randomBytesNeverCrash() {
        var rng = SplitMix(state: 7)
        let alphabet: [UInt8] = Array("`~-dtr output\n\r :![](.files/cell-1-1.png)#".utf8) + [0, 0xC3, 0xA9, 0xFF, 0xE2]
        for _ in 0..<3000 {
            let count = Int(rng.next() % 120)
            let bytes = (0..<count).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            if let doc = try? NotebookDocument(parsing: bytes) {
                #expect(Array(doc.text.utf8) == bytes)
                _ = doc.updated(with: [1: CellOutput(lines: ["x"]), 2: CellOutput(error: "e")], notebookName: "n")
                _ = HTMLExporter.export(doc, outputs: [:], name: "n")
                _ = IpynbExporter.export(doc, outputs: [1: CellOutput(lines: ["x"])])
            }
        }
    }

    @Test func nulBytesAndControlCharactersAreText() throws {
        let text = "a\u{0}b\u{1B}[31m\n```dtr\n\u{0}\n```\n"
        let doc = try NotebookDocument(parsing: text)
        #expect(doc.cells.first?.code == "\u{0}\n")
        #expect(doc.text == text)
    }
}
