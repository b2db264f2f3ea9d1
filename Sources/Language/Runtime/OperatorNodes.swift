import Tensor

/// `lhs op rhs` with a fast path for two numbers.
final class BinaryNode: Node {
    let op: BinaryOperator
    let lhs: Node, rhs: Node
    init(_ op: BinaryOperator, _ lhs: Node, _ rhs: Node, opSpan: SourceSpan) {
        self.op = op
        self.lhs = lhs
        self.rhs = rhs
        super.init(span: opSpan)
    }
    override func eval(_ c: Context) throws(Unwind) -> Value {
        let a = try lhs.eval(c)
        let b = try rhs.eval(c)
        if case .number(let x) = a, case .number(let y) = b, op != .matmul { return Ops.numbers(op, x, y) }
        return try Ops.binary(op, a, b, span)
    }
}

/// `a + b`: the commonest operator gets its own node.
final class AddNode: Node {
    let lhs: Node, rhs: Node
    init(_ lhs: Node, _ rhs: Node, opSpan: SourceSpan) {
        self.lhs = lhs
        self.rhs = rhs
        super.init(span: opSpan)
    }
    override func eval(_ c: Context) throws(Unwind) -> Value {
        let a = try lhs.eval(c)
        let b = try rhs.eval(c)
        if case .number(let x) = a, case .number(let y) = b { return .number(x + y) }
        return try Ops.binary(.add, a, b, span)
    }
}

/// `a - b`.
final class SubtractNode: Node {
    let lhs: Node, rhs: Node
    init(_ lhs: Node, _ rhs: Node, opSpan: SourceSpan) {
        self.lhs = lhs
        self.rhs = rhs
        super.init(span: opSpan)
    }
    override func eval(_ c: Context) throws(Unwind) -> Value {
        let a = try lhs.eval(c)
        let b = try rhs.eval(c)
        if case .number(let x) = a, case .number(let y) = b { return .number(x - y) }
        return try Ops.binary(.subtract, a, b, span)
    }
}

/// `a < b`.
final class LessNode: Node {
    let lhs: Node, rhs: Node
    init(_ lhs: Node, _ rhs: Node, opSpan: SourceSpan) {
        self.lhs = lhs
        self.rhs = rhs
        super.init(span: opSpan)
    }
    override func eval(_ c: Context) throws(Unwind) -> Value {
        let a = try lhs.eval(c)
        let b = try rhs.eval(c)
        if case .number(let x) = a, case .number(let y) = b { return .bool(x < y) }
        return try Ops.binary(.less, a, b, span)
    }
}

/// A long left-associative chain `e0 op1 e1 op2 e2 …`, evaluated iteratively.
final class ChainNode: Node {
    let first: Node
    let ops: [BinaryOperator]
    let operands: [Node]
    let opSpans: [SourceSpan]
    init(first: Node, ops: [BinaryOperator], operands: [Node], opSpans: [SourceSpan], span: SourceSpan) {
        self.first = first
        self.ops = ops
        self.operands = operands
        self.opSpans = opSpans
        super.init(span: span)
    }
    override func eval(_ c: Context) throws(Unwind) -> Value {
        var acc = try first.eval(c)
        for i in 0..<operands.count {
            let b = try operands[i].eval(c)
            if case .number(let x) = acc, case .number(let y) = b, ops[i] != .matmul {
                acc = Ops.numbers(ops[i], x, y)
            } else {
                acc = try Ops.binary(ops[i], acc, b, opSpans[i])
            }
        }
        return acc
    }
}

