import Foundation

/// `dtr export NB.dtrnb --to ipynb`: a Jupyter notebook (nbformat 4.5) with outputs.
///
/// - Prose becomes markdown cells; each `dtr` cell a code cell with id `cell-N`,
///   `execution_count` N when it ran (else null), its label and flags under
///   `metadata.dtr`, and the tag `raises-exception` when flagged `expect-error`.
/// - Front-matter parameters become a first code cell tagged `parameters` (papermill's
///   convention) holding `name = literal` lines; the title goes to `metadata.title`.
/// - Outputs: printed text → `stream` (stdout); each image → `display_data` with
///   `image/png` and its alt text as `text/plain`; an error or timeout → `error`.
public enum IpynbExporter {
    /// The `.ipynb` JSON text (deterministic: sorted keys, one-space indentation).
    public static func export(_ document: NotebookDocument, outputs: [Int: CellOutput]) -> String {
        var cells: [JSONValue] = []
        var markdownCount = 0
        for segment in document.segments {
            switch segment {
            case .frontMatter(let front):
                guard !front.parameters.isEmpty else { continue }
                let source = front.parameters.map { "\($0.name) = \($0.literal)" }.joined(separator: "\n")
                cells.append(.object([
                    "cell_type": .string("code"), "execution_count": .null, "id": .string("parameters"),
                    "metadata": .object(["tags": .array([.string("parameters")])]),
                    "outputs": .array([]), "source": sourceLines(source),
                ]))
            case .prose(let prose):
                let text = trimBlankLines(normalised(prose.raw))
                guard !text.isEmpty else { continue }
                markdownCount += 1
                cells.append(.object([
                    "cell_type": .string("markdown"), "id": .string("markdown-\(markdownCount)"),
                    "metadata": .object([:]), "source": sourceLines(text),
                ]))
            case .cell(let cell):
                cells.append(codeCell(cell, output: outputs[cell.number]))
            case .output:
                continue
            }
        }
        var metadata: [String: JSONValue] = [
            "kernelspec": .object(["display_name": .string("dtr"), "language": .string("dtr"), "name": .string("dtr")]),
            "language_info": .object(["file_extension": .string(".dtr"), "mimetype": .string("text/x-dtr"),
                                      "name": .string("dtr")]),
        ]
        if let title = document.frontMatter?.title { metadata["title"] = .string(title) }
        return JSONValue.object([
            "cells": .array(cells), "metadata": .object(metadata),
            "nbformat": .int(4), "nbformat_minor": .int(5),
        ]).serialized
    }

    private static func codeCell(_ cell: CodeCell, output: CellOutput?) -> JSONValue {
        var metadata: [String: JSONValue] = [:]
        var dtr: [String: JSONValue] = [:]
        if let label = cell.label { dtr["label"] = .string(label) }
        if !cell.flags.isEmpty { dtr["flags"] = .array(cell.flags.map { .string($0) }) }
        if !dtr.isEmpty { metadata["dtr"] = .object(dtr) }
        if cell.expectsError { metadata["tags"] = .array([.string("raises-exception")]) }
        var code = normalised(cell.code)
        if code.hasSuffix("\n") { code.removeLast() }
        return .object([
            "cell_type": .string("code"),
            "execution_count": output == nil ? .null : .int(cell.number),
            "id": .string("cell-\(cell.number)"),
            "metadata": .object(metadata),
            "outputs": .array(output.map(outputs) ?? []),
            "source": sourceLines(code),
        ])
    }

    /// The Jupyter outputs for one cell's result.
    private static func outputs(_ output: CellOutput) -> [JSONValue] {
        var result: [JSONValue] = []
        let text = output.textLines
        if !text.isEmpty {
            result.append(.object(["name": .string("stdout"), "output_type": .string("stream"),
                                   "text": sourceLines(text.joined(separator: "\n") + "\n")]))
        }
        for (offset, image) in output.images.enumerated() {
            let alt = image.alt.isEmpty ? "image \(offset + 1)" : image.alt
            result.append(.object([
                "data": .object(["image/png": .string(Data(image.png).base64EncodedString() + "\n"),
                                 "text/plain": sourceLines(alt)]),
                "metadata": .object([:]), "output_type": .string("display_data"),
            ]))
        }
        let errors = output.errorLines
        if !errors.isEmpty {
            var value = errors.first { !$0.trimmedSpaces.isEmpty } ?? ""
            if value.hasPrefix("error: ") { value.removeFirst("error: ".count) }
            result.append(.object([
                "ename": .string(errorName(output.status)),
                "evalue": .string(value), "output_type": .string("error"),
                "traceback": .array(errors.map { .string($0) }),
            ]))
        }
        return result
    }

    private static func errorName(_ status: CellOutput.Status) -> String {
        switch status {
        case .timedOut: "TimeoutError"
        case .interrupted: "KeyboardInterrupt"
        case .succeeded, .failed: "Error"
        }
    }

    /// Jupyter's multi-line string form: lines keeping their `\n`, the last without.
    static func sourceLines(_ text: String) -> JSONValue {
        var lines: [JSONValue] = []
        var current = ""
        for scalar in text.unicodeScalars {
            current.unicodeScalars.append(scalar)
            if scalar == "\n" {
                lines.append(.string(current))
                current = ""
            }
        }
        if !current.isEmpty { lines.append(.string(current)) }
        return .array(lines)
    }

    /// CRLF (and stray CR before LF) folded to LF.
    private static func normalised(_ text: String) -> String {
        SourceLine.split(text).map { $0.content + ($0.terminator.isEmpty ? "" : "\n") }.joined()
    }

    /// Drops blank lines at the start and end, and the final newline.
    private static func trimBlankLines(_ text: String) -> String {
        var lines = SourceLine.split(text).map(\.content)
        while let first = lines.first, first.trimmedSpaces.isEmpty { lines.removeFirst() }
        while let last = lines.last, last.trimmedSpaces.isEmpty { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
