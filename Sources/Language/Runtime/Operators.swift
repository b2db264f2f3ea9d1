import Tensor

/// The meaning of dtr's operators on every kind of value.
///
/// - numbers: IEEE arithmetic (`1 / 0` is `inf`, as numpy); `%` takes the divisor's sign;
///   comparisons give `true`/`false`.
/// - tensors (with tensors or numbers): elementwise with numpy broadcasting, comparisons
///   give bool tensors; `@` is `matmul` (two numbers are an error); `//` is floor division.
/// - booleans act as 0 and 1 in arithmetic.
/// - strings: `+` concatenates, `==`/`!=`/`<`… compare; lists: `+` concatenates and a
///   list of numbers acts as a tensor elsewhere.
/// - `==`/`!=` on values of different kinds (or non-numeric values) compare structurally
///   and give `true`/`false`.
enum Ops {
    /// `a op b` for every binary operator except `and`/`or` (which short-circuit).
    static func binary(_ op: BinaryOperator, _ a: Value, _ b: Value, _ span: SourceSpan) throws(Unwind) -> Value {
        if case .number(let x) = a, case .number(let y) = b, op != .matmul { return numbers(op, x, y) }
        if op == .floorDivide { return try floorDivide(a, b, span) }
        if a.isTracked || b.isTracked {
            if op == .matmul { return try GradDispatch.matmul(a, b, span) }
            if let top = tensorOp(op) { return try GradDispatch.binary(top, a, b, span) }
        }
        switch (a, b) {
        case (.string(let x), .string(let y)):
            switch op {
            case .add:
                try ValueLimits.checkString(bytes: x.utf8.count + y.utf8.count, span)
                return .string(x + y)
            case .equal: return .bool(x == y)
            case .notEqual: return .bool(x != y)
            case .less: return .bool(x < y)
            case .lessEqual: return .bool(x <= y)
            case .greater: return .bool(x > y)
            case .greaterEqual: return .bool(x >= y)
            default: break
            }
        case (.list(let x), .list(let y)) where op == .add:
            try ValueLimits.checkList(count: x.count + y.count, span)
            return .list(x + y)
        case (.list(let x), .tensor(let y)) where op == .add && y.tensor.rank == 1:
            try ValueLimits.checkList(count: x.count + y.tensor.count, span)
            return .list(x + y.tensor.toArray().map { Value.number($0) })
        default: break
        }
        if op == .matmul { return try matmul(a, b, span) }
        // A plain boolean with a bool tensor stays bool, as Python's True with a numpy bool array.
        if case .bool(let p) = a, case .tensor(let q) = b, q.tensor.dtype == .bool {
            return try boolArithmetic(op, Tensor(scalar: p ? 1 : 0, dtype: .bool), q.tensor, span)
        }
        if case .tensor(let p) = a, p.tensor.dtype == .bool, case .bool(let q) = b {
            return try boolArithmetic(op, p.tensor, Tensor(scalar: q ? 1 : 0, dtype: .bool), span)
        }
        if let x = numericOperand(a), let y = numericOperand(b), let top = tensorOp(op) {
            let r: Tensor
            switch (x, y) {
            case (.scalar(let p), .scalar(let q)): return numbers(op, p, q)
            case (.tensor(let p), .scalar(let q)): r = try engine(span) { () throws(TensorError) in try Tensor.binary(top, p, q) }
            case (.scalar(let p), .tensor(let q)): r = try engine(span) { () throws(TensorError) in try Tensor.binary(top, p, q) }
            case (.tensor(let p), .tensor(let q)):
                if p.dtype == .bool && q.dtype == .bool { return try boolArithmetic(op, p, q, span) }
                r = try engine(span) { () throws(TensorError) in try Tensor.binary(top, p, q) }
            }
            if op.isComparison { return Value(try engine(span) { () throws(TensorError) in try r.converted(to: .bool) }) }
            return Value(r)
        }
        if op == .equal { return .bool(Ops.equal(a, b)) }
        if op == .notEqual { return .bool(!Ops.equal(a, b)) }
        if op == .add, case .string = a, !(b.isString) {
            throw Unwind.error("cannot apply + to string and \(b.typeName)", span,
                               suggestion: "convert it to text first: \"…\" + str(\(Self.sourceHint(b)))")
        }
        if op == .add, case .string = b, !(a.isString) {
            throw Unwind.error("cannot apply + to \(a.typeName) and string", span,
                               suggestion: "convert it to text first: str(\(Self.sourceHint(a))) + \"…\"")
        }
        throw Unwind.error("cannot apply \(op.symbol) to \(a.typeName) and \(b.typeName)", span)
    }

