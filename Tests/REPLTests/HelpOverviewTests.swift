import Foundation
import Testing
@testable import REPL
import Language

/// `:help` without a name: every builtin and stdlib function by group, then the user's own
/// functions with the first sentence of their doc comment (issue #14).
struct HelpOverviewTests {
    @Test func helpListsBuiltinsStdlibAndTheUsersFunctions() throws {
        let engine = LanguageEngine()
        let options = DisplayOptions(width: 80, height: 24, color: false)
        _ = engine.evaluate("# Doubles a. Really.\nfn twice(a) = 2 * a\nfn bare(b) = b", origin: .repl(entry: 1), options: options)
        let text = try #require(engine.help(for: nil))
        for name in ["zeros", "heatmap", "value_and_grad", "ddim_sample", "adam_step", "clamp", "map"] {
            #expect(text.contains("\n  \(name) "), "\(name) is listed")
        }
        #expect(text.contains("Standard library: samplers.dtr"))
        let mine = try #require(text.range(of: "Your functions\n"))
        let tail = text[mine.upperBound...]
        #expect(tail.contains("  twice") && tail.contains("Doubles a."))
        #expect(!tail.contains("Really"), "one sentence")
        #expect(tail.contains("  bare"))
        #expect(!tail.contains("clamp"), "stdlib functions are not the user's")
    }

    @Test func dtrHelpWithoutANameListsTheSameIndex() throws {
        let path = try #require(DTRBinary.path, "build dtr first (swift build)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["help"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        #expect(process.terminationStatus == 0)
        #expect(text.contains(HelpIndex.text()))
        #expect(text.contains("\n  ddim_sample ") && text.contains("\n  linspace "))
        #expect(text.contains("Subcommands: eval, check, run, export"))
    }
}
