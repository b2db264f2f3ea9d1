import Testing
@testable import Language

@Suite("Parser: expressions")
struct ParserExpressionTests {
    @Test func literals() {
        #expect(sexpr("1") == "1")
        #expect(sexpr("10_000_000") == "10_000_000")
        #expect(sexpr("\"a\\tb\"") == "\"a\\tb\"")
        #expect(sexpr("true; false; none") == "true\nfalse\nnone")
        #expect(sexpr("[1, 2, 3]") == "(list 1 2 3)")
        #expect(sexpr("[[1, 2], [3, 4]]") == "(list (list 1 2) (list 3 4))")
        #expect(sexpr("[]") == "(list)")
        #expect(sexpr("[1, 2,]") == "(list 1 2)")
        #expect(sexpr("{a: 1, b: 2}") == "(record (a 1) (b 2))")
        #expect(sexpr("{}") == "(record)")
    }

    @Test func numberLiteralValues() {
        let result = Parser.parse("1e-4")
        guard case .expression(let expr) = result.program.statements.first?.kind,
              case .number(let value, let text) = expr.kind else {
            Issue.record("not a number literal")
            return
        }
        #expect(value == 1e-4)
        #expect(text == "1e-4")
    }

    @Test func precedenceTable() {
        // |> is loosest
        #expect(sexpr("a or b |> f") == "(|> (or a b) f)")
        // or < and
        #expect(sexpr("a or b and c") == "(or a (and b c))")
        // and < not
        #expect(sexpr("not a and b") == "(and (not a) b)")
        // not < comparison
        #expect(sexpr("not a == b") == "(not (== a b))")
        // comparison < range
        #expect(sexpr("a < 0..<3") == "(< a (..< 0 3))")
        // range < + -
        #expect(sexpr("1 + 1 ... n - 1") == "(... (+ 1 1) (- n 1))")
        // + - < * / % @
        #expect(sexpr("a + b * c - d @ e") == "(- (+ a (* b c)) (@ d e))")
        #expect(sexpr("a % b / c") == "(/ (% a b) c)")
        // * < unary minus
        #expect(sexpr("-a * b") == "(* (neg a) b)")
        // unary minus < ^
        #expect(sexpr("-2 ^ 2") == "(neg (^ 2 2))")
        // ^ < postfix
        #expect(sexpr("a.b ^ f(x)[0]") == "(^ (. a b) (index (call f x) 0))")
    }

    @Test func powerIsRightAssociativeAndTakesUnaryExponent() {
        #expect(sexpr("2 ^ 3 ^ 2") == "(^ 2 (^ 3 2))")
        #expect(sexpr("2 ^ -1") == "(^ 2 (neg 1))")
        #expect(sexpr("-x ^ -y ^ 2") == "(neg (^ x (neg (^ y 2))))")
    }

    @Test func chainsAreLeftAssociativeAndFlat() {
        #expect(sexpr("a - b - c") == "(- (- a b) c)")
        #expect(sexpr("a / b * c") == "(* (/ a b) c)")
        #expect(sexpr("a < b < c") == "(< (< a b) c)")
        let result = Parser.parse("1 + 2 - 3 + 4")
        guard case .expression(let expr) = result.program.statements.first?.kind,
              case .binary(_, let rest) = expr.kind else {
            Issue.record("not a chain")
            return
        }
        #expect(rest.map(\.op) == [.add, .subtract, .add])
    }

    @Test func comparisonsAndLogic() {
        #expect(sexpr("a == b != c") == "(!= (== a b) c)")
        #expect(sexpr("a <= b and c >= d or e > f") == "(or (and (<= a b) (>= c d)) (> e f))")
        #expect(sexpr("not not a") == "(not (not a))")
    }

    @Test func ranges() {
        #expect(sexpr("0..<T") == "(..< 0 T)")
        #expect(sexpr("1...10") == "(... 1 10)")
        #expect(sexpr("0..<n..<m").hasPrefix("error: ranges cannot be chained"))
    }

    @Test func calls() {
        #expect(sexpr("f()") == "(call f)")
        #expect(sexpr("randn([3, 4], seed: 7)") == "(call randn (list 3 4) seed:7)")
        #expect(sexpr("f(x)(y)") == "(call (call f x) y)")
        #expect(sexpr("f(\n  x,\n  y,\n)") == "(call f x y)")
        #expect(sexpr("f(a: 1, a: 2)") == "error: argument 'a' is given twice")
    }

