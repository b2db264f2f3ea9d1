import Tensor

/// `{ s1; s2; … }`: the value of the last statement when it is an expression, else `none`.
final class BlockNode: Node {
    let statements: [Node]
    let lastIsExpression: Bool
    init(_ statements: [Node], lastIsExpression: Bool, span: SourceSpan) {
        self.statements = statements
        self.lastIsExpression = lastIsExpression
        super.init(span: span)
    }
    override func eval(_ c: Context) throws(Unwind) -> Value {
        var last = Value.none
        for s in statements { last = try s.eval(c) }
        return lastIsExpression ? last : .none
    }
}

/// A statement whose value is discarded (so it never leaks into a block's value).
final class DiscardNode: Node {
    let inner: Node
    init(_ inner: Node) {
        self.inner = inner
        super.init(span: inner.span)
    }
    override func eval(_ c: Context) throws(Unwind) -> Value {
        _ = try inner.eval(c)
        return .none
    }
}

/// `if c1 { … } else if c2 { … } else { … }`.
final class IfNode: Node {
    let conditions: [Node]
    let bodies: [Node]
    let elseBody: Node?
    init(conditions: [Node], bodies: [Node], elseBody: Node?, span: SourceSpan) {
        self.conditions = conditions
        self.bodies = bodies
        self.elseBody = elseBody
        super.init(span: span)
    }
    override func eval(_ c: Context) throws(Unwind) -> Value {
        for i in 0..<conditions.count {
            let cond = conditions[i]
            let v = try cond.eval(c)
            let t: Bool
            if case .bool(let b) = v { t = b } else { t = try truth(v, cond.span) }
            if t { return try bodies[i].eval(c) }
        }
        return try elseBody?.eval(c) ?? .none
    }
}

/// `if c { … } else { … }` with one condition (the common case, without arrays).
final class IfElseNode: Node {
    let condition: Node, then: Node
    /// The else branch, if written.
    let otherwise: Node?
    /// The else branch or a `none` constant (non-optional: no retain on the hot path).
    let elseNode: Node
    init(_ condition: Node, _ then: Node, _ otherwise: Node?, span: SourceSpan) {
        self.condition = condition
        self.then = then
        self.otherwise = otherwise
        self.elseNode = otherwise ?? ConstNode(.none, span: span)
        super.init(span: span)
    }
    override func eval(_ c: Context) throws(Unwind) -> Value {
        let v = try condition.eval(c)
        let t: Bool
        if case .bool(let b) = v { t = b } else { t = try truth(v, condition.span) }
        if t { return try then.eval(c) }
        return try elseNode.eval(c)
    }
}

/// `while condition { body }`.
final class WhileNode: Node {
    let condition: Node, body: Node
    init(_ condition: Node, _ body: Node, span: SourceSpan) {
        self.condition = condition
        self.body = body
        super.init(span: span)
    }
    override func eval(_ c: Context) throws(Unwind) -> Value {
        while true {
            c.tick &+= 1
                if c.tick & 255 == 0, Interrupt.isRequested { throw Unwind.interrupted(span) }
            let v = try condition.eval(c)
            let t: Bool
            if case .bool(let b) = v { t = b } else { t = try truth(v, condition.span) }
            if !t { break }
            do throws(Unwind) {
                _ = try body.eval(c)
            } catch {
                switch error {
                case .breakLoop: return .none
                case .continueLoop: continue
                default: throw error
                }
            }
        }
        return .none
    }
}

/// `for variable in sequence { body }` over ranges, lists, tensors (first axis) and strings.
final class ForNode: Node {
    let variable: VarRef
    let sequence: Node, body: Node
    init(_ variable: VarRef, _ sequence: Node, _ body: Node, span: SourceSpan) {
        self.variable = variable
        self.sequence = sequence
        self.body = body
        super.init(span: span)
    }

    override func eval(_ c: Context) throws(Unwind) -> Value {
        let seq = try sequence.eval(c)
        switch seq {
        case .range(let r):
            var i = r.lower
            if case .global(let g) = variable {
                while i < r.upper {
                    c.tick &+= 1
                    if c.tick & 255 == 0, Interrupt.isRequested { throw Unwind.interrupted(span) }
                    c.globals[g] = .number(Double(i))
                    c.defined[g] = true
                    i &+= 1
                    if try !step(c) { break }
                }
                return .none
            }
            if case .local(let l) = variable {
                while i < r.upper {
                    c.tick &+= 1
                    if c.tick & 255 == 0, Interrupt.isRequested { throw Unwind.interrupted(span) }
                    c.fp[l] = .number(Double(i))
                    i &+= 1
                    if try !step(c) { break }
                }
                return .none
            }
            while i < r.upper {
                c.tick &+= 1
                if c.tick & 255 == 0, Interrupt.isRequested { throw Unwind.interrupted(span) }
                variable.store(.number(Double(i)), c)
                i &+= 1
                if try !step(c) { break }
            }
        case .list(let items):
            for item in items {
                c.tick &+= 1
                if c.tick & 255 == 0, Interrupt.isRequested { throw Unwind.interrupted(span) }
                variable.store(item, c)
                if try !step(c) { break }
            }
        case .tensor(let box):
            let t = box.tensor
            guard t.rank > 0 else { throw Unwind.error("cannot iterate over a 0-d tensor", sequence.span) }
            for i in 0..<t.shape[0] {
                c.tick &+= 1
                if c.tick & 255 == 0, Interrupt.isRequested { throw Unwind.interrupted(span) }
                let row = try engine(sequence.span) { () throws(TensorError) in try t.subscripted([IndexArg.index(i)]) }
                variable.store(Conversions.result(row), c)
                if try !step(c) { break }
            }
        case .string(let s):
            for ch in s {
                c.tick &+= 1
                if c.tick & 255 == 0, Interrupt.isRequested { throw Unwind.interrupted(span) }
                variable.store(.string(String(ch)), c)
                if try !step(c) { break }
            }
        default:
            throw Unwind.error("cannot iterate over a \(seq.typeName)", sequence.span)
        }
        return .none
    }

    /// Runs the body once; false when it did `break`.
    @inline(__always)
    private func step(_ c: Context) throws(Unwind) -> Bool {
        do throws(Unwind) {
            _ = try body.eval(c)
        } catch {
            switch error {
            case .breakLoop: return false
            case .continueLoop: return true
            default: throw error
            }
        }
        return true
    }
}

/// `break`.
final class BreakNode: Node {
    override func eval(_ c: Context) throws(Unwind) -> Value { throw .breakLoop }
}

/// `continue`.
final class ContinueNode: Node {
    override func eval(_ c: Context) throws(Unwind) -> Value { throw .continueLoop }
}

/// `return value`.
final class ReturnNode: Node {
    let value: Node?
    init(_ value: Node?, span: SourceSpan) {
        self.value = value
        super.init(span: span)
    }
    override func eval(_ c: Context) throws(Unwind) -> Value {
        c.returnValue = try value?.eval(c) ?? .none
        throw .returnValue
    }
}