    /// A short stand-in for a value in a hint: the number itself, else `x`.
    static func sourceHint(_ v: Value) -> String {
        if case .number(let x) = v, x == x.rounded(), Swift.abs(x) < 1e15 { return String(Int(x)) }
        return "x"
    }

    /// Number ⊕ number.
    @inline(__always)
    static func numbers(_ op: BinaryOperator, _ x: Double, _ y: Double) -> Value {
        switch op {
        case .add: return .number(x + y)
        case .subtract: return .number(x - y)
        case .multiply, .matmul: return .number(x * y)
        case .divide: return .number(x / y)
        case .remainder: return .number(pythonMod(x, y))
        case .floorDivide: return .number(Tensor.floorDivide(x, y))
        case .equal: return .bool(x == y)
        case .notEqual: return .bool(x != y)
        case .less: return .bool(x < y)
        case .lessEqual: return .bool(x <= y)
        case .greater: return .bool(x > y)
        case .greaterEqual: return .bool(x >= y)
        case .and: return .bool(x != 0 && y != 0)
        case .or: return .bool(x != 0 || y != 0)
        }
    }

    /// Two bool tensors under an arithmetic operator, as numpy: `+` is elementwise or, `*` is
    /// and (both stay bool); `-` is an error (numpy refuses boolean subtract) with a hint;
    /// `/ // %` compute in f64 (numpy's values; its integer dtypes are f64 here).
    static func boolArithmetic(_ op: BinaryOperator, _ p: Tensor, _ q: Tensor, _ span: SourceSpan) throws(Unwind) -> Value {
        let engineOp: BinaryOp
        switch op {
        case .add: engineOp = .maximum
        case .multiply: engineOp = .minimum
        case .subtract:
            throw Unwind.error("cannot apply - to two bool tensors", span,
                               suggestion: "convert first, e.g. f64(a) - f64(b); for exclusive or use a != b")
        case .floorDivide:
            return Value(try engine(span) { () throws(TensorError) in try Tensor.floorDivide(p, q) })
        default:
            guard let top = tensorOp(op) else { throw Unwind.error("cannot apply \(op.symbol) to two bool tensors", span) }
            let r = try engine(span) { () throws(TensorError) in try Tensor.binary(top, p, q) }
            return Value(op.isComparison ? try engine(span) { () throws(TensorError) in try r.converted(to: .bool) } : r)
        }
        return Value(try engine(span) { () throws(TensorError) in try Tensor.binary(engineOp, p, q).converted(to: .bool) })
    }

    /// Python's `%`: the result has the sign of the divisor.
    @inline(__always)
    static func pythonMod(_ x: Double, _ y: Double) -> Double {
        let r = x.truncatingRemainder(dividingBy: y)
        if y == 0 { return r }
        if r == 0 { return Double(signOf: y, magnitudeOf: 0) }  // numpy: a zero takes the divisor's sign
        return (r < 0) != (y < 0) ? r + y : r
    }

    /// `a // b`: numpy's floor_divide (the gradient of a floor is zero, so a tracked operand
    /// gives an untracked result).
    static func floorDivide(_ a: Value, _ b: Value, _ span: SourceSpan) throws(Unwind) -> Value {
        guard let x = numericOperand(a), let y = numericOperand(b) else {
            throw Unwind.error("cannot apply // to \(a.typeName) and \(b.typeName)", span)
        }
        switch (x, y) {
        case (.scalar(let p), .scalar(let q)): return .number(Tensor.floorDivide(p, q))
        case (.tensor(let p), .scalar(let q)): return Value(try engine(span) { () throws(TensorError) in try Tensor.floorDivide(p, q) })
        case (.scalar(let p), .tensor(let q)): return Value(try engine(span) { () throws(TensorError) in try Tensor.floorDivide(p, q) })
        case (.tensor(let p), .tensor(let q)): return Value(try engine(span) { () throws(TensorError) in try Tensor.floorDivide(p, q) })
        }
    }

