import Foundation
import Testing
@testable import Notebook

@Suite("Atomic file writes")
struct AtomicFileTests {
    /// A fresh empty folder, removed by the caller.
    static func makeFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dtrnb-atomic-\(UInt64.random(in: 0...UInt64.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func writesANewFileAndReplacesAnExistingOne() throws {
        let folder = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("a.dtrnb")
        try AtomicFile.write("first\n", to: url)
        #expect(try String(contentsOf: url, encoding: .utf8) == "first\n")
        try AtomicFile.write("second\n", to: url)
        #expect(try String(contentsOf: url, encoding: .utf8) == "second\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["a.dtrnb"])
    }

    @Test func keepsTheFilePermissions() throws {
        let folder = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("a.dtrnb")
        try Data("x".utf8).write(to: url)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path)
        try AtomicFile.write("y", to: url)
        let mode = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func anAbandonedWriteLeavesTheOriginalIntact() throws {
        let folder = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("a.dtrnb")
        try Data("original\n".utf8).write(to: url)

        let staged = try StagedFile(Array("replacement\n".utf8), for: url)
        #expect(FileManager.default.fileExists(atPath: staged.temporary.path))
        #expect(try String(contentsOf: url, encoding: .utf8) == "original\n")
        staged.discard()
        #expect(try String(contentsOf: url, encoding: .utf8) == "original\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["a.dtrnb"])

        // Dropping a staged write without committing also abandons it.
        do { _ = try StagedFile(Array("dropped\n".utf8), for: url) }
        #expect(try String(contentsOf: url, encoding: .utf8) == "original\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["a.dtrnb"])
    }

    @Test func aSymlinkedNotebookStaysASymlink() throws {
        let folder = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let real = folder.appendingPathComponent("real.dtrnb")
        let link = folder.appendingPathComponent("link.dtrnb")
        try Data("old".utf8).write(to: real)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: real)
        try AtomicFile.write("new", to: link)
        #expect(try String(contentsOf: real, encoding: .utf8) == "new")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path).hasSuffix("real.dtrnb"))
    }

    @Test func commitTwiceIsAnErrorNotACrash() throws {
        let folder = try Self.makeFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let staged = try StagedFile([1, 2], for: folder.appendingPathComponent("b"))
        try staged.commit()
        #expect(throws: NotebookError.self) { try staged.commit() }
    }

    @Test func aMissingFolderIsAnIOError() {
        let url = URL(fileURLWithPath: "/nonexistent-dtr-folder/x/nb.dtrnb")
        #expect(throws: NotebookError.self) { try AtomicFile.write("x", to: url) }
        #expect(throws: NotebookError.self) { try NotebookDocument(contentsOf: url) }
    }
}
