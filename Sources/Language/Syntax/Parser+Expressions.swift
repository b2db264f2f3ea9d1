/// Expressions by precedence, loosest first (SPEC §4):
/// `|>`; `or`; `and`; `not`; comparisons; ranges; `+ -`; `* / // % @`; unary `-`; `^` (also
/// spelled `**`); postfix.
extension Parser {
    /// The left-associative levels parsed by ``binaryChain(_:)`` into flat chains.
    enum ChainLevel {
        case or, and, comparison, additive, multiplicative

        func binaryOperator(for kind: TokenKind) -> BinaryOperator? {
            switch (self, kind) {
            case (.or, .orKeyword): return .or
            case (.and, .andKeyword): return .and
            case (.comparison, .equalEqual): return .equal
            case (.comparison, .bangEqual): return .notEqual
            case (.comparison, .less): return .less
            case (.comparison, .lessEqual): return .lessEqual
            case (.comparison, .greater): return .greater
            case (.comparison, .greaterEqual): return .greaterEqual
            case (.additive, .plus): return .add
            case (.additive, .minus): return .subtract
            case (.multiplicative, .star): return .multiply
            case (.multiplicative, .slash): return .divide
            case (.multiplicative, .slashSlash): return .floorDivide
            case (.multiplicative, .percent): return .remainder
            case (.multiplicative, .at): return .matmul
            default: return nil
            }
        }
    }

    /// expression -> pipe
    mutating func expression() throws(ParseFailure) -> Expr {
        try enterNesting(at: peek())
        defer { depth -= 1 }
        return try pipeExpression()
    }

    /// pipe -> orExpr ('|>' orExpr)*        (a `|>` may start the next line)
    mutating func pipeExpression() throws(ParseFailure) -> Expr {
        let first = try binaryChain(.or)
        var stages: [PipeStage] = []
        while true {
            continueOnNextLine(with: .pipe)
            guard let op = match(.pipe) else { break }
            skipNewlines()
            let stage = try binaryChain(.or)
            if case .call(let callee, let arguments) = stage.kind {
                stages.append(PipeStage(callee: callee, arguments: arguments, span: stage.span, opSpan: span(of: op)))
            } else {
                stages.append(PipeStage(callee: stage, arguments: nil, span: stage.span, opSpan: span(of: op)))
            }
        }
        guard let last = stages.last else { return first }
        return Expr(.pipe(first: first, stages: stages), span: first.span.through(last.span))
    }

    /// orExpr -> andExpr ('or' andExpr)*
    /// andExpr -> notExpr ('and' notExpr)*
    /// comparison -> range (('==' | '!=' | '<' | '<=' | '>' | '>=') range)*
    /// additive -> multiplicative (('+' | '-') multiplicative)*
    /// multiplicative -> unary (('*' | '/' | '%' | '@') unary)*
    ///
    /// One loop per level; the result is one flat node however long the chain.
    mutating func binaryChain(_ level: ChainLevel) throws(ParseFailure) -> Expr {
        let first = try chainOperand(level)
        var rest: [ChainLink] = []
        while let op = level.binaryOperator(for: peekKind()) {
            let opToken = advance()
            skipNewlines()
            let operand = try chainOperand(level)
            rest.append(ChainLink(op: op, operand: operand, opSpan: span(of: opToken)))
        }
        guard let last = rest.last else { return first }
        return Expr(.binary(first: first, rest: rest), span: first.span.through(last.operand.span))
    }

    /// The operand of one chain level: the next tighter level.
    mutating func chainOperand(_ level: ChainLevel) throws(ParseFailure) -> Expr {
        switch level {
        case .or: return try binaryChain(.and)
        case .and: return try notExpression()
        case .comparison: return try rangeExpression()
        case .additive: return try binaryChain(.multiplicative)
        case .multiplicative: return try unary()
        }
    }

    /// notExpr -> 'not' notExpr | comparison
    mutating func notExpression() throws(ParseFailure) -> Expr {
        guard let op = match(.notKeyword) else { return try binaryChain(.comparison) }
        try enterNesting(at: op)
        defer { depth -= 1 }
        skipNewlines()
        let operand = try notExpression()
        return Expr(.unary(.not, operand), span: span(of: op).through(operand.span))
    }

    /// range -> additive (('..<' | '...') additive)?     (ranges do not chain)
    mutating func rangeExpression() throws(ParseFailure) -> Expr {
        let lower = try binaryChain(.additive)
        let kind = peekKind()
        guard kind == .dotDotLess || kind == .dotDotDot else { return lower }
        advance()
        skipNewlines()
        let upper = try binaryChain(.additive)
        let next = peek()
        if next.kind == .dotDotLess || next.kind == .dotDotDot {
            throw failure("ranges cannot be chained", at: next, suggestion: "add parentheses")
        }
        return Expr(.range(lower: lower, upper: upper, inclusive: kind == .dotDotDot), span: lower.span.through(upper.span))
    }

    /// unary -> '-' unary | power
    mutating func unary() throws(ParseFailure) -> Expr {
        guard let op = match(.minus) else { return try power() }
        try enterNesting(at: op)
        defer { depth -= 1 }
        let operand = try unary()
        return Expr(.unary(.negate, operand), span: span(of: op).through(operand.span))
    }

    /// power -> postfix ('^' unary)?       (right-associative; `2 ^ -1` works)
    mutating func power() throws(ParseFailure) -> Expr {
        let base = try postfix()
        guard let op = match(.caret) else { return base }
        try enterNesting(at: op)
        defer { depth -= 1 }
        skipNewlines()
        let exponent = try unary()
        return Expr(.power(base: base, exponent: exponent, opSpan: span(of: op)), span: base.span.through(exponent.span))
    }
}
