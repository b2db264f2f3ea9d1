/// Postfix operators: calls, subscripts, field access.
extension Parser {
    /// postfix -> primary ('(' arguments ')' | '[' indexItems ']' | '.' NAME)*
    ///
    /// Parsed by a loop; each postfix operator counts as one nesting level.
    mutating func postfix() throws(ParseFailure) -> Expr {
        var expr = try primary()
        var count = 0
        while true {
            let token = peek()
            switch token.kind {
            case .leftParen, .leftBracket, .dot:
                guard depth + count < Parser.maxNestingDepth else { throw nestingFailure(at: token) }
                count += 1
            default:
                return expr
            }
            switch token.kind {
            case .leftParen:
                let arguments = try argumentList()
                expr = Expr(.call(callee: expr, arguments: arguments), span: span(from: expr.span))
            case .leftBracket:
                let items = try indexItems()
                expr = Expr(.index(base: expr, items: items), span: span(from: expr.span))
            default:
                advance()
                guard let nameToken = match(.identifier) else {
                    throw failure("expected a field name after '.', found \(describe(peek()))", at: peek())
                }
                let name = Identifier(text(of: nameToken), span: span(of: nameToken))
                expr = Expr(.field(base: expr, name: name), span: span(from: expr.span))
            }
        }
    }

    /// Runs `body` with newlines ignored and record literals allowed (inside a bracket pair).
    mutating func grouped<T>(_ body: (inout Parser) throws(ParseFailure) -> T) throws(ParseFailure) -> T {
        modes.append(.grouped)
        let savedHeader = inHeader
        inHeader = false
        defer {
            modes.removeLast()
            inHeader = savedHeader
        }
        return try body(&self)
    }

    /// arguments -> '(' (argument (',' argument)* ','?)? ')'
    /// argument -> (NAME ':')? expression
    mutating func argumentList() throws(ParseFailure) -> [Argument] {
        try grouped { (parser: inout Parser) throws(ParseFailure) -> [Argument] in
            let open = parser.advance()
            var arguments: [Argument] = []
            var labels: Set<String> = []
            while parser.peekKind() != .rightParen {
                var label: Identifier? = nil
                if parser.peekKind() == .identifier, parser.kindAfterCurrent() == .colon {
                    let token = parser.advance()
                    parser.advance()
                    let name = Identifier(parser.text(of: token), span: parser.span(of: token))
                    guard labels.insert(name.name).inserted else {
                        throw parser.failure("argument '\(name.name)' is given twice", at: token)
                    }
                    label = name
                }
                let value = try parser.expression()
                let start = label?.span ?? value.span
                arguments.append(Argument(label: label, value: value, span: start.through(value.span)))
                if parser.match(.comma) == nil {
                    if label == nil, case .name(let name) = value.kind, parser.peekKind() != .rightParen {
                        throw parser.failure(
                            "expected ',' or ')' in the argument list, found \(parser.describe(parser.peek()))",
                            at: parser.peek(), suggestion: "for a named argument write \(name): value")
                    }
                    break
                }
            }
            _ = try parser.expectClosing(.rightParen, "',' or ')' in the argument list", opener: open)
            return arguments
        }
    }

    /// indexItems -> '[' item (',' item)* ','? ']'
    /// item -> expression | expression? ':' expression? (':' expression?)?
    mutating func indexItems() throws(ParseFailure) -> [IndexItem] {
        try grouped { (parser: inout Parser) throws(ParseFailure) -> [IndexItem] in
            let open = parser.advance()
            var items: [IndexItem] = []
            while parser.peekKind() != .rightBracket {
                items.append(try parser.indexItem())
                if parser.match(.comma) == nil { break }
            }
            if items.isEmpty {
                throw parser.failure("expected an index inside '[ ]'", at: parser.peek())
            }
            _ = try parser.expectClosing(.rightBracket, "',' or ']' in the index", opener: open)
            return items
        }
    }

    /// One subscript item: an expression or a `start:stop:step` slice.
    mutating func indexItem() throws(ParseFailure) -> IndexItem {
        let startToken = peek()
        let startSpan = span(of: startToken)
        var start: Expr? = nil
        if startToken.kind != .colon {
            let expr = try expression()
            guard peekKind() == .colon else { return .expr(expr) }
            start = expr
        }
        advance()
        func atEndOfPart(_ parser: inout Parser) -> Bool {
            let kind = parser.peekKind()
            return kind == .colon || kind == .comma || kind == .rightBracket
        }
        let stop: Expr? = atEndOfPart(&self) ? nil : try expression()
        var step: Expr? = nil
        if match(.colon) != nil, !atEndOfPart(&self) {
            step = try expression()
        }
        return .slice(start: start, stop: stop, step: step, span: span(from: startSpan))
    }
}
