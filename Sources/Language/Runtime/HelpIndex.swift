/// The index `dtr help` and the REPL's `:help` print: every builtin and standard-library
/// function by group, one line each (name and the first sentence of its help), then, in
/// the REPL, the user's own functions.
///
/// ```text
/// Core
///   print       Prints its arguments separated by spaces, then a newline.
/// …
/// Standard library: optim.dtr
///   adam_step   One AdamW step (Kingma & Ba, ICLR 2015; …).
/// ```
public enum HelpIndex {
    /// One listed function.
    public struct Entry: Equatable, Sendable {
        /// The name it is called by.
        public var name: String
        /// Its one-line summary (may be empty).
        public var summary: String
        public init(name: String, summary: String) {
            self.name = name
            self.summary = summary
        }
    }

    /// The builtin groups and the standard-library files with their functions, in order.
    public static var groups: [(title: String, entries: [Entry])] {
        var out: [(String, [Entry])] = []
        var listed: Set<String> = []
        for (title, builtins) in Registry.titledGroups {
            let entries = builtins.filter { listed.insert($0.name).inserted }.map { Entry(name: $0.name, summary: summary(of: $0.help)) }
            if !entries.isEmpty { out.append((title, entries)) }
        }
        let rest = Registry.all.filter { listed.insert($0.name).inserted }.map { Entry(name: $0.name, summary: summary(of: $0.help)) }
        if !rest.isEmpty { out.append(("More builtins", rest)) }
        for (path, text) in StandardLibrary.files() {
            let file = path.split(separator: "/").last.map(String.init) ?? path
            let entries = standardLibraryEntries(text).filter { listed.insert($0.name).inserted }
            if !entries.isEmpty { out.append(("Standard library: \(file) (written in dtr)", entries)) }
        }
        return out
    }

    /// The public functions (names not starting with `_`) declared with `fn` in `text`,
    /// each with the first sentence of the comment above it.
    static func standardLibraryEntries(_ text: String) -> [Entry] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var entries: [Entry] = []
        for (i, raw) in lines.enumerated() {
            guard let (name, _) = FunctionDocs.declaration(raw), !name.hasPrefix("_") else { continue }
            let comment = FunctionDocs.comment(above: i, in: lines).joined(separator: " ")
            entries.append(Entry(name: name, summary: summary(of: comment)))
        }
        return entries
    }

    /// The first sentence of `help` (up to ". " or the end), reflowed to one line and at
    /// most 72 characters (cut at a word, with "…").
    public static func summary(of help: String) -> String {
        let flat = help.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
        var sentence = flat
        var from = flat.startIndex
        // The first ". " that ends a sentence (not "et al. ", "e.g. ", "eq. " …).
        while let end = flat.range(of: ". ", range: from..<flat.endIndex) {
            let word = flat[..<end.lowerBound].split(separator: " ").last.map(String.init) ?? ""
            if !["al", "e.g", "i.e", "eq", "vs", "Fig", "cf", "approx"].contains(word) {
                sentence = String(flat[..<end.lowerBound]) + "."
                break
            }
            from = end.upperBound
        }
        guard sentence.count > 72 else { return sentence }
        var cut = String(sentence.prefix(71))
        if let space = cut.lastIndex(of: " ") { cut = String(cut[..<space]) }
        return cut + "…"
    }

    /// The index as text: each group's title, then its entries indented, names aligned.
    /// `userFunctions` (the REPL's own definitions) come last, under "Your functions".
    public static func text(userFunctions: [Entry] = []) -> String {
        var all = groups
        if !userFunctions.isEmpty { all.append(("Your functions", userFunctions)) }
        let width = min(18, all.flatMap(\.entries).map(\.name.count).max() ?? 0)
        var out: [String] = []
        for (title, entries) in all {
            out.append(title)
            for e in entries {
                let pad = String(repeating: " ", count: max(1, width + 2 - e.name.count))
                out.append("  " + e.name + (e.summary.isEmpty ? "" : pad + e.summary))
            }
            out.append("")
        }
        return out.joined(separator: "\n")
    }

    /// Names whose help mentions `word` (case-insensitive), for `dtr help adamw` → adam_step.
    public static func mentioning(_ word: String) -> [String] {
        let needle = word.lowercased()
        guard needle.count >= 3 else { return [] }
        var names: [String] = []
        for b in Registry.all where b.help.lowercased().contains(needle) { names.append(b.name) }
        for (name, page) in FunctionDocs.standardLibrary.sorted(by: { $0.key < $1.key })
        where page.lowercased().contains(needle) && !name.hasPrefix("_") {
            names.append(name)
        }
        return names
    }
}
