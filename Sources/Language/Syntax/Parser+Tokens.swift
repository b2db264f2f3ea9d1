/// Token access, errors and recovery for ``Parser``.
extension Parser {
    // MARK: - Looking at tokens

    /// The current token; inside brackets, newlines are skipped.
    mutating func peek() -> Token {
        if newlinesIgnored {
            while tokens[index].kind == .newline { index += 1 }
        }
        return tokens[index]
    }

    /// The kind of the current token.
    mutating func peekKind() -> TokenKind { peek().kind }

    /// The kind of the token after the current one (newlines skipped inside brackets).
    mutating func kindAfterCurrent() -> TokenKind {
        _ = peek()
        var next = min(index + 1, tokens.count - 1)
        if newlinesIgnored {
            while tokens[next].kind == .newline, next < tokens.count - 1 { next += 1 }
        }
        return tokens[next].kind
    }

    /// Consumes and returns the current token (never moves past the end).
    @discardableResult
    mutating func advance() -> Token {
        let token = peek()
        if token.kind != .endOfInput { index += 1 }
        previous = token
        return token
    }

    /// Consumes the current token if it has the given kind.
    mutating func match(_ kind: TokenKind) -> Token? {
        peekKind() == kind ? advance() : nil
    }

    /// Consumes a token of the given kind or fails with "expected …, found …".
    mutating func expect(_ kind: TokenKind, _ what: String, suggestion: String? = nil) throws(ParseFailure) -> Token {
        if let token = match(kind) { return token }
        throw failure("expected \(what), found \(describe(peek()))", at: peek(), suggestion: suggestion)
    }

    /// Consumes the bracket closing `opener`, or fails with "expected …" plus a note pointing at
    /// the opener when it is on an earlier line.
    mutating func expectClosing(_ kind: TokenKind, _ what: String, opener: Token, suggestion: String? = nil) throws(ParseFailure) -> Token {
        if let token = match(kind) { return token }
        let found = peek()
        var error = failure("expected \(what), found \(describe(found))", at: found, suggestion: suggestion)
        if opener.line != found.line, let spelling = opener.kind.fixedSpelling {
            error.diagnostic?.notes.append(Diagnostic.Note("the '\(spelling)' is here", span: span(of: opener)))
        }
        throw error
    }

    /// Skips newline tokens, wherever we are (after an operator the expression continues).
    mutating func skipNewlines() {
        while tokens[index].kind == .newline { index += 1 }
    }

    /// If the next line starts with `kind` (for a leading `|>` or `else`), skips the newline.
    mutating func continueOnNextLine(with kind: TokenKind) {
        if tokens[index].kind == .newline, index + 1 < tokens.count, tokens[index + 1].kind == kind {
            index += 1
        }
    }

    /// The span of a token.
    func span(of token: Token) -> SourceSpan { token.span(in: file) }

    /// From the start of `start` through the most recently consumed token.
    func span(from start: SourceSpan) -> SourceSpan { start.through(span(of: previous)) }

    /// The source text of a token.
    func text(of token: Token) -> String {
        let lower = Int(token.start), upper = min(token.end, file.bytes.count)
        guard lower <= upper else { return "" }
        return String(decoding: file.bytes[lower..<upper], as: UTF8.self)
    }

    /// How a token is named in messages: `')'`, `name 'x'`, `end of line`.
    func describe(_ token: Token) -> String {
        switch token.kind {
        case .identifier: return "name '\(text(of: token))'"
        case .number: return "number \(text(of: token))"
        case .string:
            let shown = text(of: token)
            return shown.count > 30 ? "a string" : "string \(shown)"
        case .newline: return "end of line"
        case .endOfInput: return "end of input"
        case .invalid: return "invalid text"
        default: return "'\(token.kind.fixedSpelling ?? text(of: token))'"
        }
    }

    // MARK: - Nesting

    /// Enters one nesting level, failing (fatally) past ``Parser/maxNestingDepth``.
    /// Callers pair it with `defer { depth -= 1 }`.
    mutating func enterNesting(at token: Token) throws(ParseFailure) {
        guard depth < Parser.maxNestingDepth else { throw nestingFailure(at: token) }
        depth += 1
    }

    /// The fatal "expression nested too deeply" failure.
    func nestingFailure(at token: Token) -> ParseFailure {
        var error = failure(
            "expression nested too deeply (more than \(Parser.maxNestingDepth) levels)", at: token,
            suggestion: "split it into smaller expressions with intermediate variables")
        error.fatal = true
        return error
    }