/// `a and b and …` / `a or b or …`: short-circuit on booleans and numbers, giving a boolean;
/// elementwise (numpy's `&`, `|`) once an operand is a bool tensor.
final class LogicNode: Node {
    let isAnd: Bool
    let operands: [Node]
    init(isAnd: Bool, operands: [Node], span: SourceSpan) {
        self.isAnd = isAnd
        self.operands = operands
        super.init(span: span)
    }
    override func eval(_ c: Context) throws(Unwind) -> Value {
        let word = isAnd ? "and" : "or"
        // Once a bool tensor appears, the rest combine with it elementwise (numpy's & and |).
        var acc: Tensor? = nil
        for node in operands {
            let v = try node.eval(c)
            if let t = acc {
                let rhs = try boolOperand(v, node.span, word)
                acc = try engine(span) { [isAnd] () throws(TensorError) in
                    try Tensor.binary(isAnd ? .minimum : .maximum, t, rhs).converted(to: .bool)
                }
                continue
            }
            if case .tensor(let box) = v, box.tensor.dtype == .bool {
                acc = box.tensor
                continue
            }
            if case .tensor(let box) = v, box.tensor.count > 1 { _ = try boolOperand(v, node.span, word) }
            let t = try truth(v, node.span, what: word)
            if t != isAnd { return .bool(t) }
        }
        if let acc { return Conversions.result(acc) }
        return .bool(isAnd)
    }
}

/// `v` as an operand of elementwise `and`/`or`/`not`: a bool tensor or a boolean. A float
/// tensor is an error: numpy's `&` refuses floats too, and 0/1 floats would hide a mistake.
func boolOperand(_ v: Value, _ span: SourceSpan, _ word: String) throws(Unwind) -> Tensor {
    switch v {
    case .bool(let b): return Tensor(scalar: b ? 1 : 0, dtype: .bool)
    case .tensor(let box) where box.tensor.dtype == .bool: return box.tensor
    case .tensor(let box):
        throw Unwind.error("`\(word)` works elementwise on bool tensors, got a \(box.tensor.dtype.rawValue) tensor", span,
                           suggestion: "compare first, e.g. (x > 0) \(word == "not" ? "" : word + " ")…, or convert with bool(x)")
    default:
        throw Unwind.error("`\(word)` needs booleans or bool tensors, got a \(v.typeName)", span)
    }
}

/// `not x` (elementwise on a bool tensor, numpy's `~`).
final class NotNode: Node {
    let operand: Node
    init(_ operand: Node, span: SourceSpan) {
        self.operand = operand
        super.init(span: span)
    }
    override func eval(_ c: Context) throws(Unwind) -> Value {
        let v = try operand.eval(c)
        if case .tensor(let box) = v, box.tensor.dtype == .bool || box.tensor.count > 1 {
            let t = try boolOperand(v, operand.span, "not")
            return Conversions.result(try engine(span) { () throws(TensorError) in try Tensor.binary(.eq, t, 0).converted(to: .bool) })
        }
        return .bool(!(try truth(v, operand.span, what: "not")))
    }
}

/// `-x`.
final class NegateNode: Node {
    let operand: Node
    init(_ operand: Node, span: SourceSpan) {
        self.operand = operand
        super.init(span: span)
    }
    override func eval(_ c: Context) throws(Unwind) -> Value {
        let v = try operand.eval(c)
        if case .number(let x) = v { return .number(-x) }
        return try Ops.negate(v, span)
    }
}

/// `base ^ exponent`.
final class PowerNode: Node {
    let base: Node, exponent: Node
    init(_ base: Node, _ exponent: Node, opSpan: SourceSpan) {
        self.base = base
        self.exponent = exponent
        super.init(span: opSpan)
    }
    override func eval(_ c: Context) throws(Unwind) -> Value {
        try Ops.power(try base.eval(c), try exponent.eval(c), span)
    }
}

/// Whether a condition value is true: booleans, numbers and one-element tensors
/// (non-zero is true). A larger tensor is ambiguous and suggests `any`/`all`.
@inline(__always)
func truth(_ v: Value, _ span: SourceSpan, what: String = "a condition") throws(Unwind) -> Bool {
    switch v {
    case .bool(let b): return b
    case .number(let x): return x != 0
    case .tensor(let box):
        if let x = box.tensor.scalarValue { return x != 0 }
        throw Unwind.error(
            "the truth value of a tensor with \(box.tensor.count) elements is ambiguous",
            span, suggestion: "use any(x) or all(x)")
    default:
        let context = what == "a condition" ? "a condition" : "`\(what)`"
        throw Unwind.error("\(context) needs a boolean or a number, got a \(v.typeName)", span)
    }
}

