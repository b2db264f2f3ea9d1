import Testing
@testable import Notebook

/// A small deterministic generator (SplitMix64) so "arbitrary file" tests are reproducible.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("Byte-exact round trip")
struct RoundTripTests {
    static let pieces = [
        "```dtr", "```dtr label", "```dtr x expect-error", "```", "````", "~~~", "~~~dtr", "```output",
        "```python", "  ```dtr", "    ```dtr", "", "   ", "text", "# Heading", "---", "title: t", "params:",
        "  a: 1", "![p](nb.files/cell-1-1.png)", "![q](other.png)", "x = 1 # comment", "ᾱ ∑ 🙂", "\t",
        "\u{FEFF}---", "```dtr ```", "`` ` ``", "\r",
    ]

    /// Random files built from Markdown-ish lines with mixed line endings.
    static func randomFile(_ rng: inout SplitMix) -> String {
        var text = ""
        let count = Int(rng.next() % 30)
        for _ in 0..<count {
            text += pieces[Int(rng.next() % UInt64(pieces.count))]
            switch rng.next() % 5 {
            case 0: text += "\r\n"
            default: text += "\n"
            }
        }
        if rng.next() % 3 == 0, !text.isEmpty { text.removeLast() }
        return text
    }

    @Test func parsedSegmentsConcatenateToTheInput() throws {
        var rng = SplitMix(state: 42)
        var parsed = 0
        for _ in 0..<3000 {
            let text = Self.randomFile(&rng)
            do {
                let doc = try NotebookDocument(parsing: text)
                #expect(doc.text == text)
                #expect(Array(doc.text.utf8) == Array(text.utf8))
                #expect(doc.updated(with: [:], notebookName: "nb").text == text)
                parsed += 1
            } catch {
                let lines = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).count
                #expect((error.line ?? 0) >= 1 && (error.line ?? 0) <= lines)
            }
        }
        #expect(parsed > 500)
    }

    @Test func fixturesRoundTrip() throws {
        for text in [Fixtures.sample, Fixtures.nestedFences, "", "\n", "\r\n", "no newline", "```dtr\n```"] {
            #expect(try NotebookDocument(parsing: text).text == text)
            #expect(try NotebookDocument(parsing: Array(text.utf8)).text == text)
        }
    }
}
