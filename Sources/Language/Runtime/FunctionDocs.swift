/// Help text for functions written in dtr: the `fn` line's signature and the `#` comment
/// lines right above it (a blank or code line cuts them off) — a function's docstring. This is
/// what `help(f)`, `help("name")`, `dtr help NAME` and the REPL's `:help NAME` show for the
/// standard library's functions and for the user's own.
public enum FunctionDocs {
    /// `name → "fn name(params)\n\ncomment\n\n(file)"` for each `fn` line of `text`.
    public static func parse(_ text: String, file: String) -> [String: String] {
        var docs: [String: String] = [:]
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (i, raw) in lines.enumerated() {
            guard let (name, signature) = declaration(raw) else { continue }
            docs[name] = page(signature: signature, comment: comment(above: i, in: lines), origin: file)
        }
        return docs
    }

    /// The standard library's help pages by function name, read once.
    public static let standardLibrary: [String: String] = {
        var docs: [String: String] = [:]
        for (path, text) in StandardLibrary.files() {
            docs.merge(parse(text, file: path)) { first, _ in first }
        }
        return docs
    }()

    /// The help page of a function value: its signature and doc comment from the source it
    /// was defined in, or a one-line description for lambdas and undocumented functions.
    public static func help(for closure: Closure) -> String {
        let code = closure.code, span = code.span
        let parameters = code.parameterNames.joined(separator: ", ")
        let origin = "\(span.file.originDescription), line \(span.line)"
        let lineText = span.file.lineText(localLine: span.localLine)
        guard span.localLine >= 1, code.name != "<lambda>", let (name, signature) = declaration(Substring(lineText)),
              name == code.name else {
            return "\(code.name)(\(parameters)) — a function defined in dtr (\(origin))"
        }
        // The fn line and up to 200 lines above it (a doc comment longer than that is cut).
        let lines = (Swift.max(1, span.localLine - 200)...span.localLine).map { Substring(span.file.lineText(localLine: $0)) }
        return page(signature: signature, comment: comment(above: lines.count - 1, in: lines), origin: origin)
    }

    /// The name and signature (`fn name(params)`) of a `fn` declaration line, if it is one.
    static func declaration(_ raw: Substring) -> (String, String)? {
        let line = raw.trimmingCharacters(in: .whitespaces)
        guard line.hasPrefix("fn ") else { return nil }
        let header = line.dropFirst(3)
        let name = String(header.prefix { $0 == "_" || $0.isLetter || $0.isNumber })
        guard !name.isEmpty else { return nil }
        let parameters = header.firstIndex(of: ")").map { header[...$0] } ?? header
        return (name, "fn " + String(parameters).trimmingCharacters(in: .whitespaces))
    }

    /// The `#` lines directly above line index `i`, without their `#` and leading space.
    static func comment(above i: Int, in lines: [Substring]) -> [String] {
        var result: [String] = []
        var k = i - 1
        while k >= 0 {
            let line = lines[k].trimmingCharacters(in: .whitespaces)
            guard line.hasPrefix("#") else { break }
            result.append(String(line.drop { $0 == "#" }.drop { $0 == " " }))
            k -= 1
        }
        return result.reversed()
    }

    static func page(signature: String, comment: [String], origin: String) -> String {
        let body = comment.isEmpty ? "" : "\n\n" + comment.joined(separator: "\n")
        return signature + body + "\n\n(\(origin))"
    }
}
