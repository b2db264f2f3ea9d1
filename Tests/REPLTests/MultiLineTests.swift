import Testing
@testable import REPL

@Suite("Multi-line input")
struct MultiLineTests {
    @Test("balanced brackets are complete; open ones are not")
    func brackets() {
        #expect(InputCompleteness.isComplete("x = [1, 2, 3]"))
        #expect(!InputCompleteness.isComplete("x = [1, 2,"))
        #expect(!InputCompleteness.isComplete("fn f(x) {"))
        #expect(!InputCompleteness.isComplete("for t in 0..<3 {\n  print(t)"))
        #expect(InputCompleteness.isComplete("for t in 0..<3 {\n  print(t)\n}"))
        #expect(InputCompleteness.openBrackets("f(a, [b, {c: (") == ["(", "[", "{", "("])
    }

    @Test("brackets inside strings and comments do not count")
    func stringsAndComments() {
        #expect(InputCompleteness.isComplete(#"print("(")"#))
        #expect(InputCompleteness.isComplete(#"s = "a \" [ b""#))
        #expect(InputCompleteness.isComplete("x = 1  # (unclosed in a comment"))
        // Comment lines wait for the code they describe (Python's REPL does the same); an
        // empty line ends a comment-only entry.
        #expect(!InputCompleteness.isComplete("# Scales x by two."))
        #expect(!InputCompleteness.isComplete("# one\n  # two"))
        #expect(InputCompleteness.isComplete("# Scales x by two.\nfn twice(x) = 2 * x"))
        #expect(InputCompleteness.isComplete("# a note\n"))
        #expect(!InputCompleteness.isComplete("f(1,  # comment )\n"))
    }

    @Test("errors are left for the parser: surplus closers, unterminated strings")
    func errorsAreComplete() {
        #expect(InputCompleteness.isComplete("x = 1)"))
        #expect(InputCompleteness.isComplete("(]"))
        #expect(InputCompleteness.isComplete(#"s = "abc"#))
    }

    @Test("the buffer gathers lines until the entry is complete")
    func buffer() {
        var buffer = EntryBuffer()
        #expect(buffer.add("fn f(x) {", isComplete: InputCompleteness.isComplete) == nil)
        #expect(buffer.isContinuing)
        #expect(buffer.add("  x * 2", isComplete: InputCompleteness.isComplete) == nil)
        #expect(buffer.add("}", isComplete: InputCompleteness.isComplete) == "fn f(x) {\n  x * 2\n}")
        #expect(!buffer.isContinuing)
    }

    @Test("a comment joins the code typed after it; an empty line ends a comment on its own")
    func comments() {
        var buffer = EntryBuffer()
        #expect(buffer.add("# Scales x by two.", isComplete: InputCompleteness.isComplete) == nil)
        #expect(buffer.isContinuing)
        #expect(buffer.add("fn twice(x) = 2 * x", isComplete: InputCompleteness.isComplete)
                == "# Scales x by two.\nfn twice(x) = 2 * x")
        // A meta-command after a comment is still a meta-command; prompts are still stripped.
        #expect(buffer.add("# set up", isComplete: InputCompleteness.isComplete) == nil)
        #expect(buffer.add(":quit", isComplete: InputCompleteness.isComplete) == ":quit")
        #expect(!buffer.isContinuing)
        #expect(buffer.add("dtr> # pasted", isComplete: InputCompleteness.isComplete) == nil)
        #expect(buffer.add("dtr> x = 1", isComplete: InputCompleteness.isComplete) == "# pasted\nx = 1")
        #expect(buffer.add("# just a note", isComplete: InputCompleteness.isComplete) == nil)
        #expect(buffer.add("", isComplete: InputCompleteness.isComplete) == "# just a note\n")
        #expect(!buffer.isContinuing)
    }

    @Test("blank lines at the prompt are skipped; two blank lines submit an open entry")
    func blankLines() {
        var buffer = EntryBuffer()
        #expect(buffer.add("   ", isComplete: InputCompleteness.isComplete) == nil)
        #expect(!buffer.isContinuing)
        #expect(buffer.add("f(1,", isComplete: InputCompleteness.isComplete) == nil)
        #expect(buffer.add("", isComplete: InputCompleteness.isComplete) == nil)
        #expect(buffer.add("", isComplete: InputCompleteness.isComplete) == "f(1,\n\n")
    }

    @Test("a meta-command is never continued, even with an open bracket")
    func metaCommandLine() {
        var buffer = EntryBuffer()
        #expect(buffer.add(":type (x", isComplete: InputCompleteness.isComplete) == ":type (x")
    }

    @Test("Ctrl-C drops a half-typed entry")
    func reset() {
        var buffer = EntryBuffer()
        _ = buffer.add("[1,", isComplete: InputCompleteness.isComplete)
        buffer.reset()
        #expect(!buffer.isContinuing)
        #expect(buffer.add("2", isComplete: InputCompleteness.isComplete) == "2")
    }

    @Test("a pasted transcript loses its prompts line by line")
    func transcriptLines() {
        var buffer = EntryBuffer()
        #expect(buffer.add("dtr> for t in 0..<3 {", isComplete: InputCompleteness.isComplete) == nil)
        #expect(buffer.add("...    print(t)", isComplete: InputCompleteness.isComplete) == nil)
        #expect(buffer.add("...  }", isComplete: InputCompleteness.isComplete) == "for t in 0..<3 {\n  print(t)\n}")
    }
}
