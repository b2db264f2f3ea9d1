/// Splits notebook text into segments: front matter, prose, code cells and output blocks.
enum NotebookReader {
    /// Parses text into segments whose raw texts concatenate to `text`.
    static func segments(of text: String) throws(NotebookError) -> [NotebookSegment] {
        let lines = SourceLine.split(text)
        var segments: [NotebookSegment] = []
        var prose: [SourceLine] = []
        var index = 0
        var cellNumber = 0

        func flushProse() {
            guard let first = prose.first else { return }
            segments.append(.prose(Prose(raw: prose.map(\.raw).joined(), firstLine: first.number)))
            prose.removeAll()
        }

        if let (block, next) = try FrontMatterParser.parse(lines) {
            segments.append(.frontMatter(block))
            index = next
        }
        while index < lines.count {
            let line = lines[index]
            guard let fence = Fence.opening(line.content) else {
                prose.append(line)
                index += 1
                continue
            }
            let closing = try closingIndex(of: fence, openedAt: index, in: lines)
            let words = fence.infoWords
            guard words.first == "dtr" else {
                prose.append(contentsOf: lines[index...closing])
                index = closing + 1
                continue
            }
            flushProse()
            cellNumber += 1
            segments.append(.cell(cell(number: cellNumber, fence: fence, words: words, lines: lines[index...closing])))
            index = closing + 1
            if let (block, next) = try outputBlock(for: cellNumber, at: index, in: lines) {
                segments.append(.output(block))
                index = next
            }
        }
        flushProse()
        return segments
    }

    /// The index of the line closing `fence`, or an error naming the opening line.
    private static func closingIndex(of fence: Fence, openedAt index: Int,
                                     in lines: [SourceLine]) throws(NotebookError) -> Int {
        var probe = index + 1
        while probe < lines.count {
            if fence.isClosed(by: lines[probe].content) { return probe }
            probe += 1
        }
        let mark = String(repeating: fence.character, count: fence.length)
        let what = fence.info.isEmpty ? "code block" : "'\(fence.info)' block"
        throw NotebookError(.unterminatedFence, line: lines[index].number,
                            "\(what) opened with \(mark) is never closed (add a line '\(mark)')")
    }

    /// Builds a cell from its lines (opening fence through closing fence).
    private static func cell(number: Int, fence: Fence, words: [String], lines: ArraySlice<SourceLine>) -> CodeCell {
        let (label, flags) = CodeCell.labelAndFlags(words.dropFirst())
        let opening = lines[lines.startIndex]
        let body = lines.dropFirst().dropLast()
        let code = body.map { fence.stripIndent($0.content) + $0.terminator }.joined()
        var cell = CodeCell(number: number, label: label, flags: flags, code: code,
                            codeLine: opening.number + 1, codeIndent: fence.indent,
                            firstLine: opening.number, raw: lines.map(\.raw).joined())
        cell.lineEnding = opening.terminator == "\r\n" ? "\r\n" : "\n"
        return cell
    }

    /// Recognises the output block that follows a cell: optionally one blank line, then an
    /// `output` fence and the image links right after it, or image links alone.
    private static func outputBlock(for cellNumber: Int, at start: Int,
                                    in lines: [SourceLine]) throws(NotebookError) -> (OutputBlock, Int)? {
        var candidates = [start]
        if start < lines.count, lines[start].isBlank { candidates.append(start + 1) }
        for position in candidates where position < lines.count {
            var next = position
            var textLines: [String] = []
            if let fence = Fence.opening(lines[position].content), fence.infoWords.first == "output" {
                let closing = try closingIndex(of: fence, openedAt: position, in: lines)
                textLines = lines[(position + 1)..<closing].map { fence.stripIndent($0.content) }
                next = closing + 1
            } else if ImageLinkSyntax.parse(lines[position].content) == nil {
                continue
            }
            var images: [ImageLink] = []
            while next < lines.count, let link = ImageLinkSyntax.parse(lines[next].content) {
                images.append(link)
                next += 1
            }
            let block = OutputBlock(cellNumber: cellNumber, textLines: textLines, images: images,
                                    firstLine: lines[start].number,
                                    raw: lines[start..<next].map(\.raw).joined())
            return (block, next)
        }
        return nil
    }
}
