import Foundation

/// Jupyter kernelspecs: `dtr kernel install|list|remove`, laid out as `jupyter kernelspec`
/// lays them out (`…/share/jupyter/kernels/NAME/kernel.json` plus logos).
public enum Kernelspec {
    /// Where `install` writes.
    public enum Location: Equatable, Sendable {
        /// `--user`: `$JUPYTER_DATA_DIR/kernels`, else `~/.local/share/jupyter/kernels`.
        case user
        /// `--sys-prefix`: the active virtual environment's (`$VIRTUAL_ENV`, `$CONDA_PREFIX`).
        case sysPrefix
        /// `--prefix P`: `P/share/jupyter/kernels`.
        case prefix(String)
        /// No flag: the system-wide `/usr/local/share/jupyter/kernels`.
        case system
    }

    /// The `kernels` folder for `location`.
    public static func kernelsFolder(_ location: Location, environment: [String: String]) throws(KernelError) -> String {
        switch location {
        case .user:
            return userDataFolder(environment) + "/kernels"
        case .sysPrefix:
            guard let prefix = environment["VIRTUAL_ENV"] ?? environment["CONDA_PREFIX"], !prefix.isEmpty else {
                throw KernelError("--sys-prefix needs an active virtual environment (VIRTUAL_ENV or CONDA_PREFIX); use --user or --prefix P")
            }
            return prefix + "/share/jupyter/kernels"
        case .prefix(let p):
            return p + "/share/jupyter/kernels"
        case .system:
            return "/usr/local/share/jupyter/kernels"
        }
    }

    private static func userDataFolder(_ environment: [String: String]) -> String {
        if let d = environment["JUPYTER_DATA_DIR"], !d.isEmpty { return d }
        let data = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
        return data + "/jupyter"
    }

    /// The `kernel.json` text for the dtr at `executable`.
    public static func kernelJSON(executable: String, displayName: String) -> String {
        let object: [String: Any] = [
            "argv": [executable, "kernel", "-f", "{connection_file}"],
            "display_name": displayName, "language": "dtr", "interrupt_mode": "message",
            "metadata": ["debugger": false],
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\\/", with: "/") + "\n"
    }

    /// Writes the kernelspec `name` (kernel.json and two logos) into `folder`; returns its path.
    @discardableResult
    public static func install(name: String, displayName: String, executable: String, into folder: String) throws(KernelError) -> String {
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "-._".contains($0) }) else {
            throw KernelError("a kernel name may hold only letters, digits, '-', '.' and '_' (got \"\(name)\")")
        }
        let path = folder + "/" + name
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            try Data(kernelJSON(executable: executable, displayName: displayName).utf8)
                .write(to: URL(fileURLWithPath: path + "/kernel.json"))
            for size in [32, 64] {
                try Data(Logo.png(size: size)).write(to: URL(fileURLWithPath: path + "/logo-\(size)x\(size).png"))
            }
        } catch {
            throw KernelError("cannot write the kernelspec into \(path): \(error.localizedDescription)")
        }
        return path
    }

    /// The folders Jupyter searches for kernelspecs, in its order: `$JUPYTER_PATH`, the
    /// user's data folder, the active environment, then the system folders.
    public static func searchFolders(environment: [String: String]) -> [String] {
        var folders: [String] = []
        if let path = environment["JUPYTER_PATH"] {
            folders += path.split(separator: ":").map { String($0) + "/kernels" }
        }
        folders.append(userDataFolder(environment) + "/kernels")
        for key in ["VIRTUAL_ENV", "CONDA_PREFIX"] {
            if let p = environment[key], !p.isEmpty { folders.append(p + "/share/jupyter/kernels") }
        }
        folders += ["/usr/local/share/jupyter/kernels", "/usr/share/jupyter/kernels"]
        var seen: Set<String> = []
        return folders.filter { seen.insert($0).inserted }
    }

    /// Every installed kernelspec (first one found per name), sorted by name.
    public static func list(environment: [String: String]) -> [(name: String, path: String)] {
        var found: [String: String] = [:]
        for folder in searchFolders(environment: environment) {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }
            for name in names where found[name] == nil
                && FileManager.default.fileExists(atPath: folder + "/" + name + "/kernel.json") {
                found[name] = folder + "/" + name
            }
        }
        return found.keys.sorted().map { ($0, found[$0] ?? "") }
    }

    /// Removes the kernelspec `name` (the one `list` shows); returns its path.
    public static func remove(name: String, environment: [String: String]) throws(KernelError) -> String {
        guard let spec = list(environment: environment).first(where: { $0.name == name }) else {
            throw KernelError("no kernelspec named \"\(name)\"")
        }
        do {
            try FileManager.default.removeItem(atPath: spec.path)
        } catch {
            throw KernelError("cannot remove \(spec.path): \(error.localizedDescription)")
        }
        return spec.path
    }
}
