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
    ///
    /// Layout that Jupyter cannot express is kept under `metadata.dtr` so that
    /// ``IpynbImporter`` can give back the same bytes: the front matter's text, a prose
    /// block's exact text (`raw`, when it is not the cell's source framed by blank lines),
    /// a code cell's exact fences (`raw`, when not the plain form), and blank lines between
    /// cells (`before`; `trailing` at the end).
    public static func export(_ document: NotebookDocument, outputs: [Int: CellOutput]) -> String {
        var cells: [JSONValue] = []
        var markdownCount = 0
        var blank = ""  // blank prose not yet attached to a cell
        func append(_ cell: [String: JSONValue], dtr extra: [String: JSONValue] = [:]) {
            var cell = cell
            var dtr = extra
            if !blank.isEmpty { dtr["before"] = .string(blank) }
            blank = ""
            if !dtr.isEmpty, case .object(var metadata)? = cell["metadata"] {
                if case .object(let existing)? = metadata["dtr"] { dtr.merge(existing) { new, _ in new } }
                metadata["dtr"] = .object(dtr)
                cell["metadata"] = .object(metadata)
            }
            cells.append(.object(cell))
        }
        for segment in document.segments {
            switch segment {
            case .frontMatter(let front):
                guard !front.parameters.isEmpty else { continue }
                append([
                    "cell_type": .string("code"), "execution_count": .null, "id": .string("parameters"),
                    "metadata": .object(["tags": .array([.string("parameters")])]),
                    "outputs": .array([]), "source": sourceLines(parameterSource(front)),
                ])
            case .prose(let prose):
                let text = trimBlankLines(normalised(prose.raw))
                guard !text.isEmpty else {
                    blank += prose.raw
                    continue
                }
                markdownCount += 1
                append([
                    "cell_type": .string("markdown"), "id": .string("markdown-\(markdownCount)"),
                    "metadata": .object([:]), "source": sourceLines(text),
                ], dtr: prose.raw == defaultProse(text) ? [:] : ["raw": .string(prose.raw)])
            case .cell(let cell):
                append(codeCell(cell, output: outputs[cell.number]),
                       dtr: cell.raw == defaultCell(label: cell.label, flags: cell.flags, code: code(of: cell))
                           ? [:] : ["raw": .string(cell.raw)])
            case .output:
                continue
            }
        }
        var metadata: [String: JSONValue] = [
            "kernelspec": .object(["display_name": .string("dtr"), "language": .string("dtr"), "name": .string("dtr")]),
            "language_info": .object(["file_extension": .string(".dtr"), "mimetype": .string("text/x-dtr"),
                                      "name": .string("dtr")]),
        ]
        var layout: [String: JSONValue] = [:]
        if let front = document.frontMatter { layout["front_matter"] = .string(front.raw) }
        if !blank.isEmpty { layout["trailing"] = .string(blank) }
        if !layout.isEmpty { metadata["dtr"] = .object(layout) }
        if let title = document.frontMatter?.title { metadata["title"] = .string(title) }
        return JSONValue.object([
            "cells": .array(cells), "metadata": .object(metadata),
            "nbformat": .int(4), "nbformat_minor": .int(5),
        ]).serialized
    }

    /// The `parameters` cell's source: `name = literal` lines.
    static func parameterSource(_ front: FrontMatter) -> String {
        front.parameters.map { "\($0.name) = \($0.literal)" }.joined(separator: "\n")
    }

    /// A prose block as the importer writes it when there is no `raw`: a blank line, the
    /// text, a blank line.
    static func defaultProse(_ text: String) -> String { "\n" + text + "\n\n" }

    /// A code cell as the importer writes it when there is no `raw`.
    static func defaultCell(label: String?, flags: [String], code: String) -> String {
        let fence = Fence.backtickFence(safeFor: code)
        let info = (["dtr"] + (label.map { [$0] } ?? []) + flags).joined(separator: " ")
        return fence + info + "\n" + (code.isEmpty ? "" : code + "\n") + fence + "\n"
    }

    /// A cell's code as the `.ipynb` holds it (LF line ends, no final newline).
    static func code(of cell: CodeCell) -> String {
        var code = normalised(cell.code)
        if code.unicodeScalars.last == "\n" { code.unicodeScalars.removeLast() }  // not a Character: "\r\n" is one
        return code
    }

    private static func codeCell(_ cell: CodeCell, output: CellOutput?) -> [String: JSONValue] {
        var metadata: [String: JSONValue] = [:]
        var dtr: [String: JSONValue] = [:]
        if let label = cell.label { dtr["label"] = .string(label) }
        if !cell.flags.isEmpty { dtr["flags"] = .array(cell.flags.map { .string($0) }) }
        if !dtr.isEmpty { metadata["dtr"] = .object(dtr) }
        if cell.expectsError { metadata["tags"] = .array([.string("raises-exception")]) }
        let code = code(of: cell)
        return [
            "cell_type": .string("code"),
            "execution_count": output == nil ? .null : .int(cell.number),
            "id": .string("cell-\(cell.number)"),
            "metadata": .object(metadata),
            "outputs": .array(output.map { outputs($0, cell: cell) } ?? []),
            "source": sourceLines(code),
        ]
    }

    /// The Jupyter outputs for one cell's result.
    private static func outputs(_ output: CellOutput, cell: CodeCell) -> [JSONValue] {
        var result: [JSONValue] = []
        let text = output.textLines
        if !text.isEmpty {
            result.append(.object(["name": .string("stdout"), "output_type": .string("stream"),
                                   "text": sourceLines(text.joined(separator: "\n") + "\n")]))
        }
        for (offset, image) in output.images.enumerated() {
            let alt = image.alt.isEmpty ? "\(cell.displayName), image \(offset + 1)" : image.alt
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
    static func normalised(_ text: String) -> String {
        SourceLine.split(text).map { $0.content + ($0.terminator.isEmpty ? "" : "\n") }.joined()
    }

    /// Drops blank lines at the start and end, and the final newline.
    static func trimBlankLines(_ text: String) -> String {
        var lines = SourceLine.split(text).map(\.content)
        while let first = lines.first, first.trimmedSpaces.isEmpty { lines.removeFirst() }
        while let last = lines.last, last.trimmedSpaces.isEmpty { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
