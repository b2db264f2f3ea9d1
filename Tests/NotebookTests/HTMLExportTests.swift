import Foundation
import Testing
@testable import Notebook

@Suite("HTML export")
struct HTMLExportTests {
    @Test func scriptPrintedByACellIsShownNotRun() throws {
        let doc = try NotebookDocument(parsing: "```dtr\nprint(\"<script>alert(1)</script>\")\n```\n")
        let html = HTMLExporter.export(doc, outputs: [1: CellOutput(lines: ["<script>alert(1)</script>"], error: "error: <b>bad</b> & \"worse\"")],
                                       name: "x</title><script>")
        #expect(html.contains("<pre class=\"output\">&lt;script&gt;alert(1)&lt;/script&gt;</pre>"))
        #expect(html.contains("<pre class=\"error\">error: &lt;b&gt;bad&lt;/b&gt; &amp; &quot;worse&quot;</pre>"))
        #expect(html.contains("<title>x&lt;/title&gt;&lt;script&gt;</title>"))
        #expect(!html.lowercased().contains("<script"))
        #expect(html.contains("Content-Security-Policy"))
    }

    @Test func rawHTMLAndJavascriptLinksInProseAreDefused() throws {
        let doc = try NotebookDocument(parsing: """
        <img src=x onerror=alert(1)>
        [click](javascript:alert(1)) [ok](https://example.com/a?b=1&c=2) ![i](data:text/html,boom)
        <script>alert(2)</script>

        """)
        let html = HTMLExporter.export(doc, outputs: [:], name: "n")
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("<img src=x"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(!html.contains("javascript:"))
        #expect(html.contains("<a href=\"https://example.com/a?b=1&amp;c=2\">ok</a>"))
        #expect(!html.contains("data:text/html"))
    }

    @Test func imagesAreEmbeddedAsDataURIs() throws {
        let doc = try NotebookDocument(parsing: "```dtr\nplot(x)\n```\n\nSee ![fig](figs/a.png)\n")
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47]
        let html = HTMLExporter.export(doc, outputs: [1: CellOutput(images: [CellImage(png: png, alt: "a \"plot\"")])], name: "n",
                                       loadResource: { $0 == "figs/a.png" ? [1, 2, 3] : nil })
        #expect(html.contains("<img src=\"data:image/png;base64,iVBORw==\" alt=\"a &quot;plot&quot;\">"))
        #expect(html.contains("<img src=\"data:image/png;base64,AQID\" alt=\"fig\">"))
    }

    @Test func codeIsHighlightedAndEscaped() {
        let html = DtrHighlighter.html("fn f(x) = x ^ 2 # square <b>\ns = \"a\\\"<\" + 1e-4 + 10_000\nif true { none } 0..<T")
        #expect(html.contains("<span class=\"kw\">fn</span> f(x) = x ^ <span class=\"num\">2</span> <span class=\"com\"># square &lt;b&gt;</span>"))
        #expect(html.contains("<span class=\"str\">&quot;a\\&quot;&lt;&quot;</span>"))
        #expect(html.contains("<span class=\"num\">1e-4</span>"))
        #expect(html.contains("<span class=\"num\">10_000</span>"))
        #expect(html.contains("<span class=\"kw\">if</span> <span class=\"con\">true</span>"))
        #expect(html.contains("<span class=\"num\">0</span>..&lt;T"))
    }

    @Test func unterminatedStringStopsAtTheLineEnd() {
        #expect(DtrHighlighter.html("\"abc\nx") == "<span class=\"str\">&quot;abc</span>\nx")
    }

    @Test func frontMatterBecomesTitleAndParameterTable() throws {
        let html = HTMLExporter.export(try NotebookDocument(parsing: Fixtures.sample), outputs: [:], name: "sample")
        #expect(html.contains("<title>Routing masks</title>"))
        #expect(html.contains("<h1 class=\"title\">Routing masks</h1>"))
        #expect(html.contains("<tr><td><code>schedule</code></td><td><code>&quot;cosine&quot;</code></td></tr>"))
        #expect(html.contains("<section class=\"cell\" id=\"cell-2\">\n<div class=\"cell-label\">[2] oops<span class=\"flag\">expect-error</span></div>"))
        // Stored outputs are not shown: only `outputs` are.
        #expect(!html.contains("0.0001"))
        #expect(!html.contains("sample.files"))
    }
}

@Suite("Markdown subset renderer")
struct MarkdownRenderingTests {
    func render(_ text: String) -> String {
        MarkdownBlocks(inline: MarkdownInline(imageSource: { _ in nil })).render(SourceLine.split(text).map(\.content))
    }

    @Test func headingsParagraphsAndEmphasis() {
        #expect(render("# Title #\n\nSome *em*, **strong**, _u_, ~~del~~ and `co<de>`.\nSame para.")
                == "<h1>Title</h1>\n<p>Some <em>em</em>, <strong>strong</strong>, <em>u</em>, <del>del</del> and <code>co&lt;de&gt;</code>.\nSame para.</p>\n")
        #expect(render("snake_case_name and 2 * 3 * 4") == "<p>snake_case_name and 2 * 3 * 4</p>\n")
        #expect(render("\\*not em\\*") == "<p>*not em*</p>\n")
        #expect(render("#nospace") == "<p>#nospace</p>\n")
    }

    @Test func setextHeadings() {
        #expect(render("Title\n=====\nSub\n---\ntext") == "<h1>Title</h1>\n<h2>Sub</h2>\n<p>text</p>\n")
    }

    @Test func listsNestAndNumber() {
        #expect(render("- a\n- b\n  - c\n- d") == "<ul>\n<li>a</li>\n<li>b\n<ul>\n<li>c</li>\n</ul>\n</li>\n<li>d</li>\n</ul>\n")
        #expect(render("3. x\n4. y") == "<ol start=\"3\">\n<li>x</li>\n<li>y</li>\n</ol>\n")
    }

    @Test func quotesCodeRulesTablesAndLinks() {
        #expect(render("> quoted\n> more") == "<blockquote>\n<p>quoted\nmore</p>\n</blockquote>\n")
        #expect(render("```python\nif a < b:\n```") == "<pre><code class=\"language-python\">if a &lt; b:</code></pre>\n")
        #expect(render("---") == "<hr>\n")
        #expect(render("| a | b |\n|---|:-:|\n| 1 | `2` |")
                == "<table>\n<thead><tr><th>a</th><th>b</th></tr></thead>\n<tbody>\n<tr><td>1</td><td><code>2</code></td></tr>\n</tbody>\n</table>\n")
        #expect(render("[a *b*](x.html) <https://e.org>") == "<p><a href=\"x.html\">a <em>b</em></a> <a href=\"https://e.org\">https://e.org</a></p>\n")
    }

    @Test func pathologicalInputIsBounded() {
        let deep = String(repeating: "> ", count: 200) + "x"
        #expect(render(deep).contains("x"))
        let stars = String(repeating: "*a ", count: 3000)
        #expect(render(stars).hasPrefix("<ul>") || render(stars).hasPrefix("<p>"))
        let brackets = String(repeating: "[", count: 5000) + String(repeating: "](x)", count: 10)
        #expect(!render(brackets).isEmpty)
    }
}
