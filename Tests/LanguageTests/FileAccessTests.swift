import Foundation
import Testing
@testable import Language

/// File access stays inside the root folder unless allowed, and the stdlib reports broken files.
struct FileAccessTests {
    func tempDir(_ name: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dtr-fa-\(name)-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func relativePathsInsideAreAllowed() throws {
        let dir = try tempDir("inside")
        try "hi".write(to: dir.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        let fa = FileAccess(root: dir.path)
        #expect(try fa.read("a.txt") == Array("hi".utf8))
        #expect(try fa.read("./sub/../a.txt") == Array("hi".utf8))
    }

    @Test func escapesAreRefused() throws {
        let dir = try tempDir("escape")
        let fa = FileAccess(root: dir.path)
        #expect(throws: FileAccessError.self) { try fa.resolve("../x") }
        #expect(throws: FileAccessError.self) { try fa.resolve("/etc/passwd") }
        try FileManager.default.createSymbolicLink(atPath: dir.appendingPathComponent("link").path, withDestinationPath: "/etc")
        #expect(throws: FileAccessError.self) { try fa.read("link/hostname") }
        let open = FileAccess(root: dir.path, allowOutside: true)
        #expect(try open.resolve("/etc/passwd") == "/etc/passwd")
    }

    @Test func writesAreAtomicAndConfined() throws {
        let dir = try tempDir("write")
        let fa = FileAccess(root: dir.path)
        try fa.write("out.txt", Array("data".utf8))
        #expect(try String(contentsOf: dir.appendingPathComponent("out.txt"), encoding: .utf8) == "data")
        #expect(throws: FileAccessError.self) { try fa.write("../out.txt", [1]) }
    }

    @Test func aBrokenStdlibFileIsNamed() throws {
        let dir = try tempDir("stdlib")
        try "fn ok(x) = x\n".write(to: dir.appendingPathComponent("a.dtr"), atomically: true, encoding: .utf8)
        try "fn broken(x = \n".write(to: dir.appendingPathComponent("b.dtr"), atomically: true, encoding: .utf8)
        let s = Session(output: CapturedOutput())
        let d = try #require(s.loadStandardLibrary(directory: dir.path))
        #expect(d.description.contains("stdlib/b.dtr"))
        #expect(s.value(of: "ok") != nil)
    }

    @Test func theShippedStdlibLoads() {
        let s = Session(output: CapturedOutput())
        #expect(s.loadStandardLibrary() == nil)
        #expect(s.value(of: "clamp") != nil)
    }
}