    // MARK: - Errors and recovery

    /// Number of brackets open since the innermost block or the top level.
    var openGroupCount: Int {
        var count = 0
        for mode in modes.reversed() {
            guard mode == .grouped else { break }
            count += 1
        }
        return count
    }

    /// A failure pointing at a token.
    func failure(_ message: String, at token: Token, suggestion: String? = nil) -> ParseFailure {
        let at = token.kind == .endOfInput ? endOfInputSpan(token) : span(of: token)
        let diagnostic: Diagnostic? = token.kind == .invalid
            ? nil : .error(message, at: at, suggestion: suggestion)
        return ParseFailure(diagnostic: diagnostic, openGroups: openGroupCount, atEnd: token.kind == .endOfInput)
    }

    /// Where "found end of input" points: just after the last token, so that the caret sits at
    /// the end of the unfinished line rather than on the empty line after a final newline.
    func endOfInputSpan(_ token: Token) -> SourceSpan {
        guard let last = tokens.last(where: { $0.kind != .newline && $0.kind != .endOfInput }) else {
            return span(of: token)
        }
        let text = text(of: last)
        guard !text.contains("\n"), !text.contains("\r") else { return span(of: token) }
        return SourceSpan(file: file, start: last.end, end: last.end, localLine: Int(last.line),
                          column: Int(last.column) + text.unicodeScalars.filter { !UTF8Scanning.isZeroWidth($0) }.count)
    }

    /// A failure pointing at a span.
    func failure(_ message: String, at span: SourceSpan, suggestion: String? = nil) -> ParseFailure {
        ParseFailure(diagnostic: .error(message, at: span, suggestion: suggestion),
                     openGroups: openGroupCount, atEnd: false)
    }

    /// Records a failure's diagnostic, once per location, up to ``Parser/maxDiagnostics``.
    mutating func record(_ failure: ParseFailure) {
        if failure.atEnd && diagnostics.isEmpty { incomplete = true }
        guard let diagnostic = failure.diagnostic else { return }
        let offset = diagnostic.span?.start ?? -1
        guard offset != lastErrorOffset else { return }
        lastErrorOffset = offset
        if diagnostics.count + lexDiagnostics.count >= Parser.maxDiagnostics {
            aborted = true
            diagnostics.append(.error("too many syntax errors; stopping here", at: diagnostic.span))
            return
        }
        diagnostics.append(diagnostic)
    }

    /// Panic-mode recovery: skips to the next statement boundary. Stops after a newline or
    /// `;` once the brackets open at the error are closed, or before a `}` closing the
    /// enclosing block. A bracket that is never closed (`fn f( {`) does not swallow the rest
    /// of the file: outside any block skipped over, a line starting with `fn`, `for`, `while`
    /// or `NAME =` starts the next statement.
    mutating func synchronize(openGroups: Int) {
        var open = openGroups
        var braces = 0
        while true {
            switch tokens[index].kind {
            case .endOfInput:
                return
            case .leftParen, .leftBracket:
                open += 1
            case .leftBrace:
                open += 1
                braces += 1
            case .rightParen, .rightBracket:
                open = max(0, open - 1)
            case .rightBrace:
                if open == 0 { return }
                open -= 1
                braces = max(0, braces - 1)
            case .newline, .semicolon:
                if open == 0 || (braces == 0 && tokens[index].kind == .newline && statementStarts(after: index)) {
                    index += 1
                    return
                }
            default:
                break
            }
            index += 1
        }
    }

    /// Whether the line after the newline at `i` starts like a statement (`fn`, `for`, `while`,
    /// or an assignment `NAME =` / `NAME += …`), for recovery from an unclosed bracket.
    func statementStarts(after i: Int) -> Bool {
        var j = i + 1
        while j < tokens.count, tokens[j].kind == .newline { j += 1 }
        guard j < tokens.count else { return false }
        switch tokens[j].kind {
        case .fnKeyword, .forKeyword, .whileKeyword:
            return true
        case .identifier:
            guard j + 1 < tokens.count else { return false }
            switch tokens[j + 1].kind {
            case .equal, .plusEqual, .minusEqual, .starEqual, .slashEqual: return true
            default: return false
            }
        default:
            return false
        }
    }
}
