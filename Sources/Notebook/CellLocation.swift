extension CodeCell {
    /// Maps a 1-based position inside ``code`` to the 1-based line and column of the
    /// `.dtrnb` file (adding the code's first line and the fence's indentation).
    public func fileLocation(line: Int, column: Int) -> (line: Int, column: Int) {
        // Saturating: a position comes from another layer and must never trap here.
        let line = codeLine.addingReportingOverflow(max(line, 1) - 1)
        let column = max(column, 1).addingReportingOverflow(codeIndent)
        return (line.overflow ? Int.max : line.partialValue, column.overflow ? Int.max : column.partialValue)
    }

    /// `FILE.dtrnb, cell N "label", line L, col C` for a position inside ``code``, the form
    /// every notebook diagnostic uses.
    public func locationDescription(file: String, line: Int, column: Int) -> String {
        let location = fileLocation(line: line, column: column)
        return "\(file), \(displayName), line \(location.line), col \(location.column)"
    }
}
