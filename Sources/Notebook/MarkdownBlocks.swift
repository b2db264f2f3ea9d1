/// Renders the block structure of Markdown prose to safe HTML: ATX headings, paragraphs,
/// fenced code, thematic breaks, block quotes, bullet and ordered lists and pipe tables.
/// Raw HTML blocks are not recognised: they come out as escaped text.
struct MarkdownBlocks {
    /// Inline renderer for the text inside blocks.
    var inline: MarkdownInline
    /// Nesting limit for quotes and lists.
    static let maxDepth = 8

    /// Renders prose given as lines without terminators.
    func render(_ lines: [String], depth: Int = 0) -> String {
        guard depth < Self.maxDepth else {
            return "<p>" + HTMLText.escape(lines.joined(separator: "\n")) + "</p>\n"
        }
        var out = ""
        var i = 0
        while i < lines.count {
            let line = lines[i]
            if line.trimmedSpaces.isEmpty {
                i += 1
            } else if let fence = Fence.opening(line) {
                var end = i + 1
                while end < lines.count, !fence.isClosed(by: lines[end]) { end += 1 }
                let body = lines[min(i + 1, end)..<end].map(fence.stripIndent).joined(separator: "\n")
                let language = fence.infoWords.first.map { " class=\"language-\(HTMLText.escape($0))\"" } ?? ""
                out += "<pre><code\(language)>" + HTMLText.escape(body) + "</code></pre>\n"
                i = end + 1
            } else if let (level, text) = heading(line) {
                out += "<h\(level)>" + inline.render(text) + "</h\(level)>\n"
                i += 1
            } else if isThematicBreak(line) {
                out += "<hr>\n"
                i += 1
            } else if quoteBody(line) != nil {
                var body: [String] = []
                while i < lines.count, let inner = quoteBody(lines[i]) {
                    body.append(inner)
                    i += 1
                }
                out += "<blockquote>\n" + render(body, depth: depth + 1) + "</blockquote>\n"
            } else if let marker = listMarker(line) {
                let (html, next) = list(lines, from: i, first: marker, depth: depth)
                out += html
                i = next
            } else if i + 1 < lines.count, line.contains("|"), isTableDelimiter(lines[i + 1]) {
                let (html, next) = table(lines, from: i)
                out += html
                i = next
            } else {
                var paragraph: [String] = []
                var setextLevel: Int?
                while i < lines.count, !lines[i].trimmedSpaces.isEmpty {
                    if !paragraph.isEmpty, let level = setextUnderline(lines[i]) {
                        setextLevel = level
                        i += 1
                        break
                    }
                    if !paragraph.isEmpty, startsBlock(lines[i]) { break }
                    paragraph.append(lines[i].trimmedSpaces)
                    i += 1
                }
                let text = inline.render(paragraph.joined(separator: "\n"))
                if let level = setextLevel {
                    out += "<h\(level)>" + text + "</h\(level)>\n"
                } else {
                    out += "<p>" + text + "</p>\n"
                }
            }
        }
        return out
    }

    /// `===` under a paragraph makes it a level-1 heading, `---` a level-2 heading.
    private func setextUnderline(_ line: String) -> Int? {
        let text = line.trimmedSpaces
        guard line.prefix(while: { $0 == " " }).count <= 3, let first = text.first, first == "=" || first == "-",
              text.allSatisfy({ $0 == first }) else { return nil }
        return first == "=" ? 1 : 2
    }

    /// True when a line would interrupt a paragraph.
    private func startsBlock(_ line: String) -> Bool {
        Fence.opening(line) != nil || heading(line) != nil || isThematicBreak(line)
            || quoteBody(line) != nil || listMarker(line) != nil
    }

    /// `# Title` → (1, "Title"); up to three spaces before, closing `#`s dropped.
    private func heading(_ line: String) -> (Int, String)? {
        let text = line.trimmedSpaces
        guard line.prefix(while: { $0 == " " }).count <= 3, text.hasPrefix("#") else { return nil }
        let level = text.prefix(while: { $0 == "#" }).count
        guard level <= 6 else { return nil }
        let rest = text.dropFirst(level)
        guard rest.isEmpty || rest.hasPrefix(" ") || rest.hasPrefix("\t") else { return nil }
        var body = String(rest).trimmedSpaces
        while body.hasSuffix("#") { body.removeLast() }
        return (level, body.trimmedSpaces)
    }

    /// `---`, `***`, `___` (three or more, spaces allowed).
    private func isThematicBreak(_ line: String) -> Bool {
        let marks = line.filter { $0 != " " && $0 != "\t" }
        guard marks.count >= 3, let first = marks.first, "-*_".contains(first) else { return false }
        return marks.allSatisfy { $0 == first } && line.prefix(while: { $0 == " " }).count <= 3
    }

    /// The text after `>` (and one optional space), or nil.
    private func quoteBody(_ line: String) -> String? {
        let indent = line.prefix(while: { $0 == " " }).count
        guard indent <= 3 else { return nil }
        let rest = line.dropFirst(indent)
        guard rest.hasPrefix(">") else { return nil }
        let body = rest.dropFirst()
        return String(body.hasPrefix(" ") ? body.dropFirst() : body)
    }

    /// A list item's marker: whether ordered, its start number, and where its text begins.
    private struct Marker {
        var ordered: Bool
        var start: Int
        var delimiter: Character
        var contentColumn: Int
        var text: String
    }