/// `local op constant` (`n - 1`, `i < 10`): reads the slot in place, no copies for numbers.
final class LocalConstNode: Node {
    let op: BinaryOperator
    let slot: Int
    let k: Double
    let fallback: Node
    init(_ op: BinaryOperator, slot: Int, k: Double, fallback: Node) {
        self.op = op
        self.slot = slot
        self.k = k
        self.fallback = fallback
        super.init(span: fallback.span)
    }
    override func eval(_ c: Context) throws(Unwind) -> Value { try compute(c) }

    /// The node's value (callable directly, without virtual dispatch).
    @inline(__always)
    func compute(_ c: Context) throws(Unwind) -> Value {
        if case .number(let x) = c.fp[slot] {
            switch op {
            case .add: return .number(x + k)
            case .subtract: return .number(x - k)
            case .multiply: return .number(x * k)
            case .less: return .bool(x < k)
            case .lessEqual: return .bool(x <= k)
            case .greater: return .bool(x > k)
            case .greaterEqual: return .bool(x >= k)
            case .equal: return .bool(x == k)
            case .notEqual: return .bool(x != k)
            default: return Ops.numbers(op, x, k)
            }
        }
        return try fallback.eval(c)
    }
}

/// `a op constant` for any left operand.
final class ConstRightNode: Node {
    let op: BinaryOperator
    let lhs: Node
    let k: Double
    let kValue: Value
    init(_ op: BinaryOperator, _ lhs: Node, k: Double, opSpan: SourceSpan) {
        self.op = op
        self.lhs = lhs
        self.k = k
        self.kValue = .number(k)
        super.init(span: opSpan)
    }
    override func eval(_ c: Context) throws(Unwind) -> Value {
        let a = try lhs.eval(c)
        if case .number(let x) = a { return Ops.numbers(op, x, k) }
        return try Ops.binary(op, a, kValue, span)
    }
}

/// `g = g + e` for a global `g` (a common loop accumulator), without intermediate copies.
final class GlobalAccumulateNode: Node {
    let slot: Int
    let name: String
    let rhs: Node
    let fallback: Node
    init(slot: Int, name: String, rhs: Node, fallback: Node) {
        self.slot = slot
        self.name = name
        self.rhs = rhs
        self.fallback = fallback
        super.init(span: fallback.span)
    }
    override func eval(_ c: Context) throws(Unwind) -> Value {
        if case .number(let x) = c.globals[slot] {
            let b = try rhs.eval(c)
            if case .number(let y) = b, case .number = c.globals[slot] {
                c.globals[slot] = .number(x + y)
                return .none
            }
            c.globals[slot] = try Ops.binary(.add, .number(x), b, span)
            return .none
        }
        return try fallback.eval(c)
    }
}

/// `if local op k { … } else { … }`: the comparison is done inline.
final class IfLocalCompareNode: Node {
    let test: LocalConstNode
    let then: Node
    /// The else branch (a `none` constant when absent: optional children cost a retain).
    let otherwise: Node
    let general: IfElseNode
    /// The local slot the then branch reads when it is just a local (`if n < 2 { n }`), else -1.
    let thenLocal: Int
    init(_ test: LocalConstNode, _ general: IfElseNode) {
        self.test = test
        self.then = general.then
        self.thenLocal = (general.then as? LocalGet)?.slot ?? -1
        self.otherwise = general.otherwise ?? ConstNode(.none, span: general.span)
        self.general = general
        super.init(span: general.span)
    }
    override func eval(_ c: Context) throws(Unwind) -> Value {
        guard case .number(let x) = c.fp[test.slot] else { return try general.eval(c) }
        let k = test.k
        let t: Bool
        switch test.op {
        case .less: t = x < k
        case .lessEqual: t = x <= k
        case .greater: t = x > k
        case .greaterEqual: t = x >= k
        case .equal: t = x == k
        case .notEqual: t = x != k
        default: return try general.eval(c)
        }
        if t {
            if thenLocal >= 0, case .number(let v) = c.fp[thenLocal] { return .number(v) }
            return try then.eval(c)
        }
        return try otherwise.eval(c)
    }
}
