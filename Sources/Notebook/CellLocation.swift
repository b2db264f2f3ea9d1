extension CodeCell {
    /// Maps a 1-based position inside ``code`` to the 1-based line and column of the
    /// `.dtrnb` file (adding the code's first line and the fence's indentation).
    public func fileLocation(line: Int, column: Int) -> (line: Int, column: Int) {
        (codeLine + max(line, 1) - 1, max(column, 1) + codeIndent)
    }

    /// `FILE.dtrnb, cell N "label", line L, col C` for a position inside ``code``, the form
    /// every notebook diagnostic uses.
    public func locationDescription(file: String, line: Int, column: Int) -> String {
        let location = fileLocation(line: line, column: column)
        return "\(file), \(displayName), line \(location.line), col \(location.column)"
    }
}
