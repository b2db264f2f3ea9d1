import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Replaces files atomically: the new bytes go to a temporary file in the same folder,
/// which is flushed to disk and then renamed over the target. Readers see the old file or
/// the new one, never a mixture; a crash or an abandoned write leaves the old file intact.
public enum AtomicFile {
    /// Writes `bytes` to `url` atomically, keeping the permissions of an existing file.
    public static func write(_ bytes: [UInt8], to url: URL) throws(NotebookError) {
        let staged = try StagedFile(bytes, for: url)
        try staged.commit()
    }

    /// Writes UTF-8 text to `url` atomically.
    public static func write(_ text: String, to url: URL) throws(NotebookError) {
        try write(Array(text.utf8), to: url)
    }
}

/// New contents written and flushed to a temporary file beside the target, waiting to be
/// renamed into place by ``commit()``. Dropping it without committing (or calling
/// ``discard()``) removes the temporary file and leaves the target untouched.
public final class StagedFile {
    /// The file that ``commit()`` replaces.
    public let target: URL
    /// The temporary file holding the new contents.
    public let temporary: URL
    private var finished = false

    /// Writes `bytes` to a fresh temporary file next to `target` and flushes it to disk.
    /// A symbolic link is followed: the file it points to is replaced and the link stays.
    public init(_ bytes: [UInt8], for target: URL) throws(NotebookError) {
        let target = target.resolvingSymlinksInPath()
        self.target = target
        let folder = target.deletingLastPathComponent()
        let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        temporary = folder.appendingPathComponent(".\(target.lastPathComponent).\(suffix).tmp")
        var mode: mode_t = 0o644
        var info = stat()
        if stat(target.path, &info) == 0 { mode = info.st_mode & 0o7777 }
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL, mode)
        guard fd >= 0 else { throw Self.failure("cannot create a temporary file in \(folder.path)") }
        var ok = fchmod(fd, mode) == 0
        var offset = 0
        while ok && offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return -1 }
                return Foundation.write(fd, base + offset, bytes.count - offset)
            }
            if written > 0 {
                offset += written
            } else if !(written < 0 && errno == EINTR) {
                ok = false
            }
        }
        if ok { ok = fsync(fd) == 0 }
        let message = ok ? "" : Self.errnoText()
        close(fd)
        guard ok else {
            unlink(temporary.path)
            finished = true
            throw NotebookError(.io, line: nil, "cannot write \(target.path): \(message)")
        }
    }

    /// Renames the temporary file over the target and flushes the folder.
    public func commit() throws(NotebookError) {
        guard !finished else { throw NotebookError(.io, line: nil, "\(target.path): staged write already finished") }
        finished = true
        guard rename(temporary.path, target.path) == 0 else {
            let failure = Self.failure("cannot replace \(target.path)")
            unlink(temporary.path)
            throw failure
        }
        let folder = open(target.deletingLastPathComponent().path, O_RDONLY)
        if folder >= 0 {
            _ = fsync(folder)
            close(folder)
        }
    }

    /// Abandons the write: removes the temporary file, leaving the target as it was.
    public func discard() {
        guard !finished else { return }
        finished = true
        unlink(temporary.path)
    }

    deinit { discard() }

    private static func errnoText() -> String { String(cString: strerror(errno)) }

    private static func failure(_ what: String) -> NotebookError {
        NotebookError(.io, line: nil, "\(what): \(errnoText())")
    }
}
