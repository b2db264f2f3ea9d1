#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file operation that was refused or failed; `message` is user-facing.
public struct FileAccessError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, naming the path.
    public let message: String
    public var description: String { message }
}

/// The one door to the file system for every file-touching builtin (`load`, `save`,
/// `load_npy`, …). Paths are relative to `root` (the notebook's or script's folder; the
/// current directory for `dtr eval` and the REPL). Unless `allowOutside` (`--allow-fs`)
/// is set, absolute paths, `..` leading out of the root, and symlinks resolving outside it
/// are refused.
public struct FileAccess: Sendable {
    /// The folder relative paths start from.
    public let root: String
    /// Whether paths may leave `root`.
    public let allowOutside: Bool

    /// Creates the layer for `root` (made absolute against the current directory).
    public init(root: String = ".", allowOutside: Bool = false) {
        self.root = FileAccess.absolute(root)
        self.allowOutside = allowOutside
    }

    /// The absolute path `path` refers to, if it is allowed.
    public func resolve(_ path: String) throws(FileAccessError) -> String {
        guard !path.isEmpty else { throw FileAccessError(message: "empty file name") }
        guard !path.utf8.contains(0) else { throw FileAccessError(message: "a file name cannot contain NUL bytes") }
        let joined = path.hasPrefix("/") ? path : root + "/" + path
        let full = FileAccess.normalise(joined)
        if allowOutside { return full }
        if path.hasPrefix("/") {
            throw refusal(path, "is an absolute path")
        }
        guard FileAccess.isInside(full, root) else { throw refusal(path, "leads outside the folder \(root)") }
        // Symlinks: the real path of the file (or of its folder, for a new file) must stay inside.
        let realRoot = FileAccess.realPath(root) ?? root
        var probe = full
        while !probe.isEmpty, probe != "/" {
            if let real = FileAccess.realPath(probe) {
                guard FileAccess.isInside(real, realRoot) else { throw refusal(path, "is a link to a place outside the folder \(root)") }
                break
            }
            probe = FileAccess.parent(probe)
        }
        return full
    }

    private func refusal(_ path: String, _ why: String) -> FileAccessError {
        FileAccessError(message: "cannot access \"\(path)\": it \(why); file access is confined to that folder unless --allow-fs is given")
    }

    /// The bytes of a file.
    public func read(_ path: String) throws(FileAccessError) -> [UInt8] {
        let full = try resolve(path)
        guard let f = fopen(full, "rb") else { throw FileAccessError(message: "cannot read \"\(path)\": \(FileAccess.errnoText())") }
        defer { fclose(f) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, f) }
            if n > 0 { out.append(contentsOf: chunk[0..<n]) }
            if n < chunk.count {
                if ferror(f) != 0 { throw FileAccessError(message: "cannot read \"\(path)\": \(FileAccess.errnoText())") }
                break
            }
        }
        return out
    }

    /// Writes a file atomically (a temporary file beside it, then a rename).
    public func write(_ path: String, _ bytes: [UInt8]) throws(FileAccessError) {
        let full = try resolve(path)
        let temp = full + ".tmp-\(getpid())"
        guard let f = fopen(temp, "wb") else { throw FileAccessError(message: "cannot write \"\(path)\": \(FileAccess.errnoText())") }
        let written = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, f) }
        let closed = fclose(f)
        guard written == bytes.count, closed == 0, rename(temp, full) == 0 else {
            let why = FileAccess.errnoText()
            unlink(temp)
            throw FileAccessError(message: "cannot write \"\(path)\": \(why)")
        }
    }

    // MARK: - Path helpers

    static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return normalise(path) }
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return normalise("/" + path) }
        let cwd = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return normalise(cwd + "/" + path)
    }

    /// Removes `.`, empty components and `..` lexically.
    static func normalise(_ path: String) -> String {
        var parts: [Substring] = []
        for c in path.split(separator: "/") {
            if c == "." { continue }
            if c == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(c)
        }
        return "/" + parts.joined(separator: "/")
    }

    static func isInside(_ path: String, _ root: String) -> Bool {
        path == root || path.hasPrefix(root == "/" ? "/" : root + "/")
    }

    static func parent(_ path: String) -> String {
        guard let i = path.lastIndex(of: "/"), i != path.startIndex else { return "/" }
        return String(path[path.startIndex..<i])
    }

    static func realPath(_ path: String) -> String? {
        guard let r = realpath(path, nil) else { return nil }
        defer { free(r) }
        return String(cString: r)
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}
