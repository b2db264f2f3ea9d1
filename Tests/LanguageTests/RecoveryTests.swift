import Testing
@testable import Language

@Suite("Parser: error recovery")
struct RecoveryTests {
    @Test func threeSeparateErrorsAreReportedOnceEach() {
        let source = """
            a = 1 + * 2
            b = 2
            c = (3 4)
            d = 4
            e = f(,)
            g = 6
            """
        let result = Parser.parse(SourceFile(name: "script.dtr", text: source))
        #expect(result.diagnostics.count == 3)
        #expect(result.diagnostics.map { $0.span?.line } == [1, 3, 5])
        #expect(result.diagnostics.map(\.message) == [
            "expected an expression, found '*'",
            "expected ')' to close the '(' at line 3, col 5, found number 4",
            "expected an expression, found ','",
        ])
        #expect(result.program.sexpr == "(= b 2)\n(= d 4)\n(= g 6)")
        #expect(!result.isIncomplete)
    }

    @Test func errorsInsideBlocksRecoverInsideTheBlock() {
        let source = """
            fn f(x) {
              y = x +* 1
              z = 2
            }
            w = ]
            v = 3
            """
        let result = Parser.parse(source)
        #expect(result.diagnostics.map { $0.span?.line } == [2, 5])
        #expect(result.program.sexpr == "(fn f (x) (block (= z 2)))\n(= v 3)")
    }

    @Test func multiLineBracketsAreSkippedAsAWhole() {
        let result = Parser.parse("f(1 2,\n  3)\nx = 1")
        #expect(result.diagnostics.count == 1)
        #expect(result.program.sexpr == "(= x 1)")
    }

    @Test func strayClosingBrace() {
        let result = Parser.parse("x = 1\n}\ny = 2")
        #expect(result.diagnostics.map(\.message) == ["unexpected '}' with no block to close"])
        #expect(result.program.sexpr == "(= x 1)\n(= y 2)")
        #expect(Parser.parse("x = }").diagnostics.count == 1)
    }

    @Test func unfinishedInputIsIncomplete() {
        for source in ["x = (1 +", "x = [1, 2", "if a {", "fn f(x) {\n  x", "y = 2 *", "f(a,\n", "s |>"] {
            let result = Parser.parse(source)
            #expect(result.isIncomplete, "\(source)")
            #expect(result.diagnostics.count == 1, "\(source)")
        }
        for source in ["x = )", "x = \"abc", "x = 1 2", "x = 1"] {
            #expect(!Parser.parse(source).isIncomplete, "\(source)")
        }
    }

    @Test func unclosedBracketsPointBackAtTheirOpener() {
        let errors = syntaxErrors("x = [1, 2\ny = 3")
        #expect(errors.count == 1)
        #expect(errors.first?.notes.first?.message == "the '[' is here")
        #expect(errors.first?.notes.first?.span?.column == 5)
    }

    @Test func missingColonInANamedArgument() {
        #expect(syntaxErrors("w = randn([3, 4], seed 7)").first?.suggestion == "for a named argument write seed: value")
    }

    @Test func byteOrderMarkIsSkipped() {
        let file = SourceFile(name: "bom.dtr", bytes: [0xEF, 0xBB, 0xBF] + Array("x = )".utf8))
        let errors = Parser.parse(file).diagnostics
        #expect(errors.map(\.message) == ["expected an expression, found ')'"])
        #expect(errors.first?.span?.column == 5)
    }

    @Test func manyErrorsAreCapped() {
        let source = Array(repeating: "x = )", count: 500).joined(separator: "\n")
        let errors = Parser.parse(source).diagnostics
        #expect(errors.count == Parser.maxDiagnostics + 1)
        #expect(errors.last?.message == "too many syntax errors; stopping here")
    }

    @Test func everyErrorHasALineAndCaret() {
        let source = "x = [1,, 2]\nfor in xs { }\nwhile { }\nfn (x) = 1\ny = m[1:2:3:4]"
        let errors = syntaxErrors(source)
        #expect(errors.map { $0.span?.line } == [1, 2, 3, 4, 5])
        for error in errors {
            #expect(DiagnosticRenderer().render(error).contains("^"))
        }
    }
}
