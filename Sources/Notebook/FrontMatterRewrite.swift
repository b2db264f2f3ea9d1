extension FrontMatter {
    /// `text` (a notebook that starts with this front matter) with the literal of every
    /// parameter that `--set` replaced rewritten to the value used, so a notebook updated
    /// with `--set` never contradicts its outputs. Only those lines change; the indentation
    /// and the `name:` part of each line are kept.
    func rewritingParameters(in text: String, values: [ResolvedParameter]) -> String {
        var replacements: [Int: (column: Int, literal: String)] = [:]
        for value in values where value.source == .commandLine {
            guard let declared = parameter(named: value.name), declared.literal != value.literal else { continue }
            replacements[declared.line] = (declared.column, value.literal)
        }
        guard !replacements.isEmpty else { return text }
        var out = ""
        var lineNumber = 1
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if lineNumber > 1 { out += "\n" }
            if let replacement = replacements[lineNumber] {
                let scalars = Array(line.unicodeScalars)
                let keep = scalars.prefix(max(0, replacement.column - 1))
                let carriageReturn = scalars.last == "\r" ? "\r" : ""
                out += String(String.UnicodeScalarView(keep)) + replacement.literal + carriageReturn
            } else {
                out += line
            }
            lineNumber += 1
        }
        return out
    }
}
