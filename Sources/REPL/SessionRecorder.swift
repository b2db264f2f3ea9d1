import Foundation

/// Remembers what ran successfully in this session so `:save` can write it out (with the
/// Notebook layer's `NotebookComposer`) as a notebook that reproduces the session.
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

    /// The saved notebook's title, with the time it was saved.
    func title(date: Date = Date()) -> String {
        let stamp = ISO8601DateFormatter.string(from: date, timeZone: .gmt, formatOptions: [.withInternetDateTime])
        return "dtr session saved \(stamp)"
    }
}
