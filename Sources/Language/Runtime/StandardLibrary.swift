#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds the `stdlib/*.dtr` files loaded into every session, in this order of places:
/// 1. the folder named by the environment variable `DTR_STDLIB`;
/// 2. `../share/dtr/stdlib` beside the executable (an installed layout);
/// 3. `stdlib/` beside the executable;
/// 4. `stdlib/` in the source tree this binary was built from (development builds).
/// Files load in name order.
public enum StandardLibrary {
    /// The folder in use, if one exists.
    public static var directory: String? {
        if let env = getenv("DTR_STDLIB") { return String(cString: env) }
        var candidates: [String] = []
        if let exe = FileAccess.realPath("/proc/self/exe") {
            let dir = FileAccess.parent(exe)
            candidates.append(dir + "/../share/dtr/stdlib")
            candidates.append(dir + "/stdlib")
        }
        // #filePath = <repo>/Sources/Language/Runtime/StandardLibrary.swift
        var source = "\(#filePath)"
        for _ in 0..<4 { source = FileAccess.parent(source) }
        candidates.append(source + "/stdlib")
        return candidates.first { isDirectory($0) }
    }

    /// (path, text) of each stdlib file in name order.
    static func files(in folder: String? = nil) -> [(String, String)] {
        guard let dir = folder ?? directory, let d = opendir(dir) else { return [] }
        defer { closedir(d) }
        var names: [String] = []
        while let entry = readdir(d) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasSuffix(".dtr") { names.append(name) }
        }
        let access = FileAccess(root: dir, allowOutside: true)
        return names.sorted().compactMap { name in
            guard let bytes = try? access.read(name) else { return nil }
            return ("stdlib/" + name, String(decoding: bytes, as: UTF8.self))
        }
    }

    private static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }
}
