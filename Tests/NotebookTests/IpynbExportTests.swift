import Foundation
import Testing
@testable import Notebook

@Suite("ipynb export")
struct IpynbExportTests {
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    static let outputs: [Int: CellOutput] = [
        1: CellOutput(lines: ["0.0001", "tab\there"], images: [CellImage(png: png, alt: "betas")]),
        2: CellOutput(error: "error: unknown name 'undefined_name'\n  undefined_name\n  ^", status: .succeeded),
        3: CellOutput(),
        4: CellOutput(status: .timedOut),
    ]

    func exported() throws -> [String: Any] {
        let text = IpynbExporter.export(try NotebookDocument(parsing: Fixtures.sample), outputs: Self.outputs)
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(object as? [String: Any])
    }

    @Test func topLevelIsNbformat45WithDtrKernel() throws {
        let nb = try exported()
        #expect(nb["nbformat"] as? Int == 4)
        #expect(nb["nbformat_minor"] as? Int == 5)
        let metadata = try #require(nb["metadata"] as? [String: Any])
        #expect((metadata["kernelspec"] as? [String: Any])?["name"] as? String == "dtr")
        #expect((metadata["language_info"] as? [String: Any])?["name"] as? String == "dtr")
        #expect(metadata["title"] as? String == "Routing masks")
    }

    @Test func cellsHaveIdsSourcesAndOutputs() throws {
        let cells = try #require(try exported()["cells"] as? [[String: Any]])
        let ids = cells.compactMap { $0["id"] as? String }
        #expect(ids == ["parameters", "markdown-1", "cell-1", "markdown-2", "cell-2", "cell-3", "cell-4", "markdown-3"])
        #expect(cells[0]["source"] as? [String] == ["T = 1000\n", "schedule = \"cosine\"\n", "betas = [0.1, 0.2]"])
        #expect((cells[0]["metadata"] as? [String: Any])?["tags"] as? [String] == ["parameters"])
        #expect((cells[1]["source"] as? [String])?.first == "# Masks\n")

        let first = cells[2]
        #expect(first["cell_type"] as? String == "code")
        #expect(first["execution_count"] as? Int == 1)
        #expect(first["source"] as? [String] == ["s = schedule(\"linear\", T)\n", "s.betas[0]"])
        #expect(((first["metadata"] as? [String: Any])?["dtr"] as? [String: Any])?["label"] as? String == "train")
        let outputs = try #require(first["outputs"] as? [[String: Any]])
        #expect(outputs.count == 2)
        #expect(outputs[0]["output_type"] as? String == "stream")
        #expect(outputs[0]["name"] as? String == "stdout")
        #expect(outputs[0]["text"] as? [String] == ["0.0001\n", "tab\there\n"])
        #expect(outputs[1]["output_type"] as? String == "display_data")
        let data = try #require(outputs[1]["data"] as? [String: Any])
        #expect(data["image/png"] as? String == "iVBORw0KGgo=\n")
        #expect(data["text/plain"] as? [String] == ["betas"])
    }

    @Test func errorsAndTimeoutsBecomeErrorOutputs() throws {
        let cells = try #require(try exported()["cells"] as? [[String: Any]])
        let failing = cells[4]
        #expect((failing["metadata"] as? [String: Any])?["tags"] as? [String] == ["raises-exception"])
        let error = try #require((failing["outputs"] as? [[String: Any]])?.first)
        #expect(error["output_type"] as? String == "error")
        #expect(error["ename"] as? String == "Error")
        #expect(error["evalue"] as? String == "unknown name 'undefined_name'")
        #expect(error["traceback"] as? [String] == ["error: unknown name 'undefined_name'", "  undefined_name", "  ^"])
        #expect((cells[5]["outputs"] as? [Any])?.isEmpty == true)
        #expect(cells[5]["execution_count"] as? Int == 3)
        let timeout = try #require((cells[6]["outputs"] as? [[String: Any]])?.first)
        #expect(timeout["ename"] as? String == "TimeoutError")
    }

