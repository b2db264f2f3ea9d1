import Foundation

/// Remembers what ran successfully in this session so `:save` can write it out as a
/// notebook that reproduces the session when run with `dtr run`.
struct SessionRecorder {
    /// One code cell: its source and an optional label.
    struct Cell: Equatable {
        var code: String
        var label: String?
    }

    private(set) var cells: [Cell] = []

    mutating func record(_ code: String, label: String? = nil) {
        cells.append(Cell(code: code, label: label))
    }

    mutating func reset() { cells = [] }

    /// The session as `.dtrnb` text: a title, a line of prose, then one `dtr` cell per entry.
    func notebook(date: Date = Date()) -> String {
        let stamp = ISO8601DateFormatter.string(from: date, timeZone: .gmt, formatOptions: [.withInternetDateTime])
        var out = "# dtr session\n\nSaved from the dtr REPL with `:save` on \(stamp). Run it with `dtr run`.\n"
        for cell in cells {
            let fence = Self.fence(for: cell.code)
            let label = cell.label.map { " " + $0 } ?? ""
            out += "\n\(fence)dtr\(label)\n\(cell.code)\n\(fence)\n"
        }
        return out
    }

    /// A backtick fence longer than any run of backticks inside the code.
    static func fence(for code: String) -> String {
        var longest = 0, run = 0
        for ch in code {
            if ch == "`" { run += 1; longest = max(longest, run) } else { run = 0 }
        }
        return String(repeating: "`", count: max(3, longest + 1))
    }
}
