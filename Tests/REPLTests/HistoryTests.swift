import Foundation
import Testing
@testable import REPL

@Suite("History")
struct HistoryTests {
    @Test("re-entering a line moves it to the end instead of duplicating it")
    func deduplicates() {
        var history = History()
        history.add("a")
        history.add("b")
        history.add("a")
        #expect(history.entries == ["b", "a"])
        let repeated = history.add("a"), blank = history.add("   ")
        #expect(!repeated && !blank)
        #expect(history.entries == ["b", "a"])
    }

    @Test("only the newest entries up to the limit are kept")
    func limit() {
        var history = History(limit: 3)
        for i in 1...5 { history.add("x\(i)") }
        #expect(history.entries == ["x3", "x4", "x5"])
        #expect(History(entries: ["1", "2", "3", "4"], limit: 2).entries == ["3", "4"])
    }

    @Test("multi-line entries and backslashes survive the file format")
    func roundTrip() {
        let history = History(entries: ["fn f(x) {\n  x\n}", #"print("a\nb")"#, "plain", "ends with \\"])
        #expect(history.fileText.split(separator: "\n").count == 4)
        #expect(History.parse(history.fileText).entries == history.entries)
    }

    @Test("the file is written and read back, and a missing file is an empty history")
    func file() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dtr-history-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = HistoryFile(path: dir.appendingPathComponent(".dtr_history").path)
        #expect(file.load().entries.isEmpty)
        #expect(file.save(History(entries: ["x = 1", "x * 2"])))
        #expect(file.load().entries == ["x = 1", "x * 2"])
        #expect(file.load(limit: 1).entries == ["x * 2"])
        let permissions = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
    }

    @Test("every interactive entry is saved at once, de-duplicated")
    func savedAfterEveryEntry() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dtr-history-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = HistoryFile(path: dir.appendingPathComponent(".dtr_history").path)
        let (core, _) = makeCore(historyFile: file)
        _ = core.handle("x = 2")
        #expect(file.load().entries == ["x = 2"])
        _ = core.handle("x * 3")
        _ = core.handle("x = 2")
        _ = core.handle(":vars")
        #expect(file.load().entries == ["x * 3", "x = 2", ":vars"])
    }

    @Test("two sessions at once both keep their entries in the file")
    func concurrentSessions() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dtr-history-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = HistoryFile(path: dir.appendingPathComponent(".dtr_history").path)
        let (first, _) = makeCore(historyFile: file)
        let (second, _) = makeCore(historyFile: file)
        _ = first.handle("a = 1")
        _ = second.handle("b = 2")
        _ = first.handle("a + 1")
        #expect(file.load().entries == ["a = 1", "b = 2", "a + 1"])
        #expect(first.history.entries == ["a = 1", "a + 1"])
    }
}
