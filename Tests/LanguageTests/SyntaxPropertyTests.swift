import Testing
@testable import Language

/// A small deterministic generator (SplitMix64) for the property tests.
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(1, bound))) }
}

/// Checks the parser's contract for one input: no trap, every diagnostic an error with a valid span that renders.
func checkContract(_ file: SourceFile) {
    let result = Parser.parse(file)
    for diagnostic in result.diagnostics {
        #expect(diagnostic.kind == .error)
        guard let span = diagnostic.span else {
            Issue.record("diagnostic without a span: \(diagnostic.message)")
            continue
        }
        #expect(span.file === file)
        #expect(span.start >= 0 && span.start <= span.end && span.end <= file.bytes.count)
        #expect(span.localLine >= 1 && span.localLine <= file.lineCount)
        #expect(span.localLine == file.localLine(containing: min(span.start, max(0, file.bytes.count - 1))) || span.start == file.bytes.count)
        #expect(span.column >= 1)
        #expect(DiagnosticRenderer().render(diagnostic).hasPrefix("error: "))
    }
    _ = result.program.sexpr
}

@Suite("Syntax: robustness")
struct SyntaxPropertyTests {
    @Test func twoMillionTermChainIsFlat() {
        let source = String(repeating: "1 + ", count: 1_999_999) + "1"
        let result = Parser.parse(source)
        #expect(result.diagnostics.isEmpty)
        guard case .expression(let expr) = result.program.statements.first?.kind,
              case .binary(let first, let rest) = expr.kind else {
            Issue.record("expected one flat chain")
            return
        }
        #expect(first.sexpr == "1")
        #expect(rest.count == 1_999_999)
    }

    @Test func longChainsOfEveryLeftAssociativeOperator() {
        for op in ["*", "@", "==", "and", "or", "|>"] {
            let result = Parser.parse(Array(repeating: "x", count: 100_000).joined(separator: " \(op) "))
            #expect(result.diagnostics.isEmpty, "\(op)")
        }
    }

    @Test(arguments: ["(", "[", "-", "not ", "{", "2 ^ ", "x => ", "if a { ", "f(", "{a: "])
    func deepNestingIsADiagnostic(prefix: String) {
        let source = String(repeating: prefix, count: 100_000) + "1"
        let result = Parser.parse(source)
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.message == "expression nested too deeply (more than \(Parser.maxNestingDepth) levels)")
    }

    @Test func longPostfixChainsAreADiagnostic() {
        let fields = "a" + String(repeating: ".b", count: 100_000)
        #expect(Parser.parse(fields).diagnostics.first?.message.hasPrefix("expression nested too deeply") == true)
        let calls = "f" + String(repeating: "()", count: 100_000)
        #expect(Parser.parse(calls).diagnostics.count == 1)
    }

    @Test func moderateNestingIsFine() {
        let depth = 60
        let parens = String(repeating: "(", count: depth) + "1" + String(repeating: ")", count: depth)
        #expect(Parser.parse(parens).diagnostics.isEmpty)
        let lists = String(repeating: "[", count: depth) + "1" + String(repeating: "]", count: depth)
        #expect(Parser.parse(lists).diagnostics.isEmpty)
        #expect(Parser.parse(String(repeating: "-", count: 150) + "1").diagnostics.isEmpty)
        #expect(Parser.parse(String(repeating: "2 ^ ", count: 150) + "1").diagnostics.isEmpty)
    }

    @Test func elseIfChainsAreFlat() {
        var source = "x = if a == 0 { 0 }"
        for value in 1..<5_000 { source += " else if a == \(value) { \(value) }" }
        let result = Parser.parse(source + " else { -1 }")
        #expect(result.diagnostics.isEmpty)
    }

    @Test func absurdInputs() {
        checkContract(SourceFile(name: "big.dtr", text: "x = \"" + String(repeating: "a", count: 10_000_000) + "\""))
        checkContract(SourceFile(name: "big.dtr", text: String(repeating: "a", count: 10_000_000)))
        checkContract(SourceFile(name: "nul.dtr", bytes: [UInt8](repeating: 0, count: 100_000)))
        checkContract(SourceFile(name: "ff.dtr", bytes: [UInt8](repeating: 0xFF, count: 100_000)))
        checkContract(SourceFile(name: "empty.dtr", bytes: []))
        checkContract(SourceFile(name: "cr.dtr", text: "x = 1\r\ny = )\r\n"))
        #expect(Parser.parse(SourceFile(name: "nul.dtr", bytes: [UInt8](repeating: 0, count: 100_000))).diagnostics.count == 1)
    }

    @Test func randomTokenSequences() {
        let vocabulary = [
            "x", "y", "f", "1", "2.5", "1e-3", "\"s\"", "(", ")", "[", "]", "{", "}", "a:", ":", ",", ";", "\n",
            "+", "-", "*", "/", "%", "@", "^", "==", "<", ">=", "=", "+=", "..<", "...", "|>", "=>", ".",
            "if", "else", "for", "in", "while", "fn", "return", "break", "continue", "and", "or", "not",
            "true", "none", "#c\n", "\t", "ᾱ", "\"\\q\"", "\"open", "!", "&&",
        ]
        var random = SplitMix64(state: 2024)
        for _ in 0..<1_000 {
            let count = random.below(40)
            let source = (0..<count).map { _ in vocabulary[random.below(vocabulary.count)] }.joined(separator: " ")
            checkContract(SourceFile(name: "random.dtr", text: source))
        }
    }

    @Test func randomBytes() {
        var random = SplitMix64(state: 7)
        let interesting: [UInt8] = Array("x1(){}[]\"\\ \n.:=+-^#".utf8) + [0, 0x80, 0xBF, 0xC3, 0xE2, 0xF0, 0xFF]
        for round in 0..<500 {
            let count = random.below(200)
            let bytes: [UInt8] = (0..<count).map { _ in
                round % 2 == 0 ? UInt8(truncatingIfNeeded: random.next()) : interesting[random.below(interesting.count)]
            }
            checkContract(SourceFile(name: "bytes.dtr", bytes: bytes))
        }
    }

    @Test func mutatedPrograms() {
        let program = Array("""
            fn clamp(x, lo = 0, hi = 1) { max(lo, min(x, hi)) }
            s = schedule("cosine", 1000)
            y = (x @ w) * 2 + 1
            m[3, :] = 0
            for t in 0..<T { if t % 10 == 0 { print(t) } else { continue } }
            cfg = {alpha: 4, beta: 0.8}; cfg.alpha
            s.alpha_bar |> plot(title: "ᾱ")
            f = (a, b) => a ^ -b
            """.utf8)
        var random = SplitMix64(state: 99)
        for _ in 0..<500 {
            var bytes = program
            for _ in 0..<(1 + random.below(4)) {
                let position = random.below(bytes.count)
                switch random.below(3) {
                case 0: bytes.remove(at: position)
                case 1: bytes.insert(program[random.below(program.count)], at: position)
                default: bytes.swapAt(position, random.below(bytes.count))
                }
            }
            checkContract(SourceFile(name: "mutated.dtr", bytes: bytes))
        }
    }

    @Test func parsingIsDeterministic() {
        let source = "x = (1 +\ny = ]\n\"\\q\" \u{0}"
        let first = Parser.parse(source).diagnostics.map(DiagnosticRenderer().render)
        let second = Parser.parse(source).diagnostics.map(DiagnosticRenderer().render)
        #expect(first == second)
    }
}