    @Test func cellsThatDidNotRunHaveNullExecutionCount() throws {
        let text = IpynbExporter.export(try NotebookDocument(parsing: "```dtr\n1\n```\n"), outputs: [:])
        #expect(text.contains("\"execution_count\": null"))
        #expect(text.contains("\"outputs\": []"))
    }

    @Test func outputIsDeterministicWithSortedKeys() throws {
        let doc = try NotebookDocument(parsing: Fixtures.sample)
        let a = IpynbExporter.export(doc, outputs: Self.outputs)
        let b = IpynbExporter.export(doc, outputs: Self.outputs)
        #expect(a == b)
        #expect(a.hasPrefix("{\n \"cells\": [\n  {\n   \"cell_type\": \"code\",\n   \"execution_count\": null,\n   \"id\": \"parameters\",\n"))
        #expect(a.hasSuffix(" \"nbformat\": 4,\n \"nbformat_minor\": 5\n}\n"))
        // Optional: DTR_EXPORT_SAMPLE_DIR=/some/dir writes the sample for scripts/validate_ipynb.py.
        if let dir = ProcessInfo.processInfo.environment["DTR_EXPORT_SAMPLE_DIR"] {
            try Data(a.utf8).write(to: URL(fileURLWithPath: dir).appendingPathComponent("sample.ipynb"))
            let edge = try NotebookDocument(parsing: "\r\n```dtr\r\n\u{1}ᾱ = \"\\\"\"\r\n```\r\n```dtr\r\n```")
            let edgeOutputs = [1: CellOutput(lines: ["\u{1B}[31mred\u{1B}[0m", ""], images: [CellImage(png: [], alt: "")], status: .interrupted)]
            try Data(IpynbExporter.export(edge, outputs: edgeOutputs).utf8).write(to: URL(fileURLWithPath: dir).appendingPathComponent("edge.ipynb"))
            try Data(IpynbExporter.export(try NotebookDocument(parsing: ""), outputs: [:]).utf8)
                .write(to: URL(fileURLWithPath: dir).appendingPathComponent("empty.ipynb"))
        }
    }

    @Test func jsonStringsAreEscaped() {
        var out = ""
        JSONValue.writeString("a\"b\\c\n\u{1}\u{1F}é🙂\u{7F}", to: &out)
        #expect(out == "\"a\\\"b\\\\c\\n\\u0001\\u001féé🙂\u{7F}\"".replacingOccurrences(of: "éé", with: "é"))
        #expect(JSONValue.object(["b": .int(1), "a": .array([]), "c": .object([:])]).serialized
                == "{\n \"a\": [],\n \"b\": 1,\n \"c\": {}\n}\n")
    }
}

@Suite("Markdown export and stored outputs")
struct MarkdownExportTests {
    @Test func exportWritesOutputsAndImagesForTheOutputName() throws {
        let doc = try NotebookDocument(parsing: Fixtures.sample)
        let export = MarkdownExporter.export(doc, outputs: [1: CellOutput(lines: ["0.5"], images: [CellImage(png: [1], alt: "p")])],
                                             outputName: "report")
        #expect(export.imageFolder == "report.files")
        #expect(export.imagesToWrite.map(\.fileName) == ["cell-1-1.png"])
        #expect(export.text.contains("```output\n0.5\n```\n![p](report.files/cell-1-1.png)\n"))
        #expect(!export.text.contains("sample.files"))
        let reparsed = try NotebookDocument(parsing: export.text)
        #expect(reparsed.cells.map(\.code) == doc.cells.map(\.code))
    }

    @Test func storedOutputsComeBackAsCellOutputs() throws {
        let doc = try NotebookDocument(parsing: "```dtr\nx\n```\n\n```output\n1\nerror: boom\n  at x\n```\n![alt](nb.files/cell-1-1.png)\n")
        let stored = doc.storedOutputs(loadImage: { $0 == "nb.files/cell-1-1.png" ? [7] : nil })
        #expect(stored[1] == CellOutput(lines: ["1"], error: "error: boom\n  at x", images: [CellImage(png: [7], alt: "alt")], status: .failed))
        // Feeding them back reproduces the file.
        #expect(doc.updated(with: stored, notebookName: "nb").text == doc.text)
    }
}
