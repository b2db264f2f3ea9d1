/// A REPL command that starts with `:` (SPEC §2).
enum MetaCommand: Equatable {
    case help(String?)
    case vars
    case type(String)
    case time(String)
    case load(String)
    case save(String)
    case history
    case reset
    case quit
    /// Something that starts with `:` but is not a command (or lacks its argument): the message.
    case invalid(String)

    /// One command's name, usage and one-line description, for `:help` and completion.
    struct Info {
        let name: String
        let usage: String
        let summary: String
    }

    /// Every command, in the order `:help` lists them.
    static let all: [Info] = [
        Info(name: "help", usage: ":help [name]", summary: "this list, or help for a builtin, stdlib function or command"),
        Info(name: "vars", usage: ":vars", summary: "the bindings, with type and shape"),
        Info(name: "type", usage: ":type EXPR", summary: "the type and shape of EXPR's value"),
        Info(name: "time", usage: ":time EXPR", summary: "evaluate EXPR and report the wall time"),
        Info(name: "load", usage: ":load FILE", summary: "run a .dtr script or every cell of a .dtrnb notebook here"),
        Info(name: "save", usage: ":save FILE.dtrnb", summary: "write the session so far as a runnable notebook"),
        Info(name: "history", usage: ":history", summary: "the input history, numbered"),
        Info(name: "reset", usage: ":reset", summary: "forget every binding and start afresh"),
        Info(name: "quit", usage: ":quit", summary: "leave (Ctrl-D does the same); history is saved"),
    ]

    /// Parses `line` if it is a meta-command (starts with `:`); nil otherwise.
    static func parse(_ line: String) -> MetaCommand? {
        let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix(":") else { return nil }
        let body = trimmed.dropFirst()
        let name = String(body.prefix { !$0.isWhitespace })
        let argument = body.dropFirst(name.count).trimmingCharacters(in: .whitespacesAndNewlines)
        let arg: String? = argument.isEmpty ? nil : argument
        func needs(_ what: String, _ make: (String) -> MetaCommand) -> MetaCommand {
            guard let arg else { return .invalid("usage: :\(name) \(what)") }
            return make(arg)
        }
        func noArgument(_ command: MetaCommand) -> MetaCommand {
            arg == nil ? command : .invalid(":\(name) takes no argument")
        }
        switch name {
        case "help", "h", "?": return .help(arg)
        case "vars": return noArgument(.vars)
        case "type": return needs("EXPR") { .type($0) }
        case "time": return needs("EXPR") { .time($0) }
        case "load": return needs("FILE") { .load($0) }
        case "save": return needs("FILE.dtrnb") { .save($0) }
        case "history": return noArgument(.history)
        case "reset": return noArgument(.reset)
        case "quit", "q", "exit": return noArgument(.quit)
        default:
            var message = "unknown command \":\(name)\""
            if let near = Suggest.nearest(to: name, among: all.map(\.name)) {
                message += "; did you mean \":\(near)\"?"
            }
            return .invalid(message + " (:help lists the commands)")
        }
    }
}

/// "Did you mean …?" for misspelt command names.
enum Suggest {
    /// The candidate closest to `word` by edit distance, if close enough to be a typo.
    static func nearest(to word: String, among candidates: [String]) -> String? {
        let scored = candidates.map { ($0, distance(word, $0)) }.min { $0.1 < $1.1 }
        guard let (best, d) = scored, d <= max(1, word.count / 3) else { return nil }
        return best
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
