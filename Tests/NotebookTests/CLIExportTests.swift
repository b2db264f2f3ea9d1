import Foundation
import Testing

/// `dtr export` through the built executable: every format, default and explicit outputs.
@Suite("dtr export")  // a missing binary fails: Process.run throws
struct CLIExportTests {
    static let notebook = """
    ---
    title: Export <me>
    params:
      k: 2
    ---

    # Heading

    Some *prose*.

    ```dtr calc
    print("k is", k)
    [1, 2, 3] * k
    ```

    ```dtr oops expect-error
    nope
    ```

    """

    @Test func markdownByDefaultBesideTheNotebook() throws {
        let folder = try ScratchFolder()
        try folder.write("nb.dtrnb", Self.notebook)
        let result = try DTRBinary.run(["export", "nb.dtrnb", "--to", "md"], in: folder.url)
        #expect(result.status == 0)
        #expect(result.stdout.contains("wrote nb.md"))
        let md = try folder.text("nb.md")
        #expect(md.contains("# Heading"))
        #expect(md.contains("```output\nk is 2\nf64[3] [2 4 6]\n```"))
        #expect(md.contains("error: unknown name \"nope\""))
        let set = try DTRBinary.run(["export", "nb.dtrnb", "--to", "md", "-o", "set.md", "--set", "k=-1"], in: folder.url)
        #expect(set.status == 0)
        #expect(try folder.text("set.md").hasPrefix("---\ntitle: Export <me>\nparams:\n  k: -1\n---\n"))
        #expect(try folder.text("nb.dtrnb") == Self.notebook, "exporting never changes the notebook")
    }

    @Test func htmlIsOneSelfContainedEscapedPage() throws {
        let folder = try ScratchFolder()
        try folder.write("nb.dtrnb", Self.notebook)
        let result = try DTRBinary.run(["export", "nb.dtrnb", "--to", "html", "-o", "page.html", "--set", "k=5"], in: folder.url)
        #expect(result.status == 0)
        let html = try folder.text("page.html")
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<title>Export &lt;me&gt;</title>"))
        #expect(html.contains("<td><code>k</code></td><td><code>5</code></td>"), "the header shows the value the run used")
        #expect(html.contains("k is 5"))
        #expect(html.contains("f64[3] [ 5 10 15]"))
        #expect(html.contains("<pre class=\"error\">"))
        #expect(!html.contains("<script"))
    }

    @Test func ipynbIsJupyterJSONWithOutputs() throws {
        let folder = try ScratchFolder()
        try folder.write("nb.dtrnb", Self.notebook)
        let result = try DTRBinary.run(["export", "nb.dtrnb", "--to", "ipynb"], in: folder.url)
        #expect(result.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(try folder.bytes("nb.ipynb")))
        let root = try #require(json as? [String: Any])
        #expect(root["nbformat"] as? Int == 4)
        let cells = try #require(root["cells"] as? [[String: Any]])
        let code = cells.filter { $0["cell_type"] as? String == "code" && $0["id"] as? String != "parameters" }
        #expect(code.count == 2)
        let outputs = try #require(code.first?["outputs"] as? [[String: Any]])
        let stream = try #require(outputs.first?["text"] as? [String])
        #expect(stream.joined() == "k is 2\nf64[3] [2 4 6]\n")
        let errors = try #require(code.last?["outputs"] as? [[String: Any]])
        #expect(errors.first?["output_type"] as? String == "error")
    }

    static let plotting = "---\ntitle: Pictures\n---\n\n```dtr pic\nprint(\"drawing\")\nplot([1, 2, 3])\n```\n"

    @Test func imagesAreFilesInMarkdownAndEmbeddedElsewhere() throws {
        let folder = try ScratchFolder()
        try folder.write("pic.dtrnb", Self.plotting)
        try FileManager.default.createDirectory(at: folder.url.appendingPathComponent("out"), withIntermediateDirectories: true)
        let md = try DTRBinary.run(["export", "pic.dtrnb", "--to", "md", "-o", "out/report.md"], in: folder.url)
        #expect(md.status == 0)
        #expect(try folder.text("out/report.md").hasSuffix("```output\ndrawing\n```\n![cell 1 \"pic\", image 1](report.files/cell-1-1.png)\n"))
        #expect(try folder.bytes("out/report.files/cell-1-1.png").count > 100)
        let beside = try DTRBinary.run(["export", "pic.dtrnb", "--to", "md"], in: folder.url)
        #expect(beside.status == 0)
        #expect(try folder.text("pic.md").contains("](pic.md.files/cell-1-1.png)"))
        #expect(!folder.names.contains("pic.files"), "a Markdown export leaves the notebook's own image folder alone")

        let html = try DTRBinary.run(["export", "pic.dtrnb", "--to", "html"], in: folder.url)
        #expect(html.status == 0)
        #expect(try folder.text("pic.html").contains("<img src=\"data:image/png;base64,iVBORw0KGgo"))

        let ipynb = try DTRBinary.run(["export", "pic.dtrnb", "--to", "ipynb"], in: folder.url)
        #expect(ipynb.status == 0)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(try folder.bytes("pic.ipynb"))) as? [String: Any])
        let cells = try #require(root["cells"] as? [[String: Any]])
        let outputs = try #require(cells.last?["outputs"] as? [[String: Any]])
        #expect(outputs.map { $0["output_type"] as? String } == ["stream", "display_data"])
        let data = try #require(outputs.last?["data"] as? [String: Any])
        #expect((data["image/png"] as? String)?.hasPrefix("iVBORw0KGgo") == true)
    }

    @Test func aFailingRunExportsNothingUnlessKeepGoing() throws {
        let folder = try ScratchFolder()
        try folder.write("bad.dtrnb", "```dtr a\nnope\n```\n\n```dtr b\n1\n```\n")
        let failed = try DTRBinary.run(["export", "bad.dtrnb", "--to", "html"], in: folder.url)
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("nothing was exported"))
        #expect(folder.names == ["bad.dtrnb"])
        let kept = try DTRBinary.run(["export", "bad.dtrnb", "--to", "html", "--keep-going"], in: folder.url)
        #expect(kept.status == 1)
        #expect(folder.names == ["bad.dtrnb", "bad.html"])
        let usage = try DTRBinary.run(["export", "bad.dtrnb", "--to", "pdf"], in: folder.url)
        #expect(usage.status == 2)
        let overwrite = try DTRBinary.run(["export", "bad.dtrnb", "--to", "md", "-o", "bad.dtrnb", "--keep-going"], in: folder.url)
        #expect(overwrite.status == 1)
        #expect(overwrite.stderr.contains("refusing to overwrite the notebook"))
    }
}
