import Foundation
import Testing
@testable import Language

/// Discoverability (issue #14): one index of every builtin and stdlib function, honest
/// signatures, help texts without stray spaces, and a README list that matches.
struct HelpIndexTests {
    /// Every public stdlib function name.
    static var standardLibraryNames: Set<String> {
        Set(FunctionDocs.standardLibrary.keys.filter { !$0.hasPrefix("_") })
    }

    @Test func theIndexListsEveryBuiltinAndStdlibFunctionOnceWithASummary() {
        let entries = HelpIndex.groups.flatMap(\.entries)
        let names = entries.map(\.name)
        #expect(Set(names).count == names.count, "each name once")
        #expect(Set(names) == Set(Registry.names).union(Self.standardLibraryNames))
        for e in entries {
            #expect(!e.summary.isEmpty, "\(e.name) has no summary")
            #expect(e.summary.count <= 72, "\(e.name): \(e.summary)")
        }
        #expect(HelpIndex.groups.contains { $0.title == "Plots" && $0.entries.map(\.name).contains("heatmap") })
        #expect(HelpIndex.groups.contains { $0.title.hasPrefix("Standard library: optim.dtr") && $0.entries.map(\.name).contains("adam_step") })
    }

    @Test func aSummaryIsTheFirstSentenceNotCutAtEtAl() {
        #expect(HelpIndex.summary(of: "The loss of Ho et al. 2020, averaged. More text.") == "The loss of Ho et al. 2020, averaged.")
        #expect(HelpIndex.summary(of: "Twice x.") == "Twice x.")
        let long = HelpIndex.summary(of: String(repeating: "word ", count: 40))
        #expect(long.hasSuffix("…") && long.count <= 72)
    }

    @Test func theTextAlignsSummariesAndAddsTheUsersFunctionsLast() {
        let text = HelpIndex.text(userFunctions: [.init(name: "my_fn", summary: "Mine.")])
        #expect(text.hasPrefix("Core\n  print "))
        #expect(text.contains("\nYour functions\n  my_fn"))
        #expect(text.contains("\n  clamp               Limits x"), "names padded to the longest (timestep_embedding) plus two spaces")
    }

    @Test func helpTextsAreReflowedWithoutStrayRunsOfSpaces() {
        for b in Registry.all {
            #expect(!b.help.contains("  "), "\(b.name): a run of spaces in its help")
            #expect(!b.help.contains("\n"), "\(b.name): a line break inside its help paragraph")
            #expect(b.help == b.help.trimmingCharacters(in: .whitespaces), "\(b.name): leading or trailing space")
        }
    }

    @Test func signaturesShowRealDefaultsAndMarkLeaveOutableParameters() throws {
        for b in Registry.all { #expect(!b.signature.contains("none"), "\(b.signature)") }
        #expect(try #require(Registry.lookup("schedule")).signature == "schedule([name], T = 1000, [beta_start], [beta_end], [betas])")
        #expect(try #require(Registry.lookup("arange")).signature == "arange(start, [stop], step = 1)")
        #expect(try #require(Registry.lookup("zeros")).signature == "zeros(shape, dtype = \"f64\")")
        #expect(try #require(Registry.lookup("plot")).signature.contains("width = 640, height = 480"))
    }

    @Test func aWrongArgumentKindUsesTheRightArticle() {
        let out = CapturedOutput()
        let session = Session(output: out)
        let outcome = session.run(SourceFile(name: "<t>", text: "zeros([2], dtype: 3)\nrandint(0, 5, [2], seed: \"x\")"))
        #expect(outcome.diagnostics.first?.message.contains("must be a string, got a number") == true)
        let second = session.run(SourceFile(name: "<t>", text: "randint(0, 5, [2], seed: \"x\")"))
        #expect(second.diagnostics.first?.message.contains("must be an integer, got a string") == true, "\(second.diagnostics)")
    }

    @Test func adamwIsFoundThroughTheHelpTexts() {
        #expect(HelpIndex.mentioning("AdamW").contains("adam_step"))
    }

    @Test func theReadmeListsExactlyTheFunctionsThatExist() throws {
        var url = URL(fileURLWithPath: "\(#filePath)")
        for _ in 0..<3 { url.deleteLastPathComponent() }
        let readme = try String(contentsOf: url.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "Library — `dtr help` lists"))
        let paragraph = readme[start.lowerBound...].prefix { _ in true }
        let end = paragraph.range(of: "\n\n").map { paragraph[..<$0.lowerBound] } ?? paragraph
        // Every backticked group of plain names (`a b c`) in the paragraph.
        var listed: Set<String> = []
        for piece in end.split(separator: "`").enumerated() where piece.offset % 2 == 1 {
            let words = piece.element.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
            guard words.count >= 3, words.allSatisfy({ $0.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "_" } }) else { continue }
            listed.formUnion(words)
        }
        let existing = Set(Registry.names).union(Self.standardLibraryNames)
        #expect(listed.subtracting(existing).isEmpty, "listed but missing: \(listed.subtracting(existing).sorted())")
        #expect(existing.subtracting(listed).isEmpty, "exists but not listed: \(existing.subtracting(listed).sorted())")
    }
}
