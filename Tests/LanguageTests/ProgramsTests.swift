import Foundation
import Testing
@testable import Language

/// Runs every `.dtr` program under `Programs/` (Crafting Interpreters style):
/// - `# expect: TEXT` — the next line of printed output (in order);
/// - `# expect error: TEXT` — the program must fail with a diagnostic containing TEXT;
/// - `# expect error line: N` — and the diagnostic must point at line N.
/// Mismatches are reported by file and line.
struct ProgramsTests {
    static let root: URL? = Bundle.module.url(forResource: "Programs", withExtension: nil)

    static let programs: [String] = {
        guard let root, let e = FileManager.default.enumerator(atPath: root.path) else { return [] }
        return e.compactMap { $0 as? String }.filter { $0.hasSuffix(".dtr") && !$0.contains("/_") }.sorted()
    }()

    @Test func thereAreAtLeast150Programs() {
        #expect(Self.programs.count >= 150)
    }

    @Test(arguments: programs)
    func program(_ path: String) throws {
        let root = try #require(Self.root)
        let url = root.appendingPathComponent(path)
        let text = try String(contentsOf: url, encoding: .utf8)
        let expectation = ProgramExpectation(text)
        let out = CapturedOutput()
        let session = Session(options: SessionOptions(root: url.deletingLastPathComponent().path), output: out)
        if let broken = session.loadStandardLibrary() { Issue.record("stdlib failed: \(broken)") }
        let outcome = session.run(SourceFile(name: path, text: text))
        var lines = out.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if out.text.hasSuffix("\n") || out.text.isEmpty { lines.removeLast() }
        for (k, exp) in expectation.output.enumerated() {
            guard k < lines.count else {
                Issue.record("\(path):\(exp.line): expected output \"\(exp.text)\" but the program printed only \(lines.count) line(s)")
                break
            }
            if lines[k] != exp.text {
                Issue.record("\(path):\(exp.line): expected \"\(exp.text)\", got \"\(lines[k])\"")
            }
        }
        if lines.count > expectation.output.count {
            Issue.record("\(path): unexpected extra output: \(lines.dropFirst(expectation.output.count).joined(separator: " | "))")
        }
        let rendered = outcome.diagnostics.map { $0.description }.joined(separator: "\n")
        if let message = expectation.error {
            if outcome.diagnostics.isEmpty {
                Issue.record("\(path): expected an error containing \"\(message)\" but the program succeeded")
            } else if !rendered.contains(message) {
                Issue.record("\(path): expected an error containing \"\(message)\", got:\n\(rendered)")
            }
            if let line = expectation.errorLine, let span = outcome.diagnostics.first?.span, span.line != line {
                Issue.record("\(path): expected the error on line \(line), got line \(span.line)")
            }
        } else if !outcome.diagnostics.isEmpty {
            Issue.record("\(path): unexpected error:\n\(rendered)")
        }
    }
}

/// The `# expect` annotations of one program.
struct ProgramExpectation {
    var output: [(line: Int, text: String)] = []
    var error: String?
    var errorLine: Int?

    init(_ text: String) {
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let r = line.range(of: "# expect error line: ") {
                errorLine = Int(line[r.upperBound...].trimmingCharacters(in: .whitespaces))
            } else if let r = line.range(of: "# expect error: ") {
                error = String(line[r.upperBound...])
            } else if let r = line.range(of: "# expect: ") {
                output.append((i + 1, String(line[r.upperBound...])))
            } else if line.hasSuffix("# expect:") {
                output.append((i + 1, ""))
            }
        }
    }
}
