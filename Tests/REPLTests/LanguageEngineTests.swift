import Testing
@testable import REPL

@Suite("The adapter to the language Session")
struct LanguageEngineTests {
    let options = DisplayOptions(width: 80, height: 24, color: false)

    @Test("evaluates entries in one environment and displays the last value")
    func evaluate() {
        let engine = LanguageEngine()
        #expect(engine.evaluate("x = 2", origin: .repl(entry: 1), options: options) == .value(nil))
        #expect(engine.evaluate("x * 3", origin: .repl(entry: 2), options: options) == .value("6"))
        #expect(engine.evaluate("print(\"hi\")", origin: .repl(entry: 3), options: options) == .value(nil))
    }

    @Test("diagnostics name <repl> and point at the typed line with a caret")
    func diagnostics() {
        let engine = LanguageEngine()
        let outcome = engine.evaluate("1 + nope", origin: .repl(entry: 1), options: options)
        #expect(outcome.status == .failure)
        let text = outcome.diagnostic ?? ""
        #expect(text.contains("<repl>") && text.contains("1 + nope") && text.contains("^^^^"))
        #expect(!text.contains("\u{1B}"))
    }

    @Test(":vars shows user bindings with type and shape, not the stdlib; :reset forgets them")
    func bindings() {
        let engine = LanguageEngine()
        _ = engine.evaluate("w = zeros([3, 4])\ncfg = {alpha: 4}\nfn f(a, b) = a + b", origin: .repl(entry: 1), options: options)
        let vars = engine.bindings
        #expect(vars.map(\.name) == ["cfg", "f", "w"])
        #expect(vars.first { $0.name == "w" } == BindingSummary(name: "w", type: "tensor f64", detail: "[3, 4]"))
        #expect(vars.first { $0.name == "f" }?.detail == "(a, b)")
        engine.reset()
        #expect(engine.bindings.isEmpty)
        #expect(engine.evaluate("w", origin: .repl(entry: 2), options: options).status == .failure)
    }

    @Test("types, help, fields and parameters for completion")
    func introspection() {
        let engine = LanguageEngine()
        _ = engine.evaluate("cfg = {alpha: 4, inner: {beta: 1}}", origin: .repl(entry: 1), options: options)
        #expect(engine.typeDescription(of: "zeros([2, 5])", options: options) == .value("tensor f64[2, 5]"))
        #expect(engine.typeDescription(of: "cfg", options: options) == .value("record {alpha, inner}"))
        #expect(engine.fieldNames(of: ["cfg"]) == ["alpha", "inner"])
        #expect(engine.fieldNames(of: ["cfg", "inner"]) == ["beta"])
        #expect(engine.fieldNames(of: ["nothing"]).isEmpty)
        #expect(engine.parameterNames(of: "randn").contains("seed"))
        #expect(engine.parameterNames(of: "clamp") == ["x", "lo", "hi"])
        #expect(engine.completionNames.contains("linspace") && engine.completionNames.contains("cfg"))
        #expect(engine.help(for: "linspace")?.contains("linspace(") == true)
        #expect(engine.help(for: "no_such_name") == nil)
        #expect(engine.help(for: "lerp")?.hasPrefix("fn lerp(a, b, t)\n\nLinear interpolation") == true)
        #expect(engine.help(for: nil)?.contains("zeros") == true)
        _ = engine.evaluate("# Doubles a.\nfn mine(a) = 2 * a", origin: .repl(entry: 3), options: options)
        #expect(engine.help(for: "mine")?.hasPrefix("fn mine(a)\n\nDoubles a.\n\n(<repl>") == true, "\(engine.help(for: "mine") ?? "nil")")
        // :help describes what a name is bound to now: a redefinition shadows the stdlib's.
        _ = engine.evaluate("# Mine.\nfn clamp(x) = x", origin: .repl(entry: 4), options: options)
        #expect(engine.help(for: "clamp")?.hasPrefix("fn clamp(x)\n\nMine.") == true)
        _ = engine.evaluate("lerp = 3", origin: .repl(entry: 5), options: options)
        #expect(engine.help(for: "lerp")?.hasPrefix("lerp: number") == true, "\(engine.help(for: "lerp") ?? "nil")")
    }
}
