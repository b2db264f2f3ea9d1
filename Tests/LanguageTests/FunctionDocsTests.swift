import Testing
@testable import Language

/// Help for functions written in dtr: the comment lines right above `fn` are the function's
/// help, in `help(f)`, `help("name")`, the REPL's `:help` and `dtr help NAME`.
@Suite("Help for functions written in dtr")
struct FunctionDocsTests {
    @Test("the comment right above fn is its help; a blank line cuts it off")
    func parse() {
        let docs = FunctionDocs.parse("""
        # file header

        # Twice x.
        # Works on tensors too.
        fn twice(x) = x * 2
        fn bare(a, b = 1) { a }
          # An indented local function keeps its comment.
          fn inner(y) = y
        """, file: "stdlib/t.dtr")
        #expect(docs["twice"] == "fn twice(x)\n\nTwice x.\nWorks on tensors too.\n\n(stdlib/t.dtr)")
        #expect(docs["bare"] == "fn bare(a, b = 1)\n\n(stdlib/t.dtr)")
        #expect(docs["inner"] == "fn inner(y)\n\nAn indented local function keeps its comment.\n\n(stdlib/t.dtr)")
        #expect(docs["file"] == nil)
    }

    /// Runs `text` in a session with the standard library and returns what it printed.
    static func printed(_ text: String, name: String = "doc.dtr") -> String {
        let out = CapturedOutput()
        let session = Session(options: SessionOptions(), output: out)
        if let broken = session.loadStandardLibrary() { Issue.record("stdlib failed: \(broken)") }
        let outcome = session.run(SourceFile(name: name, text: text))
        #expect(outcome.diagnostics.isEmpty, "\(outcome.diagnostics)")
        return out.text
    }

    @Test("help(f) and help(\"f\") show a user function's comment, where it is defined")
    func userFunctions() {
        let text = """
        x = 1

        # The signal scale √ᾱ at step t.
        # t: an integer timestep.
        fn signal(s, t = 0) = sqrt(s.alpha_bar[t])
        help(signal)
        help("signal")
        """
        let page = "fn signal(s, t = 0)\n\nThe signal scale √ᾱ at step t.\nt: an integer timestep.\n\n(doc.dtr, line 5)\n"
        #expect(Self.printed(text) == page + page)
    }

    @Test("undocumented functions and lambdas get one line naming where they come from")
    func undocumented() {
        #expect(Self.printed("fn f(a) = a\nhelp(f)") == "fn f(a)\n\n(doc.dtr, line 1)\n")
        #expect(Self.printed("g = (a, b) => a + b\nhelp(g)") == "<lambda>(a, b) — a function defined in dtr (doc.dtr, line 1)\n")
    }

    @Test("standard-library functions show their stdlib comment")
    func standardLibrary() throws {
        let page = try #require(FunctionDocs.standardLibrary["clamp"])
        #expect(page.hasPrefix("fn clamp(x, lo = 0, hi = 1)\n\nLimits x"))
        #expect(page.hasSuffix("(stdlib/prelude.dtr)"))
        let shown = Self.printed("help(clamp)")
        #expect(shown.hasPrefix("fn clamp(x, lo = 0, hi = 1)\n\nLimits x"))
        #expect(shown.contains("prelude.dtr"))
    }

    @Test("help(\"name\") describes what the name is bound to now: a user's fn shadows a builtin")
    func shadowing() {
        let text = "# Always one.\nfn len(x) = 1\nhelp(\"len\")"
        #expect(Self.printed(text) == "fn len(x)\n\nAlways one.\n\n(doc.dtr, line 2)\n")
    }

    @Test("an unknown name suggests builtins and functions alike")
    func unknownNames() {
        let session = Session(options: SessionOptions(), output: CapturedOutput())
        let outcome = session.run("fn my_helper(x) = x\nhelp(\"my_helpr\")")
        let message = outcome.diagnostics.first?.description ?? ""
        #expect(message.contains("no builtin or function named \"my_helpr\""))
        #expect(outcome.diagnostics.first?.suggestion?.contains("my_helper") == true)
    }
}
