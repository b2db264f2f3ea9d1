import Foundation

/// The REPL's input history: de-duplicated (re-entering a line moves it to the end),
/// limited in size (oldest entries go first), and persisted as one entry per line with
/// newlines and backslashes escaped, so multi-line entries survive the round trip.
public struct History: Sendable, Equatable {
    /// Entries, oldest first.
    public private(set) var entries: [String]
    /// The most entries kept.
    public let limit: Int

    /// The default size limit.
    public static let defaultLimit = 1000

    /// Creates a history holding the last `limit` of `entries` (de-duplicated).
    public init(entries: [String] = [], limit: Int = History.defaultLimit) {
        self.entries = []
        self.limit = max(1, limit)
        for entry in entries { add(entry) }
    }

    /// Adds `entry` as the newest item, removing an earlier identical entry. Blank entries
    /// are ignored. Returns whether the history changed.
    @discardableResult
    public mutating func add(_ entry: String) -> Bool {
        guard !entry.allSatisfy(\.isWhitespace) else { return false }
        if entries.last == entry { return false }
        entries.removeAll { $0 == entry }
        entries.append(entry)
        if entries.count > limit { entries.removeFirst(entries.count - limit) }
        return true
    }

    /// The file form: one escaped entry per line.
    public var fileText: String {
        entries.map(Self.escape).map { $0 + "\n" }.joined()
    }

    /// Reads the file form written by ``fileText`` (unknown escapes are kept literally).
    public static func parse(_ text: String, limit: Int = History.defaultLimit) -> History {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        return History(entries: lines.map { unescape(String($0)) }, limit: limit)
    }

    static func escape(_ entry: String) -> String {
        var out = ""
        for ch in entry {
            switch ch {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.append(ch)
            }
        }
        return out
    }

    static func unescape(_ line: String) -> String {
        var out = "", pendingBackslash = false
        for ch in line {
            if pendingBackslash {
                switch ch {
                case "n": out.append("\n")
                case "r": out.append("\r")
                case "\\": out.append("\\")
                default: out.append("\\"); out.append(ch)
                }
                pendingBackslash = false
            } else if ch == "\\" {
                pendingBackslash = true
            } else {
                out.append(ch)
            }
        }
        if pendingBackslash { out.append("\\") }
        return out
    }
}

/// Where the history lives: `~/.dtr_history`. Written atomically after every entry so a
/// crash never loses (or half-writes) what was typed before it.
struct HistoryFile {
    let path: String

    /// `$HOME/.dtr_history`, or nil when there is no home directory.
    static func standard() -> HistoryFile? {
        guard let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty else { return nil }
        return HistoryFile(path: (home as NSString).appendingPathComponent(".dtr_history"))
    }

    /// The stored history (empty when the file is missing or unreadable).
    func load(limit: Int = History.defaultLimit) -> History {
        guard let data = FileManager.default.contents(atPath: path) else { return History(limit: limit) }
        return History.parse(String(decoding: data, as: UTF8.self), limit: limit)
    }

    /// Replaces the file with `history`; failures are reported, never fatal.
    func save(_ history: History) -> Bool {
        do {
            try Data(history.fileText.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            // Private to the user, like a shell's history.
            try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
            return true
        } catch {
            return false
        }
    }
}
