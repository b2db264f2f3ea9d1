import Testing
@testable import Language

@Suite("Parser: layout choices")
struct LayoutTests {
    @Test func bracesOnTheNextLine() {
        #expect(sexpr("fn f(x)\n{\n  x\n}") == "(fn f (x) (block x))")
        #expect(sexpr("while c\n{ break }") == "(while c (block break))")
        #expect(sexpr("if a\n{ 1 }\nelse\n{ 2 }") == "(if a (block 1) (block 2))")
    }

    @Test func lambdaBodies() {
        #expect(sexpr("f = x => {\n  y = x * 2\n  y + 1\n}") == "(= f (lambda (x) (block (= y (* x 2)) (+ y 1))))")
        #expect(sexpr("g = () => {}") == "(= g (lambda () (record)))")
        #expect(sexpr("h = x => x + 1 |> f") == "(= h (lambda (x) (|> (+ x 1) f)))")
        #expect(sexpr("k = (\n  a,\n  b,\n) => a") == "(= k (lambda (a b) a))")
    }

    @Test func nestedAssignmentTargets() {
        #expect(sexpr("a.b.c = 1") == "(= (. (. a b) c) 1)")
        #expect(sexpr("m[idx] = x[0]") == "(= (index m idx) (index x 0))")
        #expect(sexpr("cfg.w[:, 1:4] *= 2") == "(*= (index (. cfg w) (slice _ _ _) (slice 1 4 _)) 2)")
    }

    @Test func spansOfNodes() {
        let file = SourceFile(name: "s.dtr", text: "x = 1\ny = f(a, seed: 7) + 2")
        let result = Parser.parse(file)
        #expect(result.diagnostics.isEmpty)
        guard result.program.statements.count == 2,
              case .assign(let target, _, let value) = result.program.statements[1].kind,
              case .binary(let call, let rest) = value.kind,
              case .call(_, let arguments) = call.kind else {
            Issue.record("unexpected shape: \(result.program.sexpr)")
            return
        }
        #expect(target.root.span.line == 2)
        #expect(call.span.text == "f(a, seed: 7)")
        #expect(call.span.column == 5)
        #expect(value.span.text == "f(a, seed: 7) + 2")
        #expect(rest[0].opSpan.column == 19)
        #expect(arguments[1].span.text == "seed: 7")
        #expect(arguments[1].label?.name == "seed")
        #expect(result.program.statements[1].span.text == "y = f(a, seed: 7) + 2")
    }

    @Test func notebookCellLinesAreFileLines() {
        let cell = SourceFile(name: "tour.dtrnb", text: "a = 1\n\nb = (2 +", cell: 4, label: "setup", firstLine: 30)
        let result = Parser.parse(cell)
        #expect(result.diagnostics.first?.span?.line == 32)
        #expect(result.diagnostics.first?.span?.locationDescription == "tour.dtrnb, cell 4 \"setup\", line 32, col 9")
    }

    @Test func stringsInTheAST() {
        #expect(sexpr(#"print("a\nb", "q\"")"#) == #"(call print "a\nb" "q\"")"#)
        #expect(sexpr("\"ᾱ\" + \"β\"") == "(+ \"ᾱ\" \"β\")")
    }

    @Test func hintsForHabitsFromOtherLanguages() {
        #expect(syntaxErrors("let x = 1").first?.suggestion == "assign with name = value (no 'let')")
        #expect(syntaxErrors("def f(x):\n  return x").first?.suggestion == "define functions with fn name(x) = … or fn name(x) { … }")
        #expect(syntaxErrors("if a { 1 } elif b { 2 }").first?.suggestion == "write 'else if'")
        #expect(syntaxErrors("if x = 1 { 2 }").first?.suggestion == "use '==' to compare")
        #expect(syntaxErrors("for i in range(10):\n  print(i)").first?.suggestion == "blocks are written { … }, not with ':'")
    }

    @Test func helpfulMessages() {
        #expect(sexpr("f = fn(x) = x").hasPrefix("error: 'fn' defines a named function"))
        #expect(sexpr("x = ()") == "error: expected an expression inside '( )'")
        #expect(sexpr("for x xs { }") == "error: expected 'in' after the loop variable, found name 'xs'")
        #expect(sexpr("fn f(x) x") == "error: expected '=' or '{' after the parameters, found name 'x'")
        #expect(sexpr("{a: 1 b: 2}") == "error: expected ',' or '}' in the record, found name 'b'")
    }
}
