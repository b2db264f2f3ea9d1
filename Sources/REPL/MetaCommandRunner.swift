import Foundation
import Notebook
import Tensor

extension REPLCore {
    /// Carries out a meta-command.
    func run(_ command: MetaCommand) -> Next {
        switch command {
        case .invalid(let message): fail(message)
        case .help(let name): help(name)
        case .vars: output.output(Self.table(engine.bindings, width: displayOptions().width))
        case .type(let expression):
            report(evaluate { engine.typeDescription(of: expression, options: $0) })
        case .time(let expression): time(expression)
        case .load(let path): load(path)
        case .save(let path): save(path)
        case .history: output.output(Self.numbered(history.entries))
        case .reset:
            engine.reset()
            recorder.reset()
            notice("all bindings cleared")
        case .quit: return .quit
        }
        return .proceed
    }

    func help(_ name: String?) {
        guard let name else {
            var text = "Commands:\n"
            let width = MetaCommand.all.map(\.usage.count).max() ?? 0
            for info in MetaCommand.all {
                text += "  " + info.usage.padding(toLength: width + 2, withPad: " ", startingAt: 0) + info.summary + "\n"
            }
            text += "Keys: Tab completes, Up/Down search history by the typed prefix, Ctrl-R searches it,\n"
            text += "Ctrl-C clears the line or stops a computation, Ctrl-D quits.\n"
            if let overview = engine.help(for: nil) { text += "\n" + overview + (overview.hasSuffix("\n") ? "" : "\n") }
            output.output(text)
            return
        }
        let bare = name.hasPrefix(":") ? String(name.dropFirst()) : name
        if let info = MetaCommand.all.first(where: { $0.name == bare }), name.hasPrefix(":") || engine.help(for: name) == nil {
            output.output("\(info.usage)\n  \(info.summary)\n")
        } else if let text = engine.help(for: name) {
            output.output(text.hasSuffix("\n") ? text : text + "\n")
        } else {
            var message = "no help for \"\(name)\""
            if let near = Suggest.nearest(to: name, among: engine.completionNames) { message += "; did you mean \"\(near)\"?" }
            fail(message)
        }
    }

    func time(_ expression: String) {
        entryCount += 1
        let before = engine.allocatedBytes
        let clock = ContinuousClock()
        let start = clock.now
        let outcome = evaluate { engine.evaluate(expression, origin: .repl(entry: entryCount), options: $0) }
        let elapsed = clock.now - start
        report(outcome)
        if outcome.status == .success { recorder.record(expression) }
        var line = "time: " + Self.format(elapsed)
        if let before, let after = engine.allocatedBytes {
            line += ", allocated " + Self.formatBytes(max(0, after - before))
        }
        output.output(line + "\n")
    }

    func load(_ rawPath: String) {
        let path = Self.expandHome(Self.unquote(rawPath))
        guard let data = FileManager.default.contents(atPath: path) else {
            return fail("cannot read \"\(path)\"")
        }
        let text = String(decoding: data, as: UTF8.self)
        if path.hasSuffix(".dtrnb") {
            loadNotebook(text, path: path)
        } else {
            let outcome = evaluate { engine.evaluate(text, origin: .file(path: path), options: $0) }
            report(EvalOutcome(status: outcome.status, diagnostic: outcome.diagnostic))
            if outcome.status == .success {
                recorder.record("# from :load \(path)\n" + text)
                notice("loaded \(path)")
            }
        }
    }

    func loadNotebook(_ text: String, path: String) {
        let notebook: NotebookDocument
        do {
            notebook = try NotebookDocument(parsing: text)
        } catch {
            return fail("\(path), \(error.description)")
        }
        let parameters = notebook.frontMatter?.parameters ?? []
        if !parameters.isEmpty {
            let code = parameters.map { "\($0.name) = \($0.literal)" }.joined(separator: "\n")
            let outcome = evaluate { engine.evaluate(code, origin: .file(path: path), options: $0) }
            guard outcome.status == .success else { return report(outcome) }
            recorder.record("# parameters of \(path)\n" + code, label: "params")
        }
        let cells = notebook.cells
        for cell in cells {
            let origin = SourceOrigin.cell(path: path, number: cell.number, label: cell.label, firstLine: cell.codeLine)
            let outcome = evaluate { engine.evaluate(cell.code, origin: origin, options: $0) }
            if outcome.status == .failure, cell.expectsError {
                output.errors((outcome.diagnostic ?? "error") + "\n")
                continue
            }
            report(EvalOutcome(status: outcome.status, diagnostic: outcome.diagnostic))
            guard outcome.status == .success else {
                return output.errors("stopped at cell \(cell.number) of \(path)\n")
            }
            recorder.record(Self.trimmingFinalNewline(cell.code), label: cell.label)
        }
        notice("loaded \(cells.count) cells from \(path)")
    }

    func save(_ rawPath: String) {
        let path = Self.expandHome(Self.unquote(rawPath))
        guard path.hasSuffix(".dtrnb") else { return fail("the file name must end in .dtrnb (:save FILE.dtrnb)") }
        let url = URL(fileURLWithPath: path)
        let update = NotebookComposer.compose(title: recorder.title(), cells: recorder.cells.map(\.code),
                                              notebookName: url.lastPathComponent)
        do {
            try AtomicFile.write(update.text, to: url)
            notice("saved \(recorder.cells.count) cells to \(path)")
        } catch {
            fail("cannot write \"\(path)\": \(error.description)")
        }
    }

    static func trimmingFinalNewline(_ code: String) -> String {
        code.hasSuffix("\n") ? String(code.dropLast()) : code
    }

    // MARK: - Formatting

    /// `:vars` as aligned columns, each line cut to `width` with an ellipsis.
    static func table(_ bindings: [BindingSummary], width: Int = .max) -> String {
        guard !bindings.isEmpty else { return "(no bindings)\n" }
        let rows = [("name", "type", "shape")] + bindings.map { ($0.name, $0.type, $0.detail) }
        let w0 = rows.map(\.0.count).max() ?? 0, w1 = rows.map(\.1.count).max() ?? 0
        return rows.map { row in
            let line = row.0.padding(toLength: w0 + 2, withPad: " ", startingAt: 0)
                + row.1.padding(toLength: w1 + 2, withPad: " ", startingAt: 0) + row.2
            var trimmed = line.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
            if trimmed.count > width, width > 1 { trimmed = String(trimmed.prefix(width - 1)) + "…" }
            return trimmed + "\n"
        }.joined()
    }

    /// History entries numbered from 1; continuation lines indented under the first.
    static func numbered(_ entries: [String]) -> String {
        let width = String(entries.count).count
        return entries.enumerated().map { index, entry in
            let number = String(index + 1)
            let pad = String(repeating: " ", count: width - number.count)
            let indent = String(repeating: " ", count: width + 2)
            return pad + number + "  " + entry.replacingOccurrences(of: "\n", with: "\n" + indent) + "\n"
        }.joined()
    }

    static func format(_ duration: Duration) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        if seconds < 1e-3 { return String(format: "%.1f µs", seconds * 1e6) }
        if seconds < 1 { return String(format: "%.2f ms", seconds * 1e3) }
        return String(format: "%.3f s", seconds)
    }

    static func formatBytes(_ bytes: Int) -> String { Limits.formatBytes(bytes) }

    static func unquote(_ path: String) -> String {
        if path.count >= 2, let first = path.first, first == "\"" || first == "'", path.last == first {
            return String(path.dropFirst().dropLast())
        }
        return path
    }

    static func expandHome(_ path: String) -> String {
        guard path.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"] else { return path }
        return home + path.dropFirst(1)
    }
}