    /// `base ^ exponent`.
    static func power(_ a: Value, _ b: Value, _ span: SourceSpan) throws(Unwind) -> Value {
        if case .number(let x) = a, case .number(let y) = b { return .number(pow(x, y)) }
        if a.isTracked || b.isTracked { return try GradDispatch.binary(.pow, a, b, span) }
        guard let x = numericOperand(a), let y = numericOperand(b) else {
            throw Unwind.error("cannot apply ^ to \(a.typeName) and \(b.typeName)", span)
        }
        switch (x, y) {
        case (.scalar(let p), .scalar(let q)): return .number(pow(p, q))
        case (.tensor(let p), .scalar(let q)): return Value(try engine(span) { () throws(TensorError) in try Tensor.binary(.pow, p, q) })
        case (.scalar(let p), .tensor(let q)): return Value(try engine(span) { () throws(TensorError) in try Tensor.binary(.pow, p, q) })
        case (.tensor(let p), .tensor(let q)): return Value(try engine(span) { () throws(TensorError) in try Tensor.binary(.pow, p, q) })
        }
    }

    /// `-x`.
    static func negate(_ a: Value, _ span: SourceSpan) throws(Unwind) -> Value {
        if case .tensor(let box) = a, let v = box.variable { return try GradDispatch.negate(v, span) }
        switch numericOperand(a) {
        case .scalar(let x): return .number(-x)
        case .tensor(let t): return Value(try engine(span) { () throws(TensorError) in try Tensor.unary(.neg, t) })
        case nil: throw Unwind.error("cannot negate a \(a.typeName)", span)
        }
    }

    /// `x @ y` (numpy's matmul rules). Two numbers are an error, as numpy's matmul of scalars.
    static func matmul(_ a: Value, _ b: Value, _ span: SourceSpan) throws(Unwind) -> Value {
        if case .scalar? = numericOperand(a), case .scalar? = numericOperand(b) {
            throw Unwind.error("@ needs tensors with at least one axis, got two numbers", span,
                               suggestion: "use * to multiply numbers")
        }
        guard case .tensor(let x)? = numericOperand(a)?.promoted,
              case .tensor(let y)? = numericOperand(b)?.promoted else {
            throw Unwind.error("cannot apply @ to \(a.typeName) and \(b.typeName)", span)
        }
        return try LinearAlgebra.matmul(x, y, span)
    }

    /// The engine operator for a language operator.
    static func tensorOp(_ op: BinaryOperator) -> BinaryOp? {
        switch op {
        case .add: return .add
        case .subtract: return .sub
        case .multiply: return .mul
        case .divide: return .div
        case .remainder: return .mod
        case .equal: return .eq
        case .notEqual: return .ne
        case .less: return .lt
        case .lessEqual: return .le
        case .greater: return .gt
        case .greaterEqual: return .ge
        case .matmul, .and, .or, .floorDivide: return nil
        }
    }

    /// Structural equality (`==` on non-numeric values).
    static func equal(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)): return x == y
        case (.bool(let x), .bool(let y)): return x == y
        case (.none, .none): return true
        case (.string(let x), .string(let y)): return x == y
        case (.tensor(let x), .tensor(let y)): return x.tensor.shape == y.tensor.shape && x.tensor.toArray() == y.tensor.toArray()
        case (.list(let x), .list(let y)): return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        case (.record(let x), .record(let y)):
            return x.names == y.names && zip(x.values, y.values).allSatisfy { equal($0, $1) }
        case (.function(let x), .function(let y)): return x === y
        case (.builtin(let x), .builtin(let y)): return x === y
        case (.range(let x), .range(let y)): return x == y
        case (.object(let x), .object(let y)): return x === y
        default: return false
        }
    }
}

/// A value seen as a number or a tensor, when it is one (numbers, booleans, tensors,
/// numeric lists).
enum Operand {
    case scalar(Double)
    case tensor(Tensor)

    /// As a tensor (a scalar becomes 0-d).
    var promoted: Operand {
        if case .scalar(let x) = self { return .tensor(Tensor(scalar: x)) }
        return self
    }
}

/// `v` as a number or tensor, or nil for other kinds (and lists that are not numeric).
func numericOperand(_ v: Value) -> Operand? {
    switch v {
    case .number(let x): return .scalar(x)
    case .bool(let b): return .scalar(b ? 1 : 0)
    case .tensor(let box): return .tensor(box.tensor)
    case .list(let items): return (try? Conversions.tensor(fromList: items)).map { .tensor($0) }
    default: return nil
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
