import Foundation
import Tensor
import Testing
@testable import REPL

@Suite("Meta-commands")
struct MetaCommandTests {
    @Test("parsing names, arguments and mistakes")
    func parse() {
        #expect(MetaCommand.parse("x = 1") == nil)
        #expect(MetaCommand.parse(":help") == .help(nil))
        #expect(MetaCommand.parse(":help zeros") == .help("zeros"))
        #expect(MetaCommand.parse("  :type  x + 1 ") == .type("x + 1"))
        #expect(MetaCommand.parse(":load a b.dtr") == .load("a b.dtr"))
        #expect(MetaCommand.parse(":quit") == .quit)
        #expect(MetaCommand.parse(":type") == .invalid("usage: :type EXPR"))
        #expect(MetaCommand.parse(":vars x") == .invalid(":vars takes no argument"))
        #expect(MetaCommand.parse(":hisotry") == .invalid("unknown command \":hisotry\"; did you mean \":history\"? (:help lists the commands)"))
    }

    @Test(":vars lists bindings with type and shape")
    func vars() {
        let (core, capture) = makeCore()
        _ = core.handle(":vars")
        #expect(capture.stdout == "(no bindings)\n")
        _ = core.handle("x = 2")
        _ = core.handle("cfg = {a: 1}")
        _ = core.handle(":vars")
        #expect(capture.stdout.hasSuffix("name  type        shape\ncfg   record\nx     tensor f64  []\n"))
    }

    @Test(":vars cuts long lines to the terminal width")
    func varsWidth() {
        let table = REPLCore.table([BindingSummary(name: "s", type: "record", detail: String(repeating: "x", count: 200))], width: 40)
        let lines = table.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[1].count == 40 && lines[1].hasSuffix("x…"))
    }

    @Test(":type shows the type, errors go to stderr")
    func type() {
        let (core, capture) = makeCore()
        _ = core.handle("x = 2")
        _ = core.handle(":type x")
        _ = core.handle(":type nope")
        #expect(capture.stdout == "tensor f64 []\n")
        #expect(capture.stderr.contains("unknown name"))
    }

    @Test(":time shows the value, the wall time and the allocations")
    func time() {
        let (core, capture) = makeCore()
        _ = core.handle(":time y = 6 * 7")
        _ = core.handle(":time y")
        let lines = capture.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("time: ") && lines[0].hasSuffix(", allocated 8 B"))
        #expect(lines[1] == "42")
        #expect(lines[2].hasPrefix("time: "))
    }

    @Test(":help lists the commands, explains one, or a builtin; unknown names suggest")
    func help() {
        let (core, capture) = makeCore()
        _ = core.handle(":help")
        #expect(capture.stdout.contains(":save FILE.dtrnb"))
        #expect(capture.stdout.contains("Builtins: zeros"))
        _ = core.handle(":help zeros")
        #expect(capture.stdout.contains("zeros(shape) — a tensor of zeros"))
        _ = core.handle(":help :load")
        #expect(capture.stdout.contains(":load FILE\n  run a .dtr script"))
        _ = core.handle(":help zeroes")
        #expect(capture.stderr.contains("did you mean \"zeros\"?"))
    }

    @Test(":reset forgets bindings; :history numbers the entries")
    func resetAndHistory() {
        let engine = FakeEngine()
        let (core, capture) = makeCore(engine)
        _ = core.handle("x = 2")
        _ = core.handle("fn(\n1)")
        _ = core.handle(":reset")
        #expect(engine.values.isEmpty)
        _ = core.handle(":history")
        #expect(capture.stdout.hasSuffix("1  x = 2\n2  fn(\n   1)\n3  :reset\n4  :history\n"))
        #expect(core.handle(":quit") == .quit)
    }

    @Test(":save writes the successful entries as a runnable notebook")
    func save() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dtr-save-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let (core, capture) = makeCore()
        _ = core.handle("x = 2")
        _ = core.handle("fail()")
        _ = core.handle("x * 3")
        let path = dir.appendingPathComponent("session.dtrnb").path
        _ = core.handle(":save \(path)")
        _ = core.handle(":save \(dir.path)/session.txt")
        #expect(capture.stderr.contains("must end in .dtrnb"))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("---\ntitle: dtr session saved "))
        #expect(text.hasSuffix("---\n\n```dtr\nx = 2\n```\n\n```dtr\nx * 3\n```\n"))
        #expect(!text.contains("fail()"))
        // The saved notebook loads back into a fresh session.
        let engine = FakeEngine()
        let (fresh, _) = makeCore(engine)
        _ = fresh.handle(":load \(path)")
        #expect(engine.values["x"] == 2)
        #expect(engine.evaluated.map(\.origin) == [
            .cell(path: path, number: 1, label: nil, firstLine: 6), .cell(path: path, number: 2, label: nil, firstLine: 10)])
    }

    @Test(":load runs a script, reports unreadable files, and stops a notebook at a failing cell")
    func load() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dtr-load-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = dir.appendingPathComponent("helpers.dtr").path
        try "a = 5\nb = a * 2\n".write(toFile: script, atomically: true, encoding: .utf8)
        let notebook = dir.appendingPathComponent("nb.dtrnb").path
        try """
        ---
        title: t
        params:
          T: 10
        ---
        # Notes
        ```dtr first
        c = T + 1
        ```
        ```dtr oops expect-error
        fail()
        ```
        ```output
        ignored
        ```
        ```dtr
        fail()
        ```
        ```dtr
        d = 1
        ```
        """.write(toFile: notebook, atomically: true, encoding: .utf8)
        let engine = FakeEngine()
        let (core, capture) = makeCore(engine)
        _ = core.handle(":load \(script)")
        #expect(engine.values["b"] == 10)
        #expect(engine.evaluated.last?.origin == .file(path: script))
        _ = core.handle(":load \(dir.path)/missing.dtr")
        #expect(capture.stderr.contains("cannot read"))
        _ = core.handle(":load \(notebook)")
        #expect(engine.values["c"] == 11)
        #expect(engine.values["d"] == nil)
        #expect(capture.stderr.contains("stopped at cell 3"))
        #expect(core.recorder.cells.map(\.label) == [nil, "params", "first"])
    }

    // Ctrl-C during a computation is tested end to end (EndToEndTests: `while true { }` and a
    // matmul loop, bindings intact afterwards) in a child process: raising the process-wide
    // `Interrupt` flag here would stop unrelated tests that run concurrently in this process.

    @Test("long displays are summarised at a terminal, not in piped mode")
    func summary() {
        let text = (1...100).map(String.init).joined(separator: "\n")
        let short = OutputSummary.summarise(text, maxLines: 20)
        #expect(short.split(separator: "\n").count == 20)
        #expect(short.contains("… 81 more lines …"))
        #expect(short.hasPrefix("1\n2\n") && short.hasSuffix("\n100"))
        #expect(OutputSummary.summarise("a\nb", maxLines: 20) == "a\nb")
    }
}
