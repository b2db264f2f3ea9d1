import Testing
@testable import Language

/// The Session API as other layers use it: persistent globals, captured output, values.
struct EvaluatorTests {
    func run(_ s: Session, _ code: String) -> RunOutcome { s.run(SourceFile(name: "<test>", text: code)) }

    @Test func bindingsPersistAcrossRuns() {
        let out = CapturedOutput()
        let s = Session(output: out)
        _ = run(s, "x = 40")
        guard case .value(let v) = run(s, "x + 2") else { Issue.record("failed"); return }
        #expect(v.display() == "42")
    }

    @Test func printGoesToTheSinkAndTheLastValueIsReturned() {
        let out = CapturedOutput()
        let s = Session(output: out)
        let r = run(s, "print(\"a\", 1, [1, 2]); \"done\"")
        #expect(out.take() == "a 1 [1 2]\n")
        guard case .value(let v) = r else { Issue.record("failed"); return }
        #expect(v.display() == "\"done\"")
    }

    @Test func statementsDisplayNothing() {
        let s = Session(output: CapturedOutput())
        guard case .value(let v) = run(s, "x = 1") else { Issue.record("failed"); return }
        #expect(v.isNone)
    }

    @Test func exitCodesFollowTheOutcome() {
        let s = Session(output: CapturedOutput())
        #expect(run(s, "1 +").exitCode == 2)
        #expect(run(s, "nope").exitCode == 1)
        #expect(run(s, "1").exitCode == 0)
        #expect(run(s, "break").exitCode == 2)
    }

    @Test func hostBindingsAreVisible() {
        let s = Session(output: CapturedOutput())
        s.set("T", .number(1000))
        guard case .value(let v) = run(s, "T / 10") else { Issue.record("failed"); return }
        #expect(v.display() == "100")
        #expect(s.userNames.contains("T"))
    }

    @Test func anErrorKeepsEarlierBindings() {
        let s = Session(output: CapturedOutput())
        _ = run(s, "a = 1; b = nope; c = 3")
        #expect(s.value(of: "a")?.display() == "1")
        #expect(s.value(of: "c") == nil)
    }

    @Test func runtimeErrorsCarryTheCallStack() {
        let s = Session(output: CapturedOutput())
        let r = run(s, "fn f(x) = x + \"s\"\nfn g(y) = f(y)\ng(1)")
        guard case .runtimeError(let d) = r else { Issue.record("expected an error"); return }
        #expect(d.callStack.map(\.function) == ["g", "f"])
        #expect(d.span?.line == 1)
    }

    @Test func deepRecursionIsADiagnostic() {
        let s = Session(output: CapturedOutput())
        let r = run(s, "fn f(n) = f(n + 1)\nf(0)")
        guard case .runtimeError(let d) = r else { Issue.record("expected an error"); return }
        #expect(d.message.contains("recursion too deep"))
        // The session is usable afterwards.
        guard case .value(let v) = run(s, "fn g(n) = if n == 0 { 0 } else { 1 + g(n - 1) }; g(5000)") else {
            Issue.record("failed"); return
        }
        #expect(v.display() == "5000")
    }
}