    private func listMarker(_ line: String) -> Marker? {
        let chars = Array(line)
        var i = 0
        while i < chars.count, chars[i] == " " { i += 1 }
        guard i <= 3, i < chars.count else { return nil }
        var ordered = false
        var start = 1
        var delimiter = chars[i]
        if "-*+".contains(chars[i]) {
            i += 1
        } else {
            var digits = ""
            while i < chars.count, chars[i].isASCII, chars[i].isNumber, digits.count < 9 {
                digits.append(chars[i])
                i += 1
            }
            guard !digits.isEmpty, i < chars.count, chars[i] == "." || chars[i] == ")" else { return nil }
            ordered = true
            start = Int(digits) ?? 1
            delimiter = chars[i]
            i += 1
        }
        if i == chars.count { return Marker(ordered: ordered, start: start, delimiter: delimiter, contentColumn: i, text: "") }
        guard chars[i] == " " || chars[i] == "\t" else { return nil }
        if isThematicBreak(line) { return nil }
        let content = i + 1
        return Marker(ordered: ordered, start: start, delimiter: delimiter, contentColumn: content,
                      text: String(chars[content...]))
    }

    /// Collects one list: items with the same kind of marker, their indented continuation
    /// lines (rendered recursively, so lists nest) and lazy paragraph continuations.
    private func list(_ lines: [String], from start: Int, first: Marker, depth: Int) -> (String, Int) {
        var items: [[String]] = []
        var loose = false
        var i = start
        while i < lines.count, let marker = listMarker(lines[i]),
              marker.ordered == first.ordered, marker.delimiter == first.delimiter {
            var item = [marker.text]
            i += 1
            while i < lines.count {
                let line = lines[i]
                let indent = line.prefix(while: { $0 == " " }).count
                if line.trimmedSpaces.isEmpty {
                    // A blank line continues the item only if indented text follows.
                    var next = i + 1
                    while next < lines.count, lines[next].trimmedSpaces.isEmpty { next += 1 }
                    guard next < lines.count,
                          lines[next].prefix(while: { $0 == " " }).count >= marker.contentColumn else { break }
                    loose = true
                    item.append("")
                    i += 1
                } else if indent >= marker.contentColumn {
                    item.append(String(line.dropFirst(marker.contentColumn)))
                    i += 1
                } else if listMarker(line) == nil, !startsBlock(line), item.last?.isEmpty == false {
                    item.append(line.trimmedSpaces)
                    i += 1
                } else {
                    break
                }
            }
            items.append(item)
            if i < lines.count, lines[i].trimmedSpaces.isEmpty,
               i + 1 < lines.count, let next = listMarker(lines[i + 1]), next.ordered == first.ordered {
                loose = true
                i += 1
            }
        }
        let tag = first.ordered ? "ol" : "ul"
        let startAttribute = first.ordered && first.start != 1 ? " start=\"\(first.start)\"" : ""
        var out = "<\(tag)\(startAttribute)>\n"
        for item in items {
            let body = render(item, depth: depth + 1)
            if !loose, body.hasPrefix("<p>"), let close = body.range(of: "</p>\n") {
                // Tight list: the first paragraph's text goes straight into the <li>.
                let first = String(body[body.index(body.startIndex, offsetBy: 3)..<close.lowerBound])
                out += "<li>" + first + (close.upperBound < body.endIndex ? "\n" + body[close.upperBound...] : "") + "</li>\n"
            } else {
                out += "<li>\n" + body + "</li>\n"
            }
        }
        return (out + "</\(tag)>\n", i)
    }

    /// `| --- | :-: |` and friends.
    private func isTableDelimiter(_ line: String) -> Bool {
        let cells = tableCells(line)
        return !cells.isEmpty && line.contains("-") && cells.allSatisfy { cell in
            let core = cell.trimmingCharacters(in: ":")
            return !core.isEmpty && core.allSatisfy { $0 == "-" }
        }
    }

    private func tableCells(_ line: String) -> [String] {
        var text = line.trimmedSpaces
        if text.hasPrefix("|") { text.removeFirst() }
        if text.hasSuffix("|") { text.removeLast() }
        return text.split(separator: "|", omittingEmptySubsequences: false).map { String($0).trimmedSpaces }
    }

    private func table(_ lines: [String], from start: Int) -> (String, Int) {
        var out = "<table>\n<thead><tr>"
        for cell in tableCells(lines[start]) { out += "<th>" + inline.render(cell) + "</th>" }
        out += "</tr></thead>\n<tbody>\n"
        var i = start + 2
        while i < lines.count, !lines[i].trimmedSpaces.isEmpty, lines[i].contains("|") {
            out += "<tr>"
            for cell in tableCells(lines[i]) { out += "<td>" + inline.render(cell) + "</td>" }
            out += "</tr>\n"
            i += 1
        }
        return (out + "</tbody>\n</table>\n", i)
    }
}

extension String {
    /// Strips leading and trailing characters from `set`.
    func trimmingCharacters(in set: String) -> String {
        let chars = Array(self)
        var lo = 0
        var hi = chars.count
        while lo < hi, set.contains(chars[lo]) { lo += 1 }
        while hi > lo, set.contains(chars[hi - 1]) { hi -= 1 }
        return String(chars[lo..<hi])
    }
}
