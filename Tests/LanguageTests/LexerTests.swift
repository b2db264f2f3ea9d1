import Testing
@testable import Language

@Suite("Lexer")
struct LexerTests {
    func lex(_ source: String) -> LexedSource { Lexer.lex(SourceFile(name: "t", text: source)) }

    @Test func numberForms() {
        let lexed = lex("1 1.5 1e-4 10_000_000 .5 2.5E+3 7e2")
        #expect(lexed.diagnostics.isEmpty)
        #expect(lexed.tokens.dropLast().allSatisfy { $0.kind == .number })
        #expect(lexed.numbers == [1, 1.5, 1e-4, 10_000_000, 0.5, 2500, 700])
    }

    @Test func dotsNextToNumbers() {
        #expect(tokenKinds("0..<10") == [.number, .dotDotLess, .number])
        #expect(tokenKinds("1...n") == [.number, .dotDotDot, .identifier])
        #expect(tokenKinds("a.b") == [.identifier, .dot, .identifier])
        #expect(tokenKinds("x.5") == [.identifier, .dot, .number])
        #expect(tokenKinds("f(.5)") == [.identifier, .leftParen, .number, .rightParen])
    }

    @Test func badNumbers() {
        for source in ["1_", "1__0", "2x", "1e", "3_.5"] {
            let lexed = lex(source)
            #expect(lexed.diagnostics.count == 1, "\(source)")
            #expect(lexed.diagnostics.first?.message.hasPrefix("invalid number literal") == true, "\(source)")
        }
        #expect(lex("1e999").diagnostics.first?.message == "number literal '1e999' is too large")
    }

    @Test func stringsAndEscapes() {
        let lexed = lex(#""plain" "a\nb" "tab\there" "q\"q" "back\\slash" "ᾱ" """#)
        #expect(lexed.diagnostics.isEmpty)
        #expect(lexed.strings == ["plain", "a\nb", "tab\there", "q\"q", "back\\slash", "ᾱ", ""])
    }

    @Test func unknownEscapeIsAnErrorWithASpan() {
        let lexed = lex(#"s = "a\qb""#)
        #expect(lexed.diagnostics.count == 1)
        let diagnostic = lexed.diagnostics[0]
        #expect(diagnostic.message == #"unknown escape '\q' in string"#)
        #expect(diagnostic.span?.column == 7)
        #expect(diagnostic.span?.length == 2)
        #expect(lexed.tokens.map(\.kind).contains(.invalid))
    }

    @Test func unterminatedString() {
        let lexed = lex("s = \"abc\nt = 1")
        #expect(lexed.diagnostics.map(\.message) == ["unterminated string"])
        #expect(lexed.diagnostics[0].span?.line == 1)
        #expect(lexed.diagnostics[0].span?.column == 5)
        #expect(tokenKinds("s = \"abc\nt = 1").suffix(3) == [.identifier, .equal, .number])
    }

    @Test func keywordsAndNames() {
        #expect(tokenKinds("if else for in while break continue return fn true false none and or not")
            == [.ifKeyword, .elseKeyword, .forKeyword, .inKeyword, .whileKeyword, .breakKeyword,
                .continueKeyword, .returnKeyword, .fnKeyword, .trueKeyword, .falseKeyword,
                .noneKeyword, .andKeyword, .orKeyword, .notKeyword])
        #expect(tokenKinds("alpha_bar _x x2 ᾱ β iffy") == Array(repeating: .identifier, count: 6))
    }

    @Test func operators() {
        #expect(tokenKinds("+ - * / % @ ^ == != < <= > >= = += -= *= /= ..< ... |> => . , : ; ( ) [ ] { }")
            == [.plus, .minus, .star, .slash, .percent, .at, .caret, .equalEqual, .bangEqual, .less,
                .lessEqual, .greater, .greaterEqual, .equal, .plusEqual, .minusEqual, .starEqual,
                .slashEqual, .dotDotLess, .dotDotDot, .pipe, .arrow, .dot, .comma, .colon, .semicolon,
                .leftParen, .rightParen, .leftBracket, .rightBracket, .leftBrace, .rightBrace])
    }

    @Test func newlinesAndComments() {
        #expect(tokenKinds("a # comment\n\n\n  # another\nb") == [.identifier, .newline, .identifier])
        #expect(tokenKinds("\n\na") == [.identifier])
        #expect(tokenKinds("a\r\nb") == [.identifier, .newline, .identifier])
    }

    @Test func spansCountCharactersAndLines() {
        let tokens = lex("ᾱ = 1\n  β2 = \"é\" + x").tokens
        #expect(tokens.map(\.column) == [1, 3, 5, 6, 3, 6, 8, 12, 14, 15])
        #expect(tokens.map(\.line) == [1, 1, 1, 1, 2, 2, 2, 2, 2, 2])
        #expect(tokens[0].length == 3)  // ᾱ (U+1FB1) is three bytes, one column
    }

    @Test func invalidUTF8IsOneDiagnostic() {
        let file = SourceFile(name: "t", bytes: [0x78, 0x20, 0xFF, 0xFE, 0xC0, 0x20, 0x3D, 0x20, 0x31])
        let lexed = Lexer.lex(file)
        #expect(lexed.diagnostics.count == 1)
        #expect(lexed.diagnostics[0].message == "invalid UTF-8 byte 0xFF")
        #expect(lexed.diagnostics[0].span?.column == 3)
        #expect(lexed.diagnostics[0].span?.length == 3)
    }

    @Test func nulAndControlCharacters() {
        let lexed = Lexer.lex(SourceFile(name: "t", bytes: [0x61, 0x00, 0x00, 0x62]))
        #expect(lexed.diagnostics.map(\.message) == ["unexpected NUL byte (U+0000)"])
        #expect(lex("a \u{1B} b").diagnostics.map(\.message) == ["unexpected control character (U+1B)"])
    }

    @Test func habitsFromOtherLanguagesGetHints() {
        #expect(lex("a && b").diagnostics.first?.suggestion == "use 'and'")
        #expect(lex("a || b").diagnostics.first?.suggestion == "use 'or'")
        #expect(lex("!a").diagnostics.first?.suggestion == "use 'not' for negation and '!=' for inequality")
        #expect(lex("'s'").diagnostics.map(\.message) == ["strings use double quotes"])
        #expect(lex("'s'").diagnostics.first?.suggestion == "write \"s\"")
        #expect(lex("x = 'abc").diagnostics.first?.span?.length == 1)
        #expect(lex("a − b").diagnostics.first?.suggestion == "use the ASCII minus sign \"-\"")
        #expect(lex("a .. b").diagnostics.first?.message == "unexpected '..'")
    }

    @Test func lexerErrorsAreNotRepeatedByTheParser() {
        let errors = syntaxErrors("x = \"abc\ny = 1")
        #expect(errors.map(\.message) == ["unterminated string"])
        #expect(syntaxErrors("x = 1 \u{0}\ny = 2").map(\.message) == ["unexpected NUL byte (U+0000)"])
    }
}
