import Testing
@testable import Language

@Suite("Diagnostics: rendering")
struct DiagnosticRendererTests {
    @Test func notebookCellWithLabel() {
        let file = SourceFile(name: "tour.dtrnb", text: "x = 1\ny = lenght(x)", cell: 3, label: "train", firstLine: 11)
        let span = SourceSpan(file: file, start: 10, end: 16, localLine: 2, column: 5)
        let diagnostic = Diagnostic.error("unknown name \"lenght\"", at: span, suggestion: Diagnostic.didYouMean("len"))
        #expect(DiagnosticRenderer().render(diagnostic) == """
            error: unknown name "lenght"
             --> tour.dtrnb, cell 3 "train", line 12, col 5
               |
            12 | y = lenght(x)
               |     ^^^^^^
               = did you mean "len"?
            """)
    }

    @Test func unknownNameSuggestsTheClosestName() {
        let file = SourceFile(name: "script.dtr", text: "y = lenght(x)")
        let span = SourceSpan(file: file, start: 4, end: 10, localLine: 1, column: 5)
        let diagnostic = Diagnostic.unknownName("lenght", at: span, candidates: ["len", "print", "x", "y"])
        #expect(diagnostic.description == """
            error: unknown name "lenght"
             --> script.dtr, line 1, col 5
              |
            1 | y = lenght(x)
              |     ^^^^^^
              = did you mean "len"?
            """)
        #expect(Diagnostic.unknownName("qqq", at: span, candidates: ["len"]).suggestion == nil)
    }

    @Test func scriptCellWithoutLabelAndEval() {
        let script = SourceFile(name: "script.dtr", text: "a = 1\nb = 2 +* 3")
        let errors = Parser.parse(script).diagnostics
        #expect(errors.count == 1)
        #expect(DiagnosticRenderer().render(errors) == """
            error: expected an expression, found '*'
             --> script.dtr, line 2, col 8
              |
            2 | b = 2 +* 3
              |        ^
            """)
        let cell = SourceFile(name: "nb.dtrnb", text: "x = )", cell: 2, firstLine: 5)
        #expect(Parser.parse(cell).diagnostics.first?.span?.locationDescription == "nb.dtrnb, cell 2, line 5, col 5")
        #expect(Parser.parse("x = )").diagnostics.first?.span?.locationDescription == "<eval>, line 1, col 5")
    }

    @Test func notesAndCallStack() {
        let file = SourceFile(name: "script.dtr", text: "fn snr(s) = s.a / s.b\nsnr(1)")
        let inner = SourceSpan(file: file, start: 12, end: 15, localLine: 1, column: 13)
        let call = SourceSpan(file: file, start: 22, end: 28, localLine: 2, column: 1)
        var diagnostic = Diagnostic.error("a number has no field \"a\"", at: inner)
        diagnostic.notes = [Diagnostic.Note("fields exist on records")]
        diagnostic.callStack = [
            Diagnostic.StackEntry(function: "<script>", span: call),
            Diagnostic.StackEntry(function: "snr", span: inner),
        ]
        #expect(DiagnosticRenderer().render(diagnostic) == """
            error: a number has no field "a"
             --> script.dtr, line 1, col 13
              |
            1 | fn snr(s) = s.a / s.b
              |             ^^^
              = note: fields exist on records
              in <script> at script.dtr, line 2, col 1
              in fn snr at script.dtr, line 1, col 13
            """)
    }

    @Test func unclosedBlockPointsAtEndOfInputWithANote() {
        let text = DiagnosticRenderer().render(syntaxErrors("if a {\n  b"))
        #expect(text == """
            error: expected '}' to close the block opened at line 1, found end of input
             --> script.dtr, line 2, col 4
              |
            2 |   b
              |    ^
              = note: the block starts here (script.dtr, line 1, col 6)
            """)
    }

    @Test func tabsExpandSoTheCaretAligns() {
        let text = DiagnosticRenderer().render(syntaxErrors("\tx = 1 +* 2"))
        #expect(text.contains("1 |     x = 1 +* 2\n  |            ^"))
    }

    @Test func unicodeColumns() {
        let errors = syntaxErrors("ᾱ = 1 +* 2")
        #expect(errors.first?.span?.column == 8)
        #expect(DiagnosticRenderer().render(errors).contains("1 | ᾱ = 1 +* 2\n  |        ^"))
        let wide = DiagnosticRenderer().render(syntaxErrors("\"漢字\" +* 2"))
        #expect(wide.contains("1 | \"漢字\" +* 2\n  |         ^"))
    }

    @Test func multiLineSpanGetsCaretsOnItsFirstLineOnly() {
        let file = SourceFile(name: "s.dtr", text: "x = f(1,\n  2)")
        let span = SourceSpan(file: file, start: 4, end: 13, localLine: 1, column: 5)
        let text = DiagnosticRenderer().render(Diagnostic.error("bad call", at: span))
        #expect(text.hasSuffix("1 | x = f(1,\n  |     ^^^^"))
    }

    @Test func colourOnlyWhenAsked() {
        let errors = syntaxErrors("x = )")
        #expect(!DiagnosticRenderer().render(errors).contains("\u{1B}"))
        #expect(DiagnosticRenderer(color: true).render(errors).hasPrefix("\u{1B}[1;31merror:\u{1B}[0m"))
    }

    @Test func diagnosticWithoutSpan() {
        #expect(DiagnosticRenderer().render(Diagnostic.error("cannot read \"a.dtr\"", at: nil)) == "error: cannot read \"a.dtr\"")
    }

    @Test func hugeLinesAreWindowed() {
        let line = String(repeating: "1 + ", count: 250_000) + ")"  // a 1 MB line
        let errors = syntaxErrors(line)
        #expect(errors.count == 1)
        let text = DiagnosticRenderer().render(errors)
        #expect(text.count < 400)
        #expect(text.contains("…1 + 1 + "))
        #expect(text.hasSuffix("^"))
    }

    @Test func controlCharactersAreShownSafely() {
        let file = SourceFile(name: "s.dtr", bytes: Array("x = \u{1B}[31m".utf8))
        let errors = Parser.parse(file).diagnostics
        let text = DiagnosticRenderer().render(errors)
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains("x = ␛[31m"))
    }
}

@Suite("Diagnostics: suggestions")
struct SuggestionTests {
    @Test func distance() {
        #expect(Suggestions.distance("lenght", "length") == 1)  // a swap costs 1
        #expect(Suggestions.distance("kitten", "sitting") == 3)
        #expect(Suggestions.distance("", "abc") == 3)
        #expect(Suggestions.distance("ca", "abc") == 3)  // optimal string alignment
        #expect(Suggestions.distance("ᾱbar", "ᾱbra") == 1)
    }

    @Test func closest() {
        let builtins = ["len", "linspace", "print", "randn", "range", "softmax", "sigmoid"]
        #expect(Suggestions.closest(to: "lenght", among: builtins) == "len")
        #expect(Suggestions.closest(to: "lenght", among: builtins + ["length"]) == "length")
        #expect(Suggestions.closest(to: "prnt", among: builtins) == "print")
        #expect(Suggestions.closest(to: "Print", among: builtins) == "print")
        #expect(Suggestions.closest(to: "softmx", among: builtins) == "softmax")
        #expect(Suggestions.closest(to: "rnadn", among: builtins) == "randn")
        #expect(Suggestions.closest(to: "zzz", among: builtins) == nil)
        #expect(Suggestions.closest(to: "x", among: ["y", "xs"]) == "y")
        #expect(Suggestions.closest(to: "print", among: builtins) == nil)
        #expect(Suggestions.closest(to: "", among: builtins) == nil)
    }
}
