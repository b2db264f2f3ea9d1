/// A small reader for the parts of a `.dtrnb` that `:load` needs: the front matter's
/// `params:` entries and the `dtr` code cells with their labels, flags and first lines.
struct NotebookCells {
    struct Cell: Equatable {
        /// 1-based cell number.
        var number: Int
        var label: String?
        /// Whether the cell is a teaching cell meant to fail (`expect-error`).
        var expectsError: Bool
        var code: String
        /// Line of the notebook file on which the code starts.
        var firstLine: Int
    }

    /// `name = literal` for each front-matter parameter, in order.
    var parameters: [(name: String, value: String)] = []
    var cells: [Cell] = []

    init(text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var i = 0
        if lines.first?.trimmingCharacters(in: .whitespaces) == "---" {
            var inParams = false
            i = 1
            while i < lines.count, lines[i].trimmingCharacters(in: .whitespaces) != "---" {
                let line = lines[i]
                if line.hasPrefix("params:") { inParams = true }
                else if inParams, line.hasPrefix(" ") || line.hasPrefix("\t"), let colon = line.firstIndex(of: ":") {
                    let name = line[..<colon].trimmingCharacters(in: .whitespaces)
                    let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                    if !name.isEmpty, !value.isEmpty { parameters.append((name, value)) }
                } else if !line.hasPrefix(" ") { inParams = false }
                i += 1
            }
            i += 1
        }
        var number = 0
        while i < lines.count {
            let line = lines[i]
            let fence = String(line.prefix { $0 == "`" })
            guard fence.count >= 3 else { i += 1; continue }
            let info = line.dropFirst(fence.count).split(separator: " ").map(String.init)
            var body: [String] = []
            let start = i + 1
            i += 1
            while i < lines.count, !(lines[i].hasPrefix(fence) && lines[i].allSatisfy { $0 == "`" || $0.isWhitespace }) {
                body.append(lines[i])
                i += 1
            }
            i += 1
            guard info.first == "dtr" else { continue }
            number += 1
            let words = info.dropFirst()
            let label = words.first { $0 != "expect-error" }
            cells.append(Cell(number: number, label: label, expectsError: words.contains("expect-error"),
                              code: body.joined(separator: "\n"), firstLine: start + 1))
        }
    }
}
