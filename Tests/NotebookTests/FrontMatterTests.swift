import Testing
@testable import Notebook

@Suite("Front matter")
struct FrontMatterTests {
    @Test func titleAndParametersWithPositions() throws {
        let doc = try NotebookDocument(parsing: Fixtures.sample)
        let front = try #require(doc.frontMatter)
        #expect(front.title == "Routing masks")
        #expect(front.parameters.map(\.name) == ["T", "schedule", "betas"])
        #expect(front.parameters.map(\.literal) == ["1000", "\"cosine\"", "[0.1, 0.2]"])
        #expect(front.parameters.map(\.line) == [4, 5, 6])
        #expect(front.parameters.map(\.column) == [6, 13, 10])
        #expect(front.parameter(named: "T")?.literal == "1000")
        #expect(front.otherEntries.map(\.key) == ["author"])
        #expect(front.raw.hasPrefix("---\n") && front.raw.hasSuffix("---\n"))
    }

    @Test func frontMatterOnlyAtTheVeryTop() throws {
        let doc = try NotebookDocument(parsing: "\n---\ntitle: x\n---\n")
        #expect(doc.frontMatter == nil)
    }

    @Test func unterminatedFrontMatterIsAnErrorOnLine1() {
        #expect(throws: NotebookError(.unterminatedFrontMatter, line: 1,
                                      "front matter opened here has no closing '---' line")) {
            try NotebookDocument(parsing: "---\ntitle: x\n\n```dtr\n1\n```\n")
        }
    }

    @Test func aLoneRuleAtTheTopIsProse() throws {
        let doc = try NotebookDocument(parsing: "---\nJust a rule above.\n")
        #expect(doc.frontMatter == nil)
    }

    @Test func badParameterLinesNameTheirLine() {
        for (text, line) in [("---\nparams:\n  lr 0.1\n---\n", 3),
                             ("---\nparams:\n  1x: 2\n---\n", 3),
                             ("---\nparams:\n  a: 1\n  a: 2\n---\n", 4),
                             ("---\nparams:\n  a:\n---\n", 3),
                             ("---\nparams:\n  a: 1\n    b: 2\n---\n", 4),
                             ("---\nparams: 3\n---\n", 2),
                             ("---\n: nothing\n---\n", 2)] {
            do {
                _ = try NotebookDocument(parsing: text)
                Issue.record("expected an error for \(text.debugDescription)")
            } catch {
                #expect(error.kind == .badFrontMatter)
                #expect(error.line == line)
            }
        }
    }

    @Test func commentsBlankLinesAndCRLF() throws {
        let text = "---\r\n# comment\r\ntitle: T\r\n\r\nparams:\r\n  n: 3 \r\n---\r\nBody\r\n"
        let doc = try NotebookDocument(parsing: text)
        #expect(doc.frontMatter?.parameters.first?.literal == "3")
        #expect(doc.frontMatter?.title == "T")
        #expect(doc.text == text)
    }
}
