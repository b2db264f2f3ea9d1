import Tensor

/// A reduction over every element or along `axis:`; a full reduction gives a number.
func reductionBuiltin(_ name: String, _ op: ReduceOp, _ help: String, example: String, expected: String) -> Builtin {
    Builtin(name, [.required("x", .tensor), .optional("axis", .integer), .optional("keepdims", .bool, .bool(false))],
            help: help + " With `axis:`, reduces along that axis only.", example: example, expected: expected) { a throws(Unwind) in
        try reduce(a, op, tensorIndex: 0, axisIndex: 1, keepdims: a.bool(2))
    }
}

private func reduce(_ a: Args, _ op: ReduceOp, tensorIndex: Int, axisIndex: Int, keepdims: Bool = false) throws(Unwind) -> Value {
    let t = a.tensor(tensorIndex)
    let axis = a.optionalInt(axisIndex)
    return Conversions.result(try a.run { () throws(TensorError) in try Tensor.reduce(op, t, axis: axis, keepdims: keepdims) })
}

/// `b` with its result converted to bool (numpy's `any`/`all` return booleans).
private func boolReduction(_ b: Builtin) -> Builtin {
    Builtin(b.name, b.parameters, help: b.help, example: b.example, expected: b.expected) { a throws(Unwind) in
        switch try b.body(a) {
        case .number(let x): return .bool(x != 0)
        case .tensor(let box): return Value(try a.run { () throws(TensorError) in try box.tensor.converted(to: .bool) })
        case let v: return v
        }
    }
}

/// `max`/`min`: a reduction with one tensor, elementwise with two.
private func extremum(_ name: String, _ reduceOp: ReduceOp, _ binaryOp: BinaryOp, _ help: String, example: String, expected: String) -> Builtin {
    Builtin(name, [.required("x", .numeric), .optional("y", .numeric), .optional("axis", .integer),
                   .optional("keepdims", .bool, .bool(false))],
            help: help, example: example, expected: expected) { a throws(Unwind) in
        if a.given(1) {
            guard !a.given(2) else { throw a.fail("\(name)(a, b) is elementwise and takes no axis", at: 2) }
            guard !a.bool(3) else { throw a.fail("\(name)(a, b) is elementwise and takes no keepdims", at: 3) }
            return try Ops.elementwise(binaryOp, a.value(0), a.value(1), a.span)
        }
        if case .number(let x) = a.value(0), !a.bool(3) { return .number(x) }
        return try reduce(a, reduceOp, tensorIndex: 0, axisIndex: 2, keepdims: a.bool(3))
    }
}

extension Ops {
    /// An engine binary op on two numeric values (numbers stay numbers).
    static func elementwise(_ op: BinaryOp, _ x: Value, _ y: Value, _ span: SourceSpan) throws(Unwind) -> Value {
        guard let p = Conversions.asTensor(x), let q = Conversions.asTensor(y) else {
            throw Unwind.error("\(op.symbol) needs numbers or tensors, got \(x.typeName) and \(y.typeName)", span)
        }
        return Conversions.result(try engine(span) { () throws(TensorError) in try Tensor.binary(op, p, q) })
    }
}

extension Registry {
    /// `sum mean std var max min argmax argmin any all cumsum cumprod sort argsort`.
    static let reductionBuiltins: [Builtin] = [
        reductionBuiltin("sum", .sum, "Sum of the elements (nan propagates).", example: "sum([[1, 2], [3, 4]], axis: 0)", expected: "f64[2] [4 6]"),
        reductionBuiltin("mean", .mean, "Mean of the elements.", example: "mean([1, 2, 3, 4])", expected: "2.5"),
        reductionBuiltin("std", .std, "Population standard deviation (numpy's default, ddof 0).", example: "std([1, 3])", expected: "1"),
        reductionBuiltin("var", .var, "Population variance (ddof 0).", example: "var([1, 3])", expected: "1"),
        extremum("max", .max, .maximum,
                 "The largest element (nan propagates), along `axis:` if given. With two arguments, the elementwise maximum `max(a, b)`.",
                 example: "max([3, 1, 4])", expected: "4"),
        extremum("min", .min, .minimum,
                 "The smallest element (nan propagates), along `axis:` if given. With two arguments, the elementwise minimum `min(a, b)`.",
                 example: "min([3, 1, 4], 2)", expected: "f64[3] [2 1 2]"),
        reductionBuiltin("argmax", .argmax, "Index of the first largest element.", example: "argmax([1, 5, 5])", expected: "1"),
        reductionBuiltin("argmin", .argmin, "Index of the first smallest element.", example: "argmin([4, 1, 1])", expected: "1"),
        boolReduction(reductionBuiltin("any", .any, "Whether any element is non-zero (true); a bool tensor with `axis:`.",
                                       example: "any([0, 0, 2])", expected: "true")),
        boolReduction(reductionBuiltin("all", .all, "Whether every element is non-zero (true); a bool tensor with `axis:`.",
                                       example: "all([1, 0])", expected: "false")),
        Builtin("cumsum", [.required("x", .tensor), .optional("axis", .integer)],
                help: "Running sums (over the flattened tensor, or along `axis:`).",
                example: "cumsum([1, 2, 3])", expected: "f64[3] [1 3 6]") { a throws(Unwind) in
            let t = a.tensor(0)
            return Value(try a.run { () throws(TensorError) in try Tensor.cumsum(t, axis: a.optionalInt(1)) })
        },
        Builtin("cumprod", [.required("x", .tensor), .optional("axis", .integer)],
                help: "Running products (over the flattened tensor, or along `axis:`).",
                example: "cumprod([1, 2, 3])", expected: "f64[3] [1 2 6]") { a throws(Unwind) in
            let t = a.tensor(0)
            return Value(try a.run { () throws(TensorError) in try Tensor.cumprod(t, axis: a.optionalInt(1)) })
        },
        Builtin("sort", [.required("x", .tensor), .optional("axis", .integer, .number(-1))],
                help: "The elements sorted ascending along `axis:` (default the last); nan last.",
                example: "sort([3, 1, 2])", expected: "f64[3] [1 2 3]") { a throws(Unwind) in
            let t = a.tensor(0)
            return Value(try a.run { () throws(TensorError) in try Tensor.sort(t, axis: a.int(1)) })
        },
        Builtin("argsort", [.required("x", .tensor), .optional("axis", .integer, .number(-1))],
                help: "Indices that sort the tensor along `axis:` (stable).",
                example: "argsort([3, 1, 2])", expected: "f64[3] [1 2 0]") { a throws(Unwind) in
            let t = a.tensor(0)
            return Value(try a.run { () throws(TensorError) in try Tensor.argsort(t, axis: a.int(1)) })
        },
    ]
}
