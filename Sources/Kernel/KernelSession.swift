import Foundation
import Language
import REPL

/// What a cell displays: the outputs the kernel publishes on IOPub, in order.
enum CellDisplay {
    /// `execute_result` with `text/plain`.
    case result(String)
    /// `display_data`: a plot as PNG, with its terminal rendering as `text/plain`.
    case image(png: [UInt8], text: String)
    /// `error`: the diagnostic's first line without `error: `, and all its lines.
    case error(name: String, value: String, traceback: [String])
}

/// The thin adapter between Jupyter requests and a dtr ``Session``: the same
/// ``LanguageEngine`` the REPL uses (stdlib, completion, help, multi-line rules), with cells
/// run for their values so plots can be sent as images.
final class KernelSession {
    let stream = IOPubStream()
    private var engine: LanguageEngine
    /// `execution_count`: cells run with `store_history`.
    private(set) var executionCount = 0
    /// Cells run with `store_history`: (count, code, displayed result text).
    private(set) var history: [(count: Int, code: String, output: String?)] = []

    init() {
        engine = LanguageEngine(options: SessionOptions(root: ".", maxOutputBytes: SessionOptions.cellOutputLimit),
                                output: stream)
    }

    /// Runs one cell. `publish` receives printed text and displays as they come (nil for a
    /// silent cell). Returns the displays, the execution count and whether it succeeded.
    func execute(_ code: String, storeHistory: Bool, display: (CellDisplay) -> Void,
                 print publish: ((String) -> Void)?) -> (count: Int, ok: Bool, error: CellDisplay?) {
        if storeHistory { executionCount += 1 }
        let count = executionCount
        stream.begin(publish: publish)
        var displays: [CellDisplay] = []
        if let broken = engine.takeStandardLibraryFailure() {
            displays.append(Self.error(for: [broken], interrupted: false))
        }
        let file = SourceFile(name: "<cell \(count)>", text: code)
        let outcome = engine.session.run(file)
        stream.flush()
        var resultText: String?
        switch outcome {
        case .value(let value) where !value.isNone:
            let text = engine.session.displayText(of: value)
            if case .object(let object) = value, let drawable = object as? ImageRenderable,
               let png = try? drawable.pngBytes() {
                displays.append(.image(png: png, text: text))
            } else if !text.isEmpty {
                displays.append(.result(text))
                resultText = text
            }
        case .value:
            break
        case .syntaxErrors(let diagnostics):
            displays.append(Self.error(for: diagnostics, interrupted: false))
        case .runtimeError(let diagnostic):
            displays.append(Self.error(for: [diagnostic], interrupted: false))
        case .interrupted(let diagnostic):
            displays.append(Self.error(for: [diagnostic], interrupted: true))
        }
        for d in displays { display(d) }
        stream.publish = nil
        if storeHistory { history.append((count, code, resultText)) }
        let failure = displays.last { if case .error = $0 { true } else { false } }
        return (count, failure == nil, failure)
    }

    static func error(for diagnostics: [Diagnostic], interrupted: Bool) -> CellDisplay {
        let renderer = DiagnosticRenderer(color: false)
        let text = diagnostics.map { renderer.render($0) }.joined(separator: "\n")
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var value = lines.first { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? ""
        if value.hasPrefix("error: ") { value.removeFirst("error: ".count) }
        return .error(name: interrupted ? "KeyboardInterrupt" : "Error", value: value, traceback: lines)
    }

    /// A fresh session (random seed 0, no bindings); the execution count starts again.
    func reset() {
        engine.reset()
        executionCount = 0
        history = []
    }

    // MARK: - Completion, inspection, is_complete

    /// Completion of the code up to `cursor` (Unicode scalars, as Jupyter counts them):
    /// the REPL's completer on the cursor's line.
    func complete(_ code: String, cursor: Int) -> (matches: [String], start: Int, end: Int) {
        let scalars = Array(code.unicodeScalars)
        let end = min(max(cursor, 0), scalars.count)
        var lineStart = end
        while lineStart > 0, scalars[lineStart - 1] != "\n" { lineStart -= 1 }
        var line = String.UnicodeScalarView()
        line.append(contentsOf: scalars[lineStart..<end])
        let completion = Completer(engine: engine).complete(String(line))
        return (completion.candidates, end - completion.word.unicodeScalars.count, end)
    }

    /// The help text for the name at (or just before) `cursor`, as `:help NAME` shows it.
    func inspect(_ code: String, cursor: Int) -> String? {
        let scalars = Array(code.unicodeScalars)
        func isName(_ s: Unicode.Scalar) -> Bool { s == "_" || s.properties.isAlphabetic || ("0"..."9").contains(s) }
        var start = min(max(cursor, 0), scalars.count), end = start
        while start > 0, isName(scalars[start - 1]) { start -= 1 }
        while end < scalars.count, isName(scalars[end]) { end += 1 }
        if start == end, start > 0, scalars[start - 1] == "(" {
            // Just after `name(`: the function being called.
            end = start - 1
            start = end
            while start > 0, isName(scalars[start - 1]) { start -= 1 }
        }
        guard start < end else { return nil }
        var name = String.UnicodeScalarView()
        name.append(contentsOf: scalars[start..<end])
        return engine.help(for: String(name))
    }

    /// `complete`, `incomplete` (with an indent) or `invalid`, by the REPL's multi-line rules:
    /// an open bracket or block waits for more; a balanced entry that does not parse is invalid.
    static func isComplete(_ code: String) -> (status: String, indent: String?) {
        if !InputCompleteness.isComplete(code) {
            let depth = InputCompleteness.openBrackets(code).count
            return ("incomplete", String(repeating: "    ", count: depth))
        }
        if code.allSatisfy(\.isWhitespace) { return ("complete", nil) }
        let errors = Session.check(SourceFile(name: "<cell>", text: code)).filter { $0.kind == .error }
        return errors.isEmpty ? ("complete", nil) : ("invalid", nil)
    }
}
