import Testing
@testable import Language

/// Random token soup must never crash or hang the evaluator: every outcome is a value or
/// diagnostics with a message.
struct FuzzTests {
    /// A small deterministic generator (xorshift), so failures reproduce.
    struct Rng {
        var state: UInt64
        mutating func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        mutating func pick<T>(_ xs: [T]) -> T { xs[Int(next() % UInt64(xs.count))] }
    }

    static let tokens = [
        "x", "y", "f", "len", "sum", "zeros", "print", "range", "1", "0", "2.5", "-1", "1e308", "\"s\"", "true", "none",
        "+", "-", "*", "/", "%", "^", "@", "==", "<", "and", "or", "not", "..<", "...", "|>", "=>", "=", "+=",
        "(", ")", "[", "]", "{", "}", ",", ":", ";", "\n", ".", "fn", "if", "else", "for", "in", "while",
        "break", "continue", "return", "a:", "[1, 2]", "{a: 1}", "x[0]", "f(x)", "[[1, 2], [3, 4]]",
    ]

    @Test func randomTokenSequencesNeverCrash() {
        var rng = Rng(state: 0x9E37_79B9_7F4A_7C15)
        let session = Session(output: CapturedOutput())
        _ = session.run(SourceFile(name: "<setup>", text: "x = [1, 2, 3]; y = 2; fn f(a, b = 1) = a + b"))
        for i in 0..<400 {
            let n = 1 + Int(rng.next() % 14)
            let text = (0..<n).map { _ in rng.pick(Self.tokens) }.joined(separator: " ")
            // Loops could legitimately run forever; guard with a bounded prefix.
            let program = text.contains("while") ? text.replacingOccurrences("while", "if") : text
            let outcome = session.run(SourceFile(name: "<fuzz \(i)>", text: program))
            for d in outcome.diagnostics {
                #expect(!d.message.isEmpty, "empty diagnostic for: \(program)")
            }
        }
    }

    @Test func deeplyNestedInputIsADiagnostic() {
        let session = Session(output: CapturedOutput())
        let deep = String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000)
        #expect(session.run(SourceFile(name: "<deep>", text: deep)).exitCode == 2)
        let long = (0..<100_000).map { _ in "1" }.joined(separator: " + ")
        guard case .value(let v) = session.run(SourceFile(name: "<long>", text: long)) else {
            Issue.record("a long flat chain should evaluate"); return
        }
        #expect(v.display() == "100000")
    }
}

private extension String {
    func replacingOccurrences(_ a: String, _ b: String) -> String {
        components(a).joined(separator: b)
    }
    func components(_ sep: String) -> [String] {
        var out: [String] = []
        var rest = Substring(self)
        while let r = rest.range(of: sep) {
            out.append(String(rest[rest.startIndex..<r.lowerBound]))
            rest = rest[r.upperBound...]
        }
        out.append(String(rest))
        return out
    }
}
