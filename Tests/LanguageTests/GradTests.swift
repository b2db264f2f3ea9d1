import Foundation
import Testing
@testable import Language

/// `grad` / `value_and_grad` through the Session API: results, leftover state after errors,
/// and that tracked tensors never leak out as gradients' values.
struct GradTests {
    func run(_ s: Session, _ code: String) -> RunOutcome { s.run(SourceFile(name: "<test>", text: code)) }

    func value(_ s: Session, _ code: String) -> Value? {
        guard case .value(let v) = run(s, code) else { return nil }
        return v
    }

    @Test func gradientsAreUntrackedValuesOfTheArgumentsShape() throws {
        let s = Session(output: CapturedOutput())
        let g = try #require(value(s, "grad(w => sum(w.a ^ 2) * w.b)({a: [1, 2], b: 3})"))
        guard case .record(let r) = g, case .tensor(let a)? = r["a"], case .number(let b)? = r["b"] else {
            Issue.record("expected {a: tensor, b: number}, got \(g.display())")
            return
        }
        #expect(a.variable == nil)
        #expect(a.tensor.toArray() == [6, 12])
        #expect(b == 5)
    }

    @Test func valueAndGradMatchesTheFunction() throws {
        let s = Session(output: CapturedOutput())
        let v = try #require(value(s, "f = x => sum(exp(x) * sin(x))\nr = value_and_grad(f)([0.1, -0.4])\n[r[0] - f([0.1, -0.4]), r[1]]"))
        guard case .list(let items) = v, items.count == 2, case .number(let d) = items[0], case .tensor(let g) = items[1] else {
            Issue.record("unexpected \(v.display())")
            return
        }
        #expect(abs(d) < 1e-12)
        let expected = [0.1, -0.4].map { x in exp(x) * (sin(x) + cos(x)) }
        for (a, b) in zip(g.tensor.toArray(), expected) { #expect(abs(a - b) < 1e-12) }
    }

    @Test func aFailedGradLeavesNoGradientStateBehind() {
        let s = Session(output: CapturedOutput())
        #expect(run(s, "grad(x => energy_distance(x, [[0, 0]]))([[1, 2]])").exitCode == 1)
        // Outside grad, builtins take their plain path again.
        #expect(value(s, "energy_distance([[3, 4]], [[0, 0]])")?.display() == "10")
        #expect(value(s, "sum([1, 2, 3])")?.display() == "6")
    }

    @Test func errorsNameTheProblem() {
        let cases = [
            ("grad(x => x)(\"s\")", "got a string"),
            ("grad(x => x)([1, 2])", "single number"),
            ("grad(x => sort(x)[0] + energy_distance(x, x))([1, 2])", "energy_distance is not differentiable"),
            ("grad(x => grad(y => sum(y))(x)[0])([1.0])", "gradients of gradients"),
        ]
        for (code, text) in cases {
            let s = Session(output: CapturedOutput())
            guard case .runtimeError(let d) = run(s, code) else {
                Issue.record("\(code) should fail at run time")
                continue
            }
            #expect(d.message.contains(text), "\(code): \(d.message)")
        }
    }
}
