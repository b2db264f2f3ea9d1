/// Statements: definitions, loops, assignments, blocks.
extension Parser {
    /// statements -> (statement (NEWLINE | ';'))* statement?
    ///
    /// Used for the program and for blocks; recovers from errors statement by statement.
    mutating func statementList(inBlock: Bool) throws(ParseFailure) -> [Stmt] {
        var statements: [Stmt] = []
        while !aborted {
            while tokens[index].kind == .newline || tokens[index].kind == .semicolon { index += 1 }
            let token = peek()
            if token.kind == .endOfInput { break }
            if token.kind == .rightBrace {
                if inBlock { break }
                record(failure("unexpected '}' with no block to close", at: token))
                advance()
                continue
            }
            do {
                let statement = try statement()
                statements.append(statement)
                try statementEnd(after: statement, inBlock: inBlock)
            } catch {
                if error.fatal {
                    if inBlock { throw error }
                    record(error)
                    aborted = true
                    break
                }
                record(error)
                synchronize(openGroups: error.openGroups)
            }
        }
        return statements
    }

    /// A statement ends at a newline, `;`, the end of input, or (in a block) before `}`.
    mutating func statementEnd(after statement: Stmt, inBlock: Bool) throws(ParseFailure) {
        let token = peek()
        switch token.kind {
        case .newline, .semicolon:
            advance()
        case .endOfInput:
            break
        case .rightBrace where inBlock:
            break
        default:
            throw failure("expected a newline or ';' after the statement, found \(describe(token))", at: token,
                          suggestion: Self.habitHint(after: statement, before: text(of: token)))
        }
    }

    /// A hint for habits from other languages: `let x = 1`, `def f(x):`, `} elif c {`.
    static func habitHint(after statement: Stmt, before next: String) -> String? {
        if ["elif", "elsif", "elseif"].contains(next) { return "write 'else if'" }
        if case .assign(_, _, let value) = statement.kind, case .name("lambda") = value.kind {
            return "anonymous functions are written x => x + 1 or (a, b) => a * b"
        }
        guard case .expression(let expr) = statement.kind, case .name(let word) = expr.kind else { return nil }
        if ["f", "rf", "fr", "F"].contains(word), next.hasPrefix("\"") || next.hasPrefix("'") {
            return "there are no f-strings: build text with + and str(), e.g. \"x = \" + str(x)"
        }
        switch word {
        case "import", "from": return "dtr has no imports: every builtin is always there; load(\"file.dtr\") runs a script"
        case "class": return "dtr has no classes: use a record {name: value, …} and functions"
        case "lambda": return "anonymous functions are written x => x + 1 or (a, b) => a * b"
        case "let", "var", "const", "local": return "assign with name = value (no '\(word)')"
        case "def", "function", "func", "fun": return "define functions with fn name(x) = … or fn name(x) { … }"
        default: return nil
        }
    }

    /// statement -> fnDecl | forStmt | whileStmt | 'break' | 'continue' | returnStmt | simpleStmt
    mutating func statement() throws(ParseFailure) -> Stmt {
        let token = peek()
        switch token.kind {
        case .fnKeyword:
            return try functionDeclaration()
        case .forKeyword:
            return try forStatement()
        case .whileKeyword:
            return try whileStatement()
        case .breakKeyword, .continueKeyword:
            advance()
            let isBreak = token.kind == .breakKeyword
            guard loopDepth > 0 else {
                throw failure("'\(isBreak ? "break" : "continue")' outside a loop", at: token)
            }
            return Stmt(isBreak ? .breakLoop : .continueLoop, span: span(of: token))
        case .returnKeyword:
            return try returnStatement()
        default:
            return try simpleStatement()
        }
    }

    /// fnDecl -> 'fn' NAME '(' parameters ')' ('=' expression | block)
    mutating func functionDeclaration() throws(ParseFailure) -> Stmt {
        let start = span(of: advance())
        let nameToken = try expect(.identifier, "a function name after 'fn'")
        let name = Identifier(text(of: nameToken), span: span(of: nameToken))
        _ = try expect(.leftParen, "'(' after the function name")
        let parameters = try parameterList()
        let savedLoops = loopDepth
        loopDepth = 0
        functionDepth += 1
        defer {
            loopDepth = savedLoops
            functionDepth -= 1
        }
        let body: Expr
        if match(.equal) != nil {
            skipNewlines()
            body = try expression()
        } else if peekKind() == .leftBrace || (tokens[index].kind == .newline && tokens[min(index + 1, tokens.count - 1)].kind == .leftBrace) {
            let block = try self.block()
            body = Expr(.block(block), span: block.span)
        } else {
            throw failure("expected '=' or '{' after the parameters, found \(describe(peek()))", at: peek(),
                          suggestion: "write fn name(x) = expression, or fn name(x) { … }")
        }
        let decl = FunctionDecl(name: name, parameters: parameters, body: body, span: span(from: start))
        return Stmt(.function(decl), span: decl.span)
    }

