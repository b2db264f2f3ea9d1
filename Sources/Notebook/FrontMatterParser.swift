/// Reads the front matter at the top of a notebook (a small, strict subset of YAML:
/// `key: value` lines, and `params:` followed by indented `name: literal` lines).
enum FrontMatterParser {
    /// Parses front matter starting at `lines[0]`. Returns the block and the index of the
    /// first line after it, or nil when the file does not start with front matter.
    static func parse(_ lines: [SourceLine]) throws(NotebookError) -> (FrontMatter, Int)? {
        guard let first = lines.first, isDelimiter(first.content, allowDots: false) else { return nil }
        guard let closing = lines.indices.dropFirst().first(where: { isDelimiter(lines[$0].content, allowDots: true) }) else {
            if lines.count > 1, entryKey(lines[1].content) != nil {
                throw NotebookError(.unterminatedFrontMatter, line: 1,
                                    "front matter opened here has no closing '---' line")
            }
            return nil
        }
        var block = FrontMatter(title: nil, parameters: [], otherEntries: [],
                                raw: lines[0...closing].map(\.raw).joined(), firstLine: 1)
        var inParams = false
        var paramIndent: Int?
        for line in lines[1..<closing] {
            let content = line.content
            let trimmed = content.trimmedSpaces
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let indent = content.unicodeScalars.prefix { $0 == " " || $0 == "\t" }.count
            if indent == 0 {
                guard let (key, value) = entryKey(content) else {
                    throw NotebookError(.badFrontMatter, line: line.number,
                                        "expected 'key: value' in the front matter")
                }
                inParams = false
                switch key {
                case "title":
                    block.title = unquote(value)
                case "params":
                    guard value.isEmpty || value == "{}" else {
                        throw NotebookError(.badFrontMatter, line: line.number,
                                            "write each parameter on its own indented line under 'params:'")
                    }
                    inParams = true
                    paramIndent = nil
                default:
                    block.otherEntries.append(.init(key: key, value: value, line: line.number))
                }
                continue
            }
            guard inParams else { continue }  // continuation of another key: not ours
            if let expected = paramIndent, indent != expected {
                throw NotebookError(.badFrontMatter, line: line.number,
                                    "nested values are not supported: write the parameter's literal on one line")
            }
            paramIndent = indent
            block.parameters.append(try parameter(line, indent: indent, existing: block.parameters))
        }
        return (block, closing + 1)
    }

    /// Parses one indented `name: literal` line.
    private static func parameter(_ line: SourceLine, indent: Int,
                                  existing: [FrontMatter.Parameter]) throws(NotebookError) -> FrontMatter.Parameter {
        let scalars = Array(line.content.unicodeScalars)
        guard let colon = scalars.firstIndex(of: ":") else {
            throw NotebookError(.badFrontMatter, line: line.number, "expected 'name: value' under 'params:'")
        }
        let name = String(String.UnicodeScalarView(scalars[indent..<colon])).trimmedSpaces
        guard isIdentifier(name) else {
            throw NotebookError(.badFrontMatter, line: line.number,
                                "parameter name '\(name)' is not a valid identifier")
        }
        var start = colon + 1
        while start < scalars.count, scalars[start] == " " || scalars[start] == "\t" { start += 1 }
        let literal = String(String.UnicodeScalarView(scalars[start...])).trimmedSpaces
        guard !literal.isEmpty else {
            throw NotebookError(.badFrontMatter, line: line.number, "parameter '\(name)' has no value")
        }
        if existing.contains(where: { $0.name == name }) {
            throw NotebookError(.badFrontMatter, line: line.number, "parameter '\(name)' is declared twice")
        }
        return .init(name: name, literal: literal, line: line.number, column: start + 1)
    }

    /// `---` (or `...` for the closing line), ignoring trailing spaces and a byte-order mark.
    private static func isDelimiter(_ content: String, allowDots: Bool) -> Bool {
        var text = content.trimmedSpaces
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text == "---" || (allowDots && text == "...")
    }

    /// Splits a top-level `key: value` line; nil when the line has no such shape.
    static func entryKey(_ content: String) -> (String, String)? {
        guard let colon = content.firstIndex(of: ":") else { return nil }
        let key = String(content[..<colon]).trimmedSpaces
        guard !key.isEmpty, key.unicodeScalars.allSatisfy({ isWordScalar($0) || $0 == "-" }) else { return nil }
        return (key, String(content[content.index(after: colon)...]).trimmedSpaces)
    }

    /// Removes one pair of matching surrounding quotes.
    private static func unquote(_ value: String) -> String {
        for quote in ["\"", "'"] where value.count >= 2 && value.hasPrefix(quote) && value.hasSuffix(quote) {
            return String(value.dropFirst().dropLast())
        }
        return value
    }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
    }

    /// A dtr identifier: a letter or `_`, then letters, digits or `_`.
    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || first.properties.isAlphabetic else { return false }
        return name.unicodeScalars.allSatisfy(isWordScalar)
    }
}
