import Testing
@testable import REPL

@Suite("Prompt stripping")
struct PromptStrippingTests {
    @Test("text without prompts is unchanged")
    func plain() {
        #expect(PromptStripping.strip("x = 2\nx * 3") == "x = 2\nx * 3")
        #expect(PromptStripping.strip("... not a prompt") == "... not a prompt")
    }

    @Test("prompts are removed and transcript output lines dropped")
    func transcript() {
        let pasted = """
        dtr> x = 2
        dtr> fn f(v) {
        ...    v * 3
        ...  }
        dtr> f(x)
        6
        """
        #expect(PromptStripping.strip(pasted) == "x = 2\nfn f(v) {\n  v * 3\n}\nf(x)")
    }

    @Test("a bare prompt becomes an empty line")
    func barePrompt() {
        #expect(PromptStripping.strip("dtr>") == "")
        #expect(PromptStripping.strip("dtr> 1\n...") == "1\n")
    }
}
