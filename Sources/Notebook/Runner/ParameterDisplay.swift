extension NotebookDocument {
    /// The document with its front matter showing the parameter values a run used: each
    /// literal replaced by `--set` is written in place of the declared one (in the parsed
    /// parameters and in the block's raw text), so an export never shows one value beside
    /// outputs computed from another. Prose, cells and stored outputs are unchanged.
    func showing(_ parameters: [ResolvedParameter]) -> NotebookDocument {
        let replaced = parameters.filter { $0.source == .commandLine }
        guard !replaced.isEmpty else { return self }
        let segments = segments.map { segment -> NotebookSegment in
            guard case .frontMatter(var front) = segment else { return segment }
            var lines = SourceLine.split(front.raw)
            for index in front.parameters.indices {
                let declared = front.parameters[index]
                guard let value = replaced.first(where: { $0.name == declared.name }) else { continue }
                front.parameters[index].literal = value.literal
                let at = declared.line - front.firstLine
                guard lines.indices.contains(at) else { continue }
                let prefix = lines[at].content.unicodeScalars.prefix(max(0, declared.column - 1))
                lines[at].content = String(String.UnicodeScalarView(prefix)) + value.literal
            }
            front.raw = lines.map(\.raw).joined()
            return .frontMatter(front)
        }
        return NotebookDocument(segments: segments)
    }
}
