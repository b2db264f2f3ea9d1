/// What a file argument is, by its extension: a `.dtr` script (also a file without an
/// extension, such as a `#!`-script), a `.dtrnb` notebook, or something dtr does not run.
enum FileKind: Equatable {
    case script
    case notebook
    case other(String)

    init(path: String) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else {
            self = .script
            return
        }
        switch name[name.index(after: dot)...] {
        case "dtr": self = .script
        case "dtrnb": self = .notebook
        case let ext: self = .other("." + ext)
        }
    }

    /// The usage error for a file of another kind given to `command` (`check`, `run`, or
    /// nil for `dtr FILE`).
    static func unsupported(_ path: String, ext: String, command: String?) -> String {
        let verb = command.map { "dtr \($0)" } ?? "dtr"
        return "error: \(verb) does not know \(ext) files (\(path)): it takes a .dtr script or a .dtrnb notebook\n"
            + "  = run a script with `dtr FILE.dtr`, a notebook with `dtr run FILE.dtrnb`, check either with `dtr check FILE`\n"
    }
}