    @Test func indexingAndSlices() {
        #expect(sexpr("m[3, :]") == "(index m 3 (slice _ _ _))")
        #expect(sexpr("m[:, 1:4]") == "(index m (slice _ _ _) (slice 1 4 _))")
        #expect(sexpr("x[-1]") == "(index x (neg 1))")
        #expect(sexpr("m[::10]") == "(index m (slice _ _ 10))")
        #expect(sexpr("m[1::2]") == "(index m (slice 1 _ 2))")
        #expect(sexpr("m[:3:]") == "(index m (slice _ 3 _))")
        #expect(sexpr("m[a:b:c]") == "(index m (slice a b c))")
        #expect(sexpr("m[idx]") == "(index m idx)")
        #expect(sexpr("m[]") == "error: expected an index inside '[ ]'")
    }

    @Test func fieldsAndPostfixChains() {
        #expect(sexpr("cfg.alpha") == "(. cfg alpha)")
        #expect(sexpr("s.alpha_bar[0].x(1)") == "(call (. (index (. s alpha_bar) 0) x) 1)")
        #expect(sexpr("x.5").hasPrefix("error: expected a field name after '.'"))
    }

    @Test func lambdas() {
        #expect(sexpr("f = x => x ^ 2") == "(= f (lambda (x) (^ x 2)))")
        #expect(sexpr("(a, b) => a + b") == "(lambda (a b) (+ a b))")
        #expect(sexpr("() => 1") == "(lambda () 1)")
        #expect(sexpr("map(xs, x => x + 1)") == "(call map xs (lambda (x) (+ x 1)))")
        #expect(sexpr("x => y => x + y") == "(lambda (x) (lambda (y) (+ x y)))")
        #expect(sexpr("(a) + 1") == "(+ a 1)")
    }

    @Test func ifExpressions() {
        #expect(sexpr("if a > b { \"big\" } else { \"small\" }") == "(if (> a b) (block \"big\") (block \"small\"))")
        #expect(sexpr("x = if a { 1 } else if b { 2 } else { 3 }") == "(= x (if a (block 1) b (block 2) (block 3)))")
        #expect(sexpr("if a { 1 }") == "(if a (block 1))")
        #expect(sexpr("if a {\n 1\n}\nelse {\n 2\n}") == "(if a (block 1) (block 2))")
    }

    @Test func pipes() {
        #expect(sexpr("s |> plot(title: \"ᾱ\")") == "(|> s (plot title:\"ᾱ\"))")
        #expect(sexpr("a |> f") == "(|> a f)")
        #expect(sexpr("a |> f(b) |> g") == "(|> a (f b) g)")
        #expect(sexpr("a |> g(1)(2)") == "(|> a ((call g 1) 2))")
        #expect(sexpr("x\n  |> f\n  |> g(2)") == "(|> x f (g 2))")
        let result = Parser.parse("a |> f(b)")
        guard case .expression(let expr) = result.program.statements.first?.kind,
              case .pipe(_, let stages) = expr.kind else {
            Issue.record("not a pipe")
            return
        }
        #expect(stages.count == 1)
        #expect(stages[0].callee.sexpr == "f")
        #expect(stages[0].arguments?.count == 1)
    }

    @Test func operatorsContinueOnTheNextLine() {
        #expect(sexpr("y = a +\n  b") == "(= y (+ a b))")
        #expect(sexpr("y = a\n-b") == "(= y a)\n(neg b)")
    }

    @Test func parenthesesGroup() {
        #expect(sexpr("(x @ w) * 2 + 1") == "(+ (* (@ x w) 2) 1)")
        #expect(sexpr("(1 +\n 2)") == "(+ 1 2)")
        #expect(sexpr("2 ^ (3 ^ 2)") == "(^ 2 (^ 3 2))")
        #expect(sexpr("(-2) ^ 2") == "(^ (neg 2) 2)")
    }
}

