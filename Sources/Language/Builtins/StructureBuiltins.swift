import Tensor

extension Registry {
    /// `shape reshape transpose concat stack f32 f64 matmul outer where clip norm softmax`.
    static let structureBuiltins: [Builtin] = [
        Builtin("shape", [.required("x", .tensor)],
                help: "The extent of each axis as a list of integers.",
                example: "shape(zeros([2, 3]))", expected: "[2, 3]") { a throws(Unwind) in
            .list(a.tensor(0).shape.map { .number(Double($0)) })
        },
        Builtin("reshape", [.required("x", .tensor), .required("shape", .any)],
                help: "The same elements in a new shape (one extent may be -1 to infer it).",
                example: "reshape(arange(6), [2, 3])", expected: "f64[2, 3]\n[[0 1 2]\n [3 4 5]]") { a throws(Unwind) in
            let t = a.tensor(0)
            var dims: [Int] = []
            let spec: [Value]
            switch a.value(1) {
            case .number: spec = [a.value(1)]
            case .list(let l): spec = l
            case .tensor(let b): spec = b.tensor.toArray().map { .number($0) }
            case let v: throw a.fail("shape must be an integer or a list of integers, got a \(v.typeName)", at: 1)
            }
            for v in spec {
                guard case .number(let x) = v else { throw a.fail("shape must hold integers, got a \(v.typeName)", at: 1) }
                dims.append(try integer(x, a.spans[1], "shape"))
            }
            return Value(try a.run { () throws(TensorError) in try t.reshape(dims) })
        },
        Builtin("transpose", [.required("x", .tensor), .optional("axes", .shape)],
                help: "Axes reversed (or permuted by `axes:`).",
                example: "transpose([[1, 2]])", expected: "f64[2, 1]\n[[1]\n [2]]") { a throws(Unwind) in
            let t = a.tensor(0)
            let axes = a.given(1) ? a.shape(1) : nil
            return Value(try a.run { () throws(TensorError) in try t.transpose(axes: axes) })
        },
        Builtin("concat", [.required("tensors", .list), .optional("axis", .integer, .number(0))],
                help: "Joins tensors along an existing axis.",
                example: "concat([[1, 2], [3]])", expected: "f64[3] [1 2 3]") { a throws(Unwind) in
            let ts = try tensors(a, 0)
            return Value(try a.run { () throws(TensorError) in try Tensor.concat(ts, axis: a.int(1)) })
        },
        Builtin("stack", [.required("tensors", .list), .optional("axis", .integer, .number(0))],
                help: "Joins tensors of one shape along a new axis.",
                example: "stack([[1, 2], [3, 4]], axis: 1)", expected: "f64[2, 2]\n[[1 3]\n [2 4]]") { a throws(Unwind) in
            let ts = try tensors(a, 0)
            return Value(try a.run { () throws(TensorError) in try Tensor.stack(ts, axis: a.int(1)) })
        },
        Builtin("f32", [.required("x", .tensor)], help: "The tensor converted to 32-bit floats.",
                example: "f32([1, 2])", expected: "f32[2] [1 2]") { a throws(Unwind) in
            let t = a.tensor(0)
            return Value(try a.run { () throws(TensorError) in try t.converted(to: .f32) })
        },
        Builtin("f64", [.required("x", .tensor)], help: "The tensor converted to 64-bit floats.",
                example: "f64(f32([1, 2]))", expected: "f64[2] [1 2]") { a throws(Unwind) in
            let t = a.tensor(0)
            return Value(try a.run { () throws(TensorError) in try t.converted(to: .f64) })
        },
        Builtin("matmul", [.required("a", .tensor), .required("b", .tensor)],
                help: "Matrix product with numpy's rules (1-D operands, batching); the same as `a @ b`.",
                example: "matmul([[1, 2], [3, 4]], [1, 1])", expected: "f64[2] [3 7]") { a throws(Unwind) in
            try LinearAlgebra.matmul(a.tensor(0), a.tensor(1), a.span)
        },
        Builtin("outer", [.required("a", .tensor), .required("b", .tensor)],
                help: "The outer product of two vectors.",
                example: "outer([1, 2], [1, 10])", expected: "f64[2, 2]\n[[ 1 10]\n [ 2 20]]") { a throws(Unwind) in
            let (p, q) = (a.tensor(0), a.tensor(1))
            return Value(try a.run { () throws(TensorError) in try Tensor.outer(p, q) })
        },
        Builtin("where", [.required("condition", .tensor), .optional("a", .tensor), .optional("b", .tensor)],
                help: "Elementwise choice: `a` where the condition is true (non-zero), else `b` (broadcasting). With the condition alone, the positions where it holds: a list of index tensors, one per axis (numpy's one-argument where, the same as nonzero).",
                example: "where([1, 0, 1], 5, [7, 8, 9])", expected: "f64[3] [5 8 5]") { a throws(Unwind) in
            let c0 = a.tensor(0)
            if !a.given(1) && !a.given(2) {
                return .list(try a.run { () throws(TensorError) in try c0.nonzero() }.map { Value($0) })
            }
            guard a.given(1) && a.given(2) else { throw a.fail("where takes the condition alone or with both a and b") }
            let (c, p, q) = (c0, a.tensor(1), a.tensor(2))
            return Conversions.result(try a.run { () throws(TensorError) in try Tensor.where(c, p, q) })
        },
        Builtin("clip", [.required("x", .numeric), .required("lo", .tensor), .required("hi", .tensor)],
                help: "Limits values to [lo, hi] elementwise.",
                example: "clip([-1, 0.5, 2], 0, 1)", expected: "f64[3] [0.  0.5 1. ]") { a throws(Unwind) in
            let x = Conversions.asTensor(a.value(0)) ?? Tensor(scalar: 0)
            let (lo, hi) = (a.tensor(1), a.tensor(2))
            return Conversions.result(try a.run { () throws(TensorError) in try Tensor.clip(x, lo, hi) })
        },
        Builtin("norm", [.required("x", .tensor), .optional("axis", .integer)],
                help: "The Euclidean (L2) norm, of everything or along `axis:`.",
                example: "norm([3, 4])", expected: "5") { a throws(Unwind) in
            let t = a.tensor(0)
            return Conversions.result(try a.run { () throws(TensorError) in try Tensor.norm(t, axis: a.optionalInt(1)) })
        },
        Builtin("softmax", [.required("x", .tensor), .optional("axis", .integer, .number(-1))],
                help: "exp(x) normalised to sum to 1 along `axis:` (default the last), computed stably.",
                example: "softmax([0, 0])", expected: "f64[2] [0.5 0.5]") { a throws(Unwind) in
            let t = a.tensor(0)
            return Value(try a.run { () throws(TensorError) in try Tensor.softmax(t, axis: a.int(1)) })
        },
    ]
}

/// A list argument of tensors (each converted; a list of numbers counts as one tensor per item).
private func tensors(_ a: Args, _ i: Int) throws(Unwind) -> [Tensor] {
    var out: [Tensor] = []
    for v in a.list(i) {
        guard let t = Conversions.asTensor(v) else { throw a.fail("expected a list of tensors, found a \(v.typeName)", at: i) }
        out.append(t)
    }
    return out
}

/// Matrix products for `@` and `matmul`.
enum LinearAlgebra {
    static func matmul(_ x: Tensor, _ y: Tensor, _ span: SourceSpan) throws(Unwind) -> Value {
        Conversions.result(try engine(span) { () throws(TensorError) in try Tensor.matmul(x, y) })
    }
}
