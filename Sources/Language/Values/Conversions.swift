import Tensor

/// Conversions between language values and engine types, shared by the evaluator and the
/// builtins.
enum Conversions {
    /// A list literal's value: numbers (and booleans, 0-d tensors) become a 1-D f64 tensor
    /// (bool when every item is a boolean);
    /// tensors (or numeric lists) of one shape become a tensor with a new first axis
    /// (so nested numeric literals are 2-D); anything else, or ragged rows, stays a list.
    static func listLiteral(_ items: [Value]) -> Value {
        if items.isEmpty { return .list(items) }
        if items.contains(where: { $0.isTracked }) { return GradDispatch.listLiteral(items) }
        if let t = try? tensor(fromList: items) { return Value(t) }
        return .list(items)
    }

    /// Most dimensions a list literal may nest into (numpy's limit). Deeper lists stay
    /// lists without being walked, so `x = [x]` in a loop stays linear.
    static let maxListRank = 64

    /// The tensor a numeric list stands for; throws a description of why it is not one.
    static func tensor(fromList items: [Value], depth: Int = 1) throws(TensorError) -> Tensor {
        guard depth <= maxListRank else { throw .invalidArgument("a list nested more than \(maxListRank) deep is not a tensor") }
        var scalars: [Double] = []
        scalars.reserveCapacity(items.count)
        var allScalars = true, allBools = true
        for v in items {
            if case .bool = v {} else { allBools = false }
            switch v {
            case .number(let x): scalars.append(x)
            case .bool(let b): scalars.append(b ? 1 : 0)
            case .tensor(let box) where box.tensor.rank == 0: scalars.append(box.tensor.load(box.tensor.offset))
            default: allScalars = false
            }
            if !allScalars { break }
        }
        if allScalars { return try Tensor(scalars, dtype: allBools ? .bool : .f64) }
        var rows: [Tensor] = []
        for v in items {
            switch v {
            case .tensor(let box): rows.append(box.tensor)
            case .list(let inner): rows.append(try tensor(fromList: inner, depth: depth + 1))
            default: throw .invalidArgument("a list holding a \(v.typeName) is not a tensor")
            }
        }
        guard let first = rows.first, rows.allSatisfy({ $0.shape == first.shape }) else {
            throw .invalidArgument("the rows of the list have different shapes")
        }
        guard first.rank < maxListRank else { throw .invalidArgument("a tensor cannot have more than \(maxListRank) dimensions") }
        let dtype = rows.dropFirst().reduce(first.dtype) { $0.promoted(with: $1.dtype) }
        var values: [Double] = []
        values.reserveCapacity(rows.count * first.count)
        for r in rows { values.append(contentsOf: r.toArray()) }
        return try Tensor(values, shape: [rows.count] + first.shape, dtype: dtype)
    }

    /// `v` as a tensor: tensors, numbers (0-d), booleans and numeric lists; nil otherwise.
    static func asTensor(_ v: Value) -> Tensor? {
        switch numericOperand(v) {
        case .scalar(let x): return Tensor(scalar: x)
        case .tensor(let t): return t
        case nil: return nil
        }
    }

    /// A tensor result as a value: a 0-d tensor becomes a number (a boolean for bool).
    static func result(_ t: Tensor) -> Value {
        if t.rank == 0 { return t.dtype == .bool ? .bool(t.load(t.offset) != 0) : .number(t.load(t.offset)) }
        return Value(t)
    }
}