@Suite("Parser: statements")
struct ParserStatementTests {
    @Test func assignments() {
        #expect(sexpr("T = 1000; C = 64") == "(= T 1000)\n(= C 64)")
        #expect(sexpr("a.b[0] = 1") == "(= (index (. a b) 0) 1)")
        #expect(sexpr("m[3, :] = 0") == "(= (index m 3 (slice _ _ _)) 0)")
        #expect(sexpr("x += 1; x -= 2; x *= 3; x /= 4") == "(+= x 1)\n(-= x 2)\n(*= x 3)\n(/= x 4)")
        #expect(sexpr("f(x) = 1") == "error: cannot assign to a function call")
        #expect(sexpr("1 = x") == "error: cannot assign to this expression")
    }

    @Test func assignTargetSteps() {
        let result = Parser.parse("a.b[0] = 1")
        guard case .assign(let target, let op, _) = result.program.statements.first?.kind else {
            Issue.record("not an assignment")
            return
        }
        #expect(target.root.name == "a")
        #expect(target.steps.count == 2)
        #expect(op == .assign)
        if case .field(let name) = target.steps[0] { #expect(name.name == "b") } else { Issue.record("first step") }
        if case .index(let items, _) = target.steps[1] { #expect(items.count == 1) } else { Issue.record("second step") }
    }

    @Test func functions() {
        #expect(sexpr("fn snr(s) = s.alpha_bar / (1 - s.alpha_bar)")
            == "(fn snr (s) (/ (. s alpha_bar) (- 1 (. s alpha_bar))))")
        #expect(sexpr("fn clamp(x, lo = 0, hi = 1) { max(lo, min(x, hi)) }")
            == "(fn clamp (x (lo 0) (hi 1)) (block (call max lo (call min x hi))))")
        #expect(sexpr("fn f() {\n  a = 1\n  return a\n}") == "(fn f () (block (= a 1) (return a)))")
        #expect(sexpr("fn f(x) = {a: x}") == "(fn f (x) (record (a x)))")
        #expect(sexpr("fn f(x, x) = 1") == "error: duplicate parameter 'x'")
        #expect(sexpr("fn f() { return }") == "(fn f () (block (return)))")
    }

    @Test func loops() {
        #expect(sexpr("for t in 0..<T { x = t }") == "(for t (..< 0 T) (block (= x t)))")
        #expect(sexpr("while c { break }") == "(while c (block break))")
        #expect(sexpr("for i in xs { if i { continue } }") == "(for i xs (block (if i (block continue))))")
        #expect(sexpr("break") == "error: 'break' outside a loop")
        #expect(sexpr("return 1") == "error: 'return' outside a function")
        #expect(sexpr("while c { f = x => { break } }") == "error: 'break' outside a loop")
    }

    @Test func blocksAndNewlines() {
        #expect(sexpr("{\n  a = 1\n\n  a + 1\n}") == "(block (= a 1) (+ a 1))")
        #expect(sexpr("{ a = 1; a }") == "(block (= a 1) a)")
        #expect(sexpr("\n\n# comment only\n;;\n") == "")
        #expect(sexpr("x = 1 # trailing comment") == "(= x 1)")
        #expect(sexpr("x = [1,\n 2,\n 3]") == "(= x (list 1 2 3))")
    }

    @Test func braceRules() {
        // Elsewhere `{` starts a record only before `}` or `NAME:`.
        #expect(sexpr("{a: 1}") == "(record (a 1))")
        #expect(sexpr("{a}") == "(block a)")
        #expect(sexpr("cfg = {\n  alpha: 4,\n  beta: 0.8\n}") == "(= cfg (record (alpha 4) (beta 0.8)))")
        // In a header `{` always opens the body; a record there needs parentheses.
        #expect(sexpr("if x == ({a: 1}) { 1 }") == "(if (== x (record (a 1))) (block 1))")
        #expect(sexpr("for k in keys({a: 1}) { k }") == "(for k (call keys (record (a 1))) (block k))")
        #expect(sexpr("if {a: 1} { 1 }") == "error: expected a condition before '{'")
        #expect(sexpr("{a: 1, a: 2}") == "error: duplicate field 'a' in record")
    }

    @Test func statementsNeedSeparators() {
        #expect(sexpr("x = 1 2") == "error: expected a newline or ';' after the statement, found number 2")
    }
}