    /// parameters -> (parameter (',' parameter)* ','?)? ')'
    /// parameter -> NAME ('=' expression)?
    mutating func parameterList() throws(ParseFailure) -> [Parameter] {
        modes.append(.grouped)
        let savedHeader = inHeader
        inHeader = false
        defer {
            modes.removeLast()
            inHeader = savedHeader
        }
        var parameters: [Parameter] = []
        var seen: Set<String> = []
        while peekKind() != .rightParen {
            let nameToken = try expect(.identifier, "a parameter name")
            let name = Identifier(text(of: nameToken), span: span(of: nameToken))
            guard seen.insert(name.name).inserted else {
                throw failure("duplicate parameter '\(name.name)'", at: nameToken)
            }
            var defaultValue: Expr? = nil
            if match(.equal) != nil { defaultValue = try expression() }
            parameters.append(Parameter(name: name, defaultValue: defaultValue, span: span(from: name.span)))
            if match(.comma) == nil { break }
        }
        _ = try expect(.rightParen, "',' or ')' in the parameter list")
        return parameters
    }

    /// forStmt -> 'for' NAME 'in' condition block
    mutating func forStatement() throws(ParseFailure) -> Stmt {
        let start = span(of: advance())
        let nameToken = try expect(.identifier, "a loop variable name after 'for'")
        _ = try expect(.inKeyword, "'in' after the loop variable", suggestion: "write for x in sequence { … }")
        let sequence = try headerExpression()
        loopDepth += 1
        defer { loopDepth -= 1 }
        let body = try block()
        let variable = Identifier(text(of: nameToken), span: span(of: nameToken))
        return Stmt(.forIn(variable: variable, sequence: sequence, body: body), span: span(from: start))
    }

    /// whileStmt -> 'while' condition block
    mutating func whileStatement() throws(ParseFailure) -> Stmt {
        let start = span(of: advance())
        let condition = try headerExpression()
        loopDepth += 1
        defer { loopDepth -= 1 }
        let body = try block()
        return Stmt(.whileLoop(condition: condition, body: body), span: span(from: start))
    }

    /// returnStmt -> 'return' expression?
    mutating func returnStatement() throws(ParseFailure) -> Stmt {
        let token = advance()
        guard functionDepth > 0 else { throw failure("'return' outside a function", at: token) }
        switch peekKind() {
        case .newline, .semicolon, .rightBrace, .endOfInput:
            return Stmt(.returnValue(nil), span: span(of: token))
        default:
            let value = try expression()
            return Stmt(.returnValue(value), span: span(of: token).through(value.span))
        }
    }

    /// simpleStmt -> expression (('=' | '+=' | '-=' | '*=' | '/=') expression)?
    mutating func simpleStatement() throws(ParseFailure) -> Stmt {
        let expr = try expression()
        let op: AssignmentOperator
        switch peekKind() {
        case .equal: op = .assign
        case .plusEqual: op = .addAssign
        case .minusEqual: op = .subtractAssign
        case .starEqual: op = .multiplyAssign
        case .slashEqual: op = .divideAssign
        default: return Stmt(.expression(expr), span: expr.span)
        }
        let target = try assignTarget(from: expr)
        advance()
        skipNewlines()
        let value = try expression()
        return Stmt(.assign(target: target, op: op, value: value), span: expr.span.through(value.span))
    }

    /// target -> NAME ('.' NAME | '[' indexItems ']')*
    func assignTarget(from expr: Expr) throws(ParseFailure) -> AssignTarget {
        var steps: [AssignTarget.Step] = []
        var current = expr
        while true {
            switch current.kind {
            case .name(let name):
                return AssignTarget(root: Identifier(name, span: current.span), steps: steps.reversed(), span: expr.span)
            case .field(let base, let name):
                steps.append(.field(name))
                current = base
            case .index(let base, let items):
                steps.append(.index(items, span: current.span))
                current = base
            case .call:
                throw failure("cannot assign to a function call", at: current.span,
                              suggestion: "to define a function, write fn name(x) = …")
            default:
                throw failure("cannot assign to this expression", at: current.span,
                              suggestion: "the left of '=' must be a name, a field (a.b) or an index (a[i])")
            }
        }
    }

    /// block -> '{' statements '}'
    mutating func block() throws(ParseFailure) -> Block {
        continueOnNextLine(with: .leftBrace)
        let hint: String? = switch peekKind() {
        case .equal: "use '==' to compare"
        case .colon: "blocks are written { … }, not with ':'"
        default: nil
        }
        let open = try expect(.leftBrace, "'{' to open a block", suggestion: hint)
        try enterNesting(at: open)
        modes.append(.statements)
        let savedHeader = inHeader
        inHeader = false
        defer {
            depth -= 1
            modes.removeLast()
            inHeader = savedHeader
        }
        let statements = try statementList(inBlock: true)
        guard peekKind() == .rightBrace else {
            var error = failure("expected '}' to close the block opened at line \(span(of: open).line), found \(describe(peek()))", at: peek())
            error.diagnostic?.notes.append(Diagnostic.Note("the block starts here", span: span(of: open)))
            throw error
        }
        advance()
        return Block(statements: statements, span: span(from: span(of: open)))
    }

    /// condition -> expression   (where '{' always opens the body)
    mutating func headerExpression() throws(ParseFailure) -> Expr {
        let saved = inHeader
        inHeader = true
        defer { inHeader = saved }
        return try expression()
    }
}
