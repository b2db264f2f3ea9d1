import Foundation

/// `dtr import NB.ipynb [-o NB.dtrnb]`: a notebook for the dtr kernel back to `.dtrnb`.
///
/// Markdown (and raw) cells become prose; code cells become ```` ```dtr LABEL FLAGS ````
/// cells (label and flags from `metadata.dtr`); a cell tagged `parameters` becomes the
/// front matter's `params:`. Outputs become output blocks exactly as `dtr run --update`
/// writes them: `stream` text and `execute_result` text in the `output` fence, `error`
/// tracebacks after them, and each `image/png` as `NAME.files/cell-N-K.png`.
///
/// The layout kept by ``IpynbExporter`` under `metadata.dtr` is used where it still
/// matches the cell's source, so `dtr export --to ipynb` then `dtr import` gives back the
/// notebook byte for byte; a cell edited in Jupyter is written in the plain form.
public enum IpynbImporter {
    /// Converts `.ipynb` bytes. `notebookName` names the image folder (`NAME.files`).
    public static func convert(_ bytes: [UInt8], notebookName: String) throws(NotebookError) -> NotebookUpdate {
        guard let root = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] else {
            throw NotebookError(.io, line: nil, "not a Jupyter notebook: the file is not a JSON object")
        }
        guard let cells = root["cells"] as? [[String: Any]] else {
            throw NotebookError(.io, line: nil, "not a Jupyter notebook: no \"cells\" list (nbformat 4 is required)")
        }
        let metadata = root["metadata"] as? [String: Any] ?? [:]
        let kernelLanguage = (metadata["kernelspec"] as? [String: Any])?["language"] as? String
        let language = (metadata["language_info"] as? [String: Any])?["name"] as? String
        guard kernelLanguage == "dtr" || language == "dtr" else {
            let found = kernelLanguage ?? language ?? "unknown"
            throw NotebookError(.io, line: nil, "not a dtr notebook (its language is \(found)); open it with the dtr kernel first")
        }
        let layout = metadata["dtr"] as? [String: Any] ?? [:]

        var text = ""
        var cellOutputs: [[Any]] = []
        var wroteFrontMatter = false
        let hasParameters = cells.contains { (($0["metadata"] as? [String: Any])?["tags"] as? [String])?.contains("parameters") == true }
        if !hasParameters, let raw = layout["front_matter"] as? String {
            // A front matter without parameters has no cell of its own: it leads the file.
            text = raw
            wroteFrontMatter = true
        }
        for cell in cells {
            let meta = cell["metadata"] as? [String: Any] ?? [:]
            let dtr = meta["dtr"] as? [String: Any] ?? [:]
            let source = joined(cell["source"])
            text += dtr["before"] as? String ?? ""
            let tags = meta["tags"] as? [String] ?? []
            switch cell["cell_type"] as? String {
            case "code" where tags.contains("parameters") && !wroteFrontMatter:
                text += frontMatter(parameters: source, layout: layout, title: metadata["title"] as? String)
                wroteFrontMatter = true
            case "code":
                let label = dtr["label"] as? String
                let flags = dtr["flags"] as? [String] ?? []
                text += codeCell(source: source, label: label, flags: flags, raw: dtr["raw"] as? String)
                cellOutputs.append(cell["outputs"] as? [Any] ?? [])
            default:
                let prose = IpynbExporter.trimBlankLines(IpynbExporter.normalised(source))
                if let raw = dtr["raw"] as? String,
                   canonical(IpynbExporter.trimBlankLines(IpynbExporter.normalised(raw))) == canonical(prose) {
                    text += raw
                } else if !prose.isEmpty {
                    text += IpynbExporter.defaultProse(prose)
                }
            }
        }
        text += layout["trailing"] as? String ?? ""
        let document = try NotebookDocument(parsing: text)
        var outputs: [Int: CellOutput] = [:]
        for (index, list) in cellOutputs.enumerated() where !list.isEmpty {
            outputs[index + 1] = cellOutput(list)
        }
        return document.rewritten(with: outputs, notebookName: notebookName, keepUnexecuted: false)
    }

    /// The front matter: the exported text when its parameters are unchanged, else rebuilt.
    private static func frontMatter(parameters source: String, layout: [String: Any], title: String?) -> String {
        if let raw = layout["front_matter"] as? String,
           let front = try? NotebookDocument(parsing: raw).frontMatter,
           IpynbExporter.parameterSource(front) == IpynbExporter.trimBlankLines(IpynbExporter.normalised(source)) {
            return raw
        }
        var text = "---\n"
        if let title { text += "title: \(title)\n" }
        text += "params:\n"
        for line in source.split(separator: "\n") {
            guard let eq = line.firstIndex(of: "=") else { continue }
            let name = line[..<eq].trimmingCharacters(in: .whitespaces)
            let literal = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if !name.isEmpty { text += "  \(name): \(literal)\n" }
        }
        return text + "---\n"
    }

    /// A code cell: the exported fences when the code is unchanged, else the plain form.
    private static func codeCell(source: String, label: String?, flags: [String], raw: String?) -> String {
        let code = IpynbExporter.normalised(source)
        if let raw, let cell = try? NotebookDocument(parsing: raw).cells.first,
           canonical(IpynbExporter.code(of: cell)) == canonical(code), cell.label == label, cell.flags == flags {
            return raw
        }
        return IpynbExporter.defaultCell(label: label, flags: flags, code: code)
    }

    /// Jupyter outputs as a cell output: text (streams, results) first, then images, then
    /// the error.
    static func cellOutput(_ outputs: [Any]) -> CellOutput {
        var text = ""
        var output = CellOutput()
        for case let item as [String: Any] in outputs {
            let data = item["data"] as? [String: Any] ?? [:]
            switch item["output_type"] as? String {
            case "stream":
                text += joined(item["text"])
            case "execute_result":
                let value = joined(data["text/plain"])
                if !value.isEmpty { text += value.hasSuffix("\n") ? value : value + "\n" }
            case "display_data":
                let base64 = joined(data["image/png"]).filter { !$0.isWhitespace }
                if !base64.isEmpty, let png = Data(base64Encoded: base64) {
                    let plain = joined(data["text/plain"])
                    let alt = plain.contains("\n") ? "" : plain
                    output.images.append(CellImage(png: [UInt8](png), alt: alt))
                } else {
                    let value = joined(data["text/plain"])
                    if !value.isEmpty { text += value.hasSuffix("\n") ? value : value + "\n" }
                }
            case "error":
                let traceback = (item["traceback"] as? [String]) ?? []
                output.error = traceback.joined(separator: "\n")
                switch item["ename"] as? String {
                case "KeyboardInterrupt": output.status = .interrupted
                case "TimeoutError": output.status = .timedOut
                default: output.status = .failed
                }
            default:
                continue
            }
        }
        output.lines = text.isEmpty ? [] : text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if text.hasSuffix("\n") { output.lines.removeLast() }
        return output
    }

    /// Line ends folded until nothing changes (`\r\r\n` needs two passes), to decide
    /// whether a cell still holds what was exported.
    private static func canonical(_ text: String) -> String {
        var current = text
        while true {
            let next = IpynbExporter.normalised(current)
            if next == current { return current }
            current = next
        }
    }

    /// Jupyter's multi-line strings: a string, or a list of strings to concatenate.
    private static func joined(_ value: Any?) -> String {
        if let s = value as? String { return s }
        if let parts = value as? [String] { return parts.joined() }
        return ""
    }
}
