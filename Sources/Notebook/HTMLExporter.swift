import Foundation

/// `dtr export NB.dtrnb --to html`: one self-contained HTML file. Images are embedded as
/// `data:` URIs, the style sheet is inline, code is highlighted with spans, and every piece
/// of notebook text is escaped. A Content-Security-Policy forbids scripts outright.
public enum HTMLExporter {
    /// Renders the notebook with `outputs[n]` shown under cell `n` (cells without an entry
    /// show no output). `name` is the fallback title; `loadResource` may return the bytes of
    /// an image that prose links by relative path, so it can be embedded too.
    public static func export(_ document: NotebookDocument, outputs: [Int: CellOutput], name: String,
                              loadResource: @escaping (String) -> [UInt8]? = { _ in nil }) -> String {
        let inline = MarkdownInline(imageSource: { path in
            guard HTMLText.safeURL(path) != nil, !path.contains(":"), let bytes = loadResource(path.removingPercentEncodingSafely) else { return nil }
            return HTMLText.dataURI(bytes, path: path)
        })
        let blocks = MarkdownBlocks(inline: inline)
        let title = document.frontMatter?.title ?? name
        var body = ""
        var prose: [String] = []
        var repeatsTitle = opensWithTitle(document, title)
        func flushProse() {
            if !prose.isEmpty { body += blocks.render(prose) }
            prose.removeAll()
        }
        for segment in document.segments {
            switch segment {
            case .frontMatter(let front):
                body += header(front, title: title)
            case .prose(let text):
                var lines = SourceLine.split(text.raw).map(\.content)
                if repeatsTitle, let heading = lines.firstIndex(where: { !$0.trimmedSpaces.isEmpty }) {
                    lines.remove(at: heading)  // the header already shows it
                }
                repeatsTitle = false
                prose += lines
                prose.append("")  // a cell or output always ends a paragraph
            case .cell(let cell):
                flushProse()
                body += self.cell(cell, output: outputs[cell.number])
            case .output:
                continue  // stored outputs are replaced by `outputs`
            }
        }
        flushProse()
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data: https: http:; style-src 'unsafe-inline'">
        <meta name="generator" content="dtr">
        <title>\(HTMLText.escape(title))</title>
        <style>
        \(HTMLStyle.css)
        </style>
        </head>
        <body>
        <main>
        \(body)</main>
        </body>
        </html>

        """
    }

    /// Whether the prose right after the front matter starts with `# TITLE` (then that heading
    /// is left out, so the title shows once, above the parameters).
    private static func opensWithTitle(_ document: NotebookDocument, _ title: String) -> Bool {
        guard document.segments.count > 1, case .prose(let text) = document.segments[1] else { return false }
        let first = SourceLine.split(text.raw).map(\.content.trimmedSpaces).first { !$0.isEmpty }
        return first == "# " + title.trimmedSpaces
    }

    /// The title and a table of declared parameters.
    private static func header(_ front: FrontMatter, title: String) -> String {
        var out = "<header>\n<h1 class=\"title\">\(HTMLText.escape(title))</h1>\n"
        if !front.parameters.isEmpty {
            out += "<table class=\"params\">\n<thead><tr><th>parameter</th><th>value</th></tr></thead>\n<tbody>\n"
            for parameter in front.parameters {
                out += "<tr><td><code>\(HTMLText.escape(parameter.name))</code></td><td><code>\(HTMLText.escape(parameter.literal))</code></td></tr>\n"
            }
            out += "</tbody>\n</table>\n"
        }
        return out + "</header>\n"
    }

    /// One cell: label line, highlighted code, then its outputs.
    private static func cell(_ cell: CodeCell, output: CellOutput?) -> String {
        var out = "<section class=\"cell\" id=\"cell-\(cell.number)\">\n<div class=\"cell-label\">[\(cell.number)]"
        if let label = cell.label { out += " " + HTMLText.escape(label) }
        for flag in cell.flags { out += "<span class=\"flag\">\(HTMLText.escape(flag))</span>" }
        var code = cell.code
        while code.unicodeScalars.last == "\n" || code.unicodeScalars.last == "\r" { code.unicodeScalars.removeLast() }
        out += "</div>\n<pre class=\"code\"><code class=\"language-dtr\">" + DtrHighlighter.html(code) + "</code></pre>\n"
        if let output, !output.isEmpty {
            out += "<div class=\"outputs\">\n"
            if !output.textLines.isEmpty {
                out += "<pre class=\"output\">" + HTMLText.escape(output.textLines.joined(separator: "\n")) + "</pre>\n"
            }
            if !output.errorLines.isEmpty {
                out += "<pre class=\"error\">" + HTMLText.escape(output.errorLines.joined(separator: "\n")) + "</pre>\n"
            }
            for (offset, image) in output.images.enumerated() {
                let alt = image.alt.isEmpty ? "\(cell.displayName), image \(offset + 1)" : image.alt
                let src = "data:image/png;base64," + Data(image.png).base64EncodedString()
                out += "<figure><img src=\"\(src)\" alt=\"\(HTMLText.escape(alt))\"></figure>\n"
            }
            out += "</div>\n"
        }
        return out + "</section>\n"
    }
}
