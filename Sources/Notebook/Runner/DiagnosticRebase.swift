import Language

/// Moves diagnostics that point into notebook cells to the lines those cells will have in
/// the updated file.
///
/// `--update` inserts or resizes output blocks, which shifts every later cell down; a
/// diagnostic written into the file must name the line where the code will be *after* the
/// write, or the next run would write different numbers and `--update` would never settle.
/// Only digits change, never the number of lines in a block, so one rebase reaches the
/// fixed point.
struct DiagnosticRebase {
    /// The notebook's file name, as cells' source files carry it.
    let fileName: String
    /// The new first code line of each cell, by cell number.
    let newCodeLines: [Int: Int]
    private var rebased: [ObjectIdentifier: SourceFile] = [:]

    init(fileName: String, newCodeLines: [Int: Int]) {
        self.fileName = fileName
        self.newCodeLines = newCodeLines
    }

    /// Whether any span of `diagnostic` lies in a cell that moves.
    func affects(_ diagnostic: Diagnostic) -> Bool {
        spans(of: diagnostic).contains { moved($0.file) != nil }
    }

    /// The diagnostic with every span in a moved cell pointing at the cell's new lines.
    mutating func rebase(_ diagnostic: Diagnostic) -> Diagnostic {
        var result = diagnostic
        result.span = result.span.map { rebase($0) }
        for index in result.notes.indices {
            result.notes[index].span = result.notes[index].span.map { rebase($0) }
        }
        for index in result.callStack.indices {
            result.callStack[index].span = rebase(result.callStack[index].span)
        }
        return result
    }

    private mutating func rebase(_ span: SourceSpan) -> SourceSpan {
        guard let line = moved(span.file) else { return span }
        let key = ObjectIdentifier(span.file)
        let file = rebased[key] ?? SourceFile(name: span.file.name, bytes: span.file.bytes, cell: span.file.cell,
                                               label: span.file.label, firstLine: line)
        rebased[key] = file
        return SourceSpan(file: file, start: span.start, end: span.end, localLine: span.localLine, column: span.column)
    }

    /// The new first line of a cell's source file, when it moves.
    private func moved(_ file: SourceFile) -> Int? {
        guard file.name == fileName, let cell = file.cell, let line = newCodeLines[cell], line != file.firstLine else {
            return nil
        }
        return line
    }

    private func spans(of diagnostic: Diagnostic) -> [SourceSpan] {
        [diagnostic.span].compactMap { $0 } + diagnostic.notes.compactMap(\.span) + diagnostic.callStack.map(\.span)
    }
}
