import Testing
@testable import Language

/// One test per finding of the libFuzzer target (`scripts/fuzz.sh`, log in docs/FUZZING.md):
/// each input that once crashed, hung or leaked, now checked to end cleanly.
struct FuzzRegressionTests {
    /// Runs `text` in a fresh session without the stdlib.
    static func run(_ text: String) -> (RunOutcome, Session) {
        let session = Session(options: SessionOptions(loadStandardLibrary: false), output: CapturedOutput())
        return (session.run(text), session)
    }

    /// Finding 1 (leak): a local `fn` that calls itself captured its own cell, and the cell
    /// held the closure — a reference cycle freed never, one per call of the outer function.
    @Test func recursiveLocalFunctionIsFreed() throws {
        let (outcome, session) = Self.run("""
            fn outer(n) {
                fn go(k) = if k == 0 { 0 } else { 1 + go(k - 1) }
                g2 = x => go(x) * 2
                [go(n), g2(n)]
                go
            }
            g = outer(6)
            g(4)
            """)
        guard case .value(let v) = outcome else { Issue.record("unexpected \(outcome.diagnostics)"); return }
        #expect(v.display() == "4")
        weak var closure: Closure?
        do {
            guard case .function(let f)? = session.value(of: "g") else { Issue.record("g is not a function"); return }
            closure = f
        }
        #expect(closure != nil)
        _ = session.run("g = none")
        #expect(closure == nil, "the recursive local function was leaked")
    }

    /// Reassigning the local that holds a recursive `fn` keeps the dynamic meaning (the
    /// body sees the new value), so the cycle-free self reference must not apply there.
    @Test func reassignedLocalFunctionSeesTheNewBinding() {
        let (outcome, _) = Self.run("""
            fn outer() {
                fn go(k) = if k == 0 { "old" } else { go(k - 1) }
                h = go
                fn go(k) = "new"
                h(1)
            }
            outer()
            """)
        guard case .value(let v) = outcome else { Issue.record("unexpected \(outcome.diagnostics)"); return }
        #expect(v.display() == "\"new\"")
    }
}
