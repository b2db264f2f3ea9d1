/// Primary expressions: literals, names, brackets, lambdas, records, blocks, `if`.
extension Parser {
    /// primary -> NUMBER | STRING | 'true' | 'false' | 'none' | NAME | lambda | '(' expression ')'
    ///          | list | record | block | ifExpr
    mutating func primary() throws(ParseFailure) -> Expr {
        let token = peek()
        let here = span(of: token)
        switch token.kind {
        case .number:
            advance()
            let value = numbers.indices.contains(Int(token.payload)) ? numbers[Int(token.payload)] : 0
            return Expr(.number(value, text: text(of: token)), span: here)
        case .string:
            advance()
            let value = strings.indices.contains(Int(token.payload)) ? strings[Int(token.payload)] : ""
            return Expr(.string(value), span: here)
        case .trueKeyword:
            advance()
            return Expr(.bool(true), span: here)
        case .falseKeyword:
            advance()
            return Expr(.bool(false), span: here)
        case .noneKeyword:
            advance()
            return Expr(.noneLiteral, span: here)
        case .identifier:
            if tokens[index + 1].kind == .arrow { return try lambda() }
            advance()
            return Expr(.name(text(of: token)), span: here)
        case .leftParen:
            if startsLambdaParameters() { return try lambda() }
            return try parenthesized()
        case .leftBracket:
            return try listLiteral()
        case .leftBrace:
            if inHeader {
                throw failure("expected a condition before '{'", at: token)
            }
            if startsRecord() { return try recordLiteral() }
            let block = try self.block()
            return Expr(.block(block), span: block.span)
        case .ifKeyword:
            return try ifExpression()
        case .fnKeyword:
            throw failure("'fn' defines a named function as a statement", at: token,
                          suggestion: "for an anonymous function write x => expression or (a, b) => expression")
        case .endOfInput:
            throw failure("expected an expression, found end of input", at: token)
        default:
            throw failure("expected an expression, found \(describe(token))", at: token)
        }
    }

    /// '(' expression ')'
    mutating func parenthesized() throws(ParseFailure) -> Expr {
        try grouped { (parser: inout Parser) throws(ParseFailure) -> Expr in
            let open = parser.advance()
            if parser.peekKind() == .rightParen {
                throw parser.failure("expected an expression inside '( )'", at: parser.peek(),
                                     suggestion: "for a function with no parameters write () => expression")
            }
            let inner = try parser.expression()
            _ = try parser.expectClosing(.rightParen, "')' to close the '(' at line \(parser.span(of: open).line), col \(parser.span(of: open).column)", opener: open)
            return inner
        }
    }

    /// list -> '[' (expression (',' expression)* ','?)? ']'
    mutating func listLiteral() throws(ParseFailure) -> Expr {
        try grouped { (parser: inout Parser) throws(ParseFailure) -> Expr in
            let open = parser.advance()
            var elements: [Expr] = []
            while parser.peekKind() != .rightBracket {
                elements.append(try parser.expression())
                if parser.match(.comma) == nil { break }
            }
            _ = try parser.expectClosing(.rightBracket, "',' or ']' in the list", opener: open)
            return Expr(.list(elements), span: parser.span(from: parser.span(of: open)))
        }
    }

    /// Whether the `{` at the current token starts a record: `{}` or `{NAME:` (newlines allowed).
    func startsRecord() -> Bool {
        var next = index + 1
        while next < tokens.count - 1, tokens[next].kind == .newline { next += 1 }
        if tokens[next].kind == .rightBrace { return true }
        return tokens[next].kind == .identifier && next + 1 < tokens.count && tokens[next + 1].kind == .colon
    }

