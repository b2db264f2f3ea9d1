import Foundation

/// Tab completion candidates for a line being typed (see ``CompletionContext`` for the
/// kinds). Candidates replace ``Completion/word`` and carry their own suffix: `"` after a
/// string choice, `: ` after a named argument, `/` after a directory, a space after a
/// command.
public struct Completion: Equatable, Sendable {
    /// The text before the cursor that the candidates replace.
    public var word: String
    /// Matches, sorted; named arguments first.
    public var candidates: [String]
}

/// Computes completions against an engine (the REPL's Tab key and the Jupyter kernel's
/// `complete_request` share it).
public struct Completer {
    let engine: any REPLEngine
    /// Directory that relative paths are resolved against.
    var directory: String = FileManager.default.currentDirectoryPath

    /// A completer for `engine`, resolving paths against the current directory.
    public init(engine: any REPLEngine) {
        self.engine = engine
    }

    init(engine: any REPLEngine, directory: String) {
        self.engine = engine
        self.directory = directory
    }

    /// Keywords of the language, completed like names.
    static let keywords = ["if", "else", "for", "in", "while", "break", "continue", "return", "fn",
                           "true", "false", "none", "and", "or", "not"]

    /// Completion of `prefix`, the line up to the cursor.
    public func complete(_ prefix: String) -> Completion {
        let context = CompletionContext.of(prefix)
        let word = context.word
        func matching(_ names: [String]) -> [String] {
            Array(Set(names.filter { $0.hasPrefix(word) })).sorted()
        }
        switch context {
        case .none:
            return Completion(word: word, candidates: [])
        case .metaCommand:
            return Completion(word: word, candidates: matching(MetaCommand.all.map { ":" + $0.name }).map { $0 + " " })
        case .path:
            return Completion(word: word, candidates: paths(word))
        case .helpName:
            return Completion(word: word, candidates: matching(engine.completionNames + MetaCommand.all.map(\.name)))
        case .field(let path, _):
            return Completion(word: word, candidates: matching(engine.fieldNames(of: path)))
        case .stringArgument(let function, let index, let name, _):
            let choices = engine.stringArgumentChoices(function: function, index: index, name: name)
            return Completion(word: word, candidates: matching(choices).map { $0 + "\"" })
        case .name(_, let call):
            var named: [String] = []
            if let call { named = matching(engine.parameterNames(of: call)).map { $0 + ": " } }
            let names = matching(engine.completionNames + Self.keywords)
            return Completion(word: word, candidates: named + names.filter { !named.contains($0 + ": ") })
        }
    }

    /// Files and directories whose path starts with `word` (`~/` expands to the home directory).
    func paths(_ word: String) -> [String] {
        let slash = word.lastIndex(of: "/")
        let dirPart = slash.map { String(word[...$0]) } ?? ""
        let namePart = slash.map { String(word[word.index(after: $0)...]) } ?? word
        var dir = dirPart
        if dir.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"] {
            dir = home + dir.dropFirst(1)
        }
        let resolved = dir.isEmpty ? directory : (dir.hasPrefix("/") ? dir : directory + "/" + dir)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: resolved) else { return [] }
        return names.filter { $0.hasPrefix(namePart) && (namePart.hasPrefix(".") || !$0.hasPrefix(".")) }
            .sorted()
            .map { name in
                var isDir: ObjCBool = false
                let full = (resolved as NSString).appendingPathComponent(name)
                let directory = FileManager.default.fileExists(atPath: full, isDirectory: &isDir) && isDir.boolValue
                return dirPart + name + (directory ? "/" : "")
            }
    }
}