    /// record -> '{' (NAME ':' expression (',' NAME ':' expression)* ','?)? '}'
    ///
    /// Newlines inside a record literal are ignored; fields are separated by commas.
    mutating func recordLiteral() throws(ParseFailure) -> Expr {
        let open = peek()
        try enterNesting(at: open)
        defer { depth -= 1 }
        return try grouped { (parser: inout Parser) throws(ParseFailure) -> Expr in
            parser.advance()
            var fields: [RecordField] = []
            var seen: Set<String> = []
            while parser.peekKind() != .rightBrace {
                let nameToken = try parser.expect(.identifier, "a field name in the record")
                let name = Identifier(parser.text(of: nameToken), span: parser.span(of: nameToken))
                guard seen.insert(name.name).inserted else {
                    throw parser.failure("duplicate field '\(name.name)' in record", at: nameToken)
                }
                _ = try parser.expect(.colon, "':' after the field name")
                let value = try parser.expression()
                fields.append(RecordField(name: name, value: value, span: name.span.through(value.span)))
                if parser.match(.comma) == nil { break }
            }
            _ = try parser.expectClosing(.rightBrace, "',' or '}' in the record", opener: open,
                                         suggestion: "separate record fields with commas")
            return Expr(.record(fields), span: parser.span(from: parser.span(of: open)))
        }
    }

    /// Whether the `(` at the current token starts lambda parameters: `()` or `(a, b, …)` then `=>`.
    func startsLambdaParameters() -> Bool {
        var next = index + 1
        func skip() { while next < tokens.count - 1, tokens[next].kind == .newline { next += 1 } }
        skip()
        while tokens[next].kind == .identifier {
            next += 1
            skip()
            guard tokens[next].kind == .comma else { break }
            next += 1
            skip()
        }
        return tokens[next].kind == .rightParen && next + 1 < tokens.count && tokens[next + 1].kind == .arrow
    }

    /// lambda -> (NAME | '(' (NAME (',' NAME)* ','?)? ')') '=>' expression
    mutating func lambda() throws(ParseFailure) -> Expr {
        let startToken = peek()
        var parameters: [Parameter] = []
        if startToken.kind == .identifier {
            advance()
            let name = Identifier(text(of: startToken), span: span(of: startToken))
            parameters.append(Parameter(name: name, span: name.span))
        } else {
            try grouped { (parser: inout Parser) throws(ParseFailure) in
                parser.advance()
                var seen: Set<String> = []
                while let token = parser.match(.identifier) {
                    let name = Identifier(parser.text(of: token), span: parser.span(of: token))
                    guard seen.insert(name.name).inserted else {
                        throw parser.failure("duplicate parameter '\(name.name)'", at: token)
                    }
                    parameters.append(Parameter(name: name, span: name.span))
                    if parser.match(.comma) == nil { break }
                }
                _ = try parser.expect(.rightParen, "')' after the lambda parameters")
            }
        }
        _ = try expect(.arrow, "'=>' after the lambda parameters")
        skipNewlines()
        let savedLoops = loopDepth
        loopDepth = 0
        functionDepth += 1
        defer {
            loopDepth = savedLoops
            functionDepth -= 1
        }
        let body = try expression()
        return Expr(.lambda(parameters: parameters, body: body), span: span(of: startToken).through(body.span))
    }

    /// ifExpr -> 'if' condition block ('else' 'if' condition block)* ('else' block)?
    ///
    /// `else` may also start the line after the `}`.
    mutating func ifExpression() throws(ParseFailure) -> Expr {
        let start = span(of: peek())
        var branches: [IfBranch] = []
        var elseBlock: Block? = nil
        try enterNesting(at: peek())
        defer { depth -= 1 }
        while true {
            let ifToken = advance()
            let condition = try headerExpression()
            let body = try block()
            branches.append(IfBranch(condition: condition, body: body, span: span(from: span(of: ifToken))))
            continueOnNextLine(with: .elseKeyword)
            guard match(.elseKeyword) != nil else { break }
            if peekKind() == .ifKeyword { continue }
            elseBlock = try block()
            break
        }
        return Expr(.ifElse(branches: branches, elseBlock: elseBlock), span: span(from: start))
    }
}
