import Foundation
import Tensor

/// A builtin applying `f` elementwise in the argument's float precision; numbers give numbers.
private func mathBuiltin(_ name: String, _ help: String, example: String, expected: String,
                         _ f64: @escaping @Sendable (Double) -> Double, _ f32: @escaping @Sendable (Float) -> Float) -> Builtin {
    Builtin(name, [.required("x", .numeric)], help: help, example: example, expected: expected) { a throws(Unwind) in
        if case .number(let x) = a.value(0) { return .number(f64(x)) }
        guard let t = Conversions.asTensor(a.value(0)) else { throw a.fail("\(name) needs a number or tensor", at: 0) }
        return Value(try a.run { () throws(TensorError) in try Tensor.mapUnary(t, f64: f64, f32: f32) })
    }
}

/// A builtin testing each element, giving a bool tensor (a boolean for a number).
private func predicateBuiltin(_ name: String, _ help: String, example: String, expected: String,
                              _ test: @escaping @Sendable (Double) -> Bool) -> Builtin {
    Builtin(name, [.required("x", .numeric)], help: help, example: example, expected: expected) { a throws(Unwind) in
        if case .number(let x) = a.value(0) { return .bool(test(x)) }
        guard let t = Conversions.asTensor(a.value(0)) else { throw a.fail("\(name) needs a number or tensor", at: 0) }
        return Value(try a.run { () throws(TensorError) in
            try Tensor.mapUnary(t, f64: { test($0) ? 1 : 0 }, f32: { test(Double($0)) ? 1 : 0 }).converted(to: .bool)
        })
    }
}

/// numpy's `sign`: -1, 0 or 1 (nan stays nan).
@Sendable func numpySign(_ x: Double) -> Double { x > 0 ? 1 : x < 0 ? -1 : x }

/// numpy's `isclose`: |a − b| ≤ atol + rtol·|b|, infinities equal only to themselves, nan never.
@Sendable func numpyIsClose(_ a: Double, _ b: Double, rtol: Double, atol: Double) -> Bool {
    if a.isNaN || b.isNaN { return false }
    if a.isInfinite || b.isInfinite { return a == b }
    return Swift.abs(a - b) <= atol + rtol * Swift.abs(b)
}

/// The items of a list, range, string or tensor (rows) as values, for `enumerate` and `zip`.
func sequenceItems(_ v: Value, _ a: Args, at i: Int) throws(Unwind) -> [Value] {
    switch v {
    case .list(let items): return items
    case .range(let r):
        guard r.count <= Indexing.maxMaterialised else { throw a.fail("this range is too long (\(r.count) values)", at: i) }
        return (r.lower..<Swift.max(r.lower, r.upper)).map { .number(Double($0)) }
    case .string(let s): return s.map { .string(String($0)) }
    case .tensor(let box):
        let t = box.tensor
        guard t.rank > 0 else { throw a.fail("a 0-d tensor has no items", at: i) }
        var out: [Value] = []
        for k in 0..<t.shape[0] { out.append(Conversions.result(try a.run { () throws(TensorError) in try t.subscripted([IndexArg.index(k)]) })) }
        return out
    default: throw a.fail("expected a list, range, string or tensor, got a \(v.typeName)", at: i)
    }
}

/// Monotonic seconds since an arbitrary start.
func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

extension Registry {
    /// Builtins a numpy user reaches for (SPEC §4 "Numpy habits"): `bool isfinite isinf
    /// nonzero log2 log10 exp2 expm1 sign hypot int float keys values has enumerate zip
    /// append squeeze expand_dims flip diff tile repeat unique allclose isclose einsum time`.
    static let numpyBuiltins: [Builtin] = [
        Builtin("bool", [.required("x", .any)],
                help: "A tensor converted to bool (non-zero and nan are true, as numpy's astype(bool)); a number or boolean as a boolean.",
                example: "bool([0, 2, -1])", expected: "bool[3] [false  true  true]") { a throws(Unwind) in
            switch a.value(0) {
            case .bool(let b): return .bool(b)
            case .number(let x): return .bool(x != 0)
            default:
                guard let t = Conversions.asTensor(a.value(0)) else { throw a.fail("bool needs a number or tensor, got a \(a.value(0).typeName)", at: 0) }
                return Value(try a.run { () throws(TensorError) in try t.converted(to: .bool) })
            }
        },
        predicateBuiltin("isfinite", "True where x is neither infinite nor nan (a bool tensor).",
                         example: "isfinite([1, 1 / 0, 0 / 0])", expected: "bool[3] [ true false false]") { $0.isFinite },
        predicateBuiltin("isinf", "True where x is +inf or -inf (a bool tensor).",
                         example: "isinf([1, -1 / 0])", expected: "bool[2] [false  true]") { $0.isInfinite },
        Builtin("nonzero", [.required("x", .tensor)],
                help: "The positions of the non-zero (true) elements: a list of index tensors, one per axis, as numpy's nonzero. `x[nonzero(x)]`-style selection is `x[x != 0]`.",
                example: "nonzero([[0, 1], [1, 0]])", expected: "[[0 1], [1 0]]") { a throws(Unwind) in
            let t = a.tensor(0)
            return .list(try a.run { () throws(TensorError) in try t.nonzero() }.map { Value($0) })
        },
        mathBuiltin("log2", "Base-2 logarithm, elementwise.", example: "log2([1, 8])", expected: "f64[2] [0 3]", { log2($0) }, { log2f($0) }),
        mathBuiltin("log10", "Base-10 logarithm, elementwise.", example: "log10(1000)", expected: "3", { log10($0) }, { log10f($0) }),
        mathBuiltin("exp2", "2^x, elementwise.", example: "exp2([0, 3])", expected: "f64[2] [1 8]", { exp2($0) }, { exp2f($0) }),
        mathBuiltin("expm1", "e^x − 1, accurate for small x.", example: "expm1(0)", expected: "0", { expm1($0) }, { expm1f($0) }),
        mathBuiltin("sign", "-1, 0 or 1 by the sign of x (nan stays nan), as numpy's sign.",
                    example: "sign([-2, 0, 3])", expected: "f64[3] [-1  0  1]", numpySign, { Float(numpySign(Double($0))) }),
        Builtin("hypot", [.required("a", .numeric), .required("b", .numeric)],
                help: "√(a² + b²) elementwise without overflow (broadcasting), as numpy's hypot.",
                example: "hypot(3, 4)", expected: "5") { a throws(Unwind) in
            if case .number(let x) = a.value(0), case .number(let y) = a.value(1) { return .number(hypot(x, y)) }
            guard let p = Conversions.asTensor(a.value(0)), let q = Conversions.asTensor(a.value(1)) else { throw a.fail("hypot needs numbers or tensors") }
            return Conversions.result(try a.run { () throws(TensorError) in
                try Tensor.mapBinary("hypot", p, q, f64: { hypot($0, $1) }, f32: { hypotf($0, $1) })
            })
        },
        Builtin("int", [.required("x", .any)],
                help: "Truncates toward zero, as Python's int (a tensor elementwise); a string is parsed as an integer.",
                example: "int(-2.7)", expected: "-2") { a throws(Unwind) in
            switch a.value(0) {
            case .number(let x):
                guard x.isFinite else { throw a.fail("cannot convert \(x) to an integer", at: 0) }
                return .number(x.rounded(.towardZero))
            case .bool(let b): return .number(b ? 1 : 0)
            case .string(let s):
                guard let n = Int(s.trimmingCharacters(in: .whitespaces)) else { throw a.fail("\"\(s)\" is not an integer", at: 0) }
                return .number(Double(n))
            default:
                guard let t = Conversions.asTensor(a.value(0)) else { throw a.fail("int needs a number, string or tensor, got a \(a.value(0).typeName)", at: 0) }
                return Value(try a.run { () throws(TensorError) in
                    try Tensor.mapUnary(t, f64: { $0.rounded(.towardZero) }, f32: { $0.rounded(.towardZero) })
                })
            }
        },
        Builtin("float", [.required("x", .any)],
                help: "A number from a number, boolean or string (\"1e-3\", \"inf\", \"nan\"); a tensor as f64.",
                example: "float(\"2.5\")", expected: "2.5") { a throws(Unwind) in
            switch a.value(0) {
            case .number(let x): return .number(x)
            case .bool(let b): return .number(b ? 1 : 0)
            case .string(let s):
                guard let x = Double(s.trimmingCharacters(in: .whitespaces)) else { throw a.fail("\"\(s)\" is not a number", at: 0) }
                return .number(x)
            default:
                guard let t = Conversions.asTensor(a.value(0)) else { throw a.fail("float needs a number, string or tensor, got a \(a.value(0).typeName)", at: 0) }
                return Value(try a.run { () throws(TensorError) in try t.converted(to: .f64) })
            }
        },
        Builtin("keys", [.required("record", .record)], help: "The field names of a record, in order.",
                example: "keys({a: 1, b: 2})", expected: "[\"a\", \"b\"]") { a throws(Unwind) in
            guard case .record(let r) = a.value(0) else { return .list([]) }
            return .list(r.names.map { .string($0) })
        },
        Builtin("values", [.required("record", .record)], help: "The field values of a record, in order.",
                example: "values({a: 1, b: 2})", expected: "[1, 2]") { a throws(Unwind) in
            guard case .record(let r) = a.value(0) else { return .list([]) }
            return .list(r.values)
        },
        Builtin("has", [.required("record", .record), .required("name", .string)], help: "Whether the record has a field called `name`.",
                example: "has({a: 1}, \"b\")", expected: "false") { a throws(Unwind) in
            guard case .record(let r) = a.value(0) else { return .bool(false) }
            return .bool(r[a.string(1)] != nil)
        },
        Builtin("enumerate", [.required("items", .any)],
                help: "The list of [index, item] pairs of a list, range, string or tensor (its rows), for `for [i, x] in enumerate(xs)`-style loops.",
                example: "enumerate([\"a\", \"b\"])", expected: "[[0, \"a\"], [1, \"b\"]]") { a throws(Unwind) in
            let items = try sequenceItems(a.value(0), a, at: 0)
            return .list(items.enumerated().map { .list([.number(Double($0.offset)), $0.element]) })
        },
        Builtin("zip", [.required("a", .any), .required("b", .any)],
                help: "The list of [a_i, b_i] pairs, as long as the shorter input.",
                example: "zip([1, 2], [\"x\", \"y\"])", expected: "[[1, \"x\"], [2, \"y\"]]") { a throws(Unwind) in
            let p = try sequenceItems(a.value(0), a, at: 0), q = try sequenceItems(a.value(1), a, at: 1)
            return .list(zip(p, q).map { .list([$0, $1]) })
        },
        Builtin("append", [.required("list", .list), .required("item", .any)],
                help: "A new list: `list` with `item` added at the end (the argument is not changed).",
                example: "append([1, \"a\"], \"b\")", expected: "[1, \"a\", \"b\"]") { a throws(Unwind) in
            var items = a.list(0)
            try ValueLimits.checkList(count: items.count + 1, a.span)
            items.append(a.value(1))
            return .list(items)
        },
        Builtin("squeeze", [.required("x", .tensor), .optional("axis", .integer)],
                help: "Removes axes of size 1 (only `axis:` when given; it must have size 1).",
                example: "shape(squeeze(zeros([1, 3, 1])))", expected: "[3]") { a throws(Unwind) in
            if case .tensor(let box) = a.value(0), let v = box.variable {
                return .tracked(try a.run { () throws(TensorError) in try v.squeeze(axis: a.optionalInt(1)) })
            }
            let t = a.tensor(0)
            return Conversions.result(try a.run { () throws(TensorError) in try t.squeeze(axis: a.optionalInt(1)) })
        },
        Builtin("expand_dims", [.required("x", .tensor), .required("axis", .integer)],
                help: "Inserts an axis of size 1 at position `axis` (negative counts from the end of the result).",
                example: "shape(expand_dims([1, 2], 0))", expected: "[1, 2]") { a throws(Unwind) in
            if case .tensor(let box) = a.value(0), let v = box.variable {
                return .tracked(try a.run { () throws(TensorError) in try v.expandDims(axis: a.int(1)) })
            }
            let t = a.tensor(0)
            return Value(try a.run { () throws(TensorError) in try t.expandDims(axis: a.int(1)) })
        },
        Builtin("flip", [.required("x", .tensor), .optional("axis", .integer)],
                help: "The elements in reverse order along `axis:` (every axis when omitted), as numpy's flip.",
                example: "flip([1, 2, 3])", expected: "f64[3] [3 2 1]") { a throws(Unwind) in
            let t = a.tensor(0)
            let axes = try a.run { () throws(TensorError) in
                try a.optionalInt(1).map { (ax: Int) throws(TensorError) in [try Shape.axis(ax, rank: t.rank)] } ?? Array(0..<t.rank)
            }
            let items: [IndexArg] = (0..<t.rank).map { axes.contains($0) ? .slice(nil, nil, -1) : .slice(nil, nil, nil) }
            if case .tensor(let box) = a.value(0), let v = box.variable { return try GradDispatch.index(v, items, a.span) }
            return Value(try a.run { () throws(TensorError) in try t.subscripted(items).contiguous() })
        },
        Builtin("diff", [.required("x", .tensor), .optional("n", .integer, .number(1)), .optional("axis", .integer, .number(-1))],
                help: "Differences of neighbours along `axis:` (default last), applied `n` times, as numpy's diff.",
                example: "diff([1, 4, 9, 16])", expected: "f64[3] [3 5 7]") { a throws(Unwind) in
            var t = try a.run { () throws(TensorError) in try a.tensor(0).numeric() }
            guard t.rank > 0 else { throw a.fail("diff needs at least one axis") }
            let n = a.int(1)
            guard n >= 0 else { throw a.fail("diff order n must be non-negative, got \(n)", at: 1) }
            let ax = try a.run { () throws(TensorError) in try Shape.axis(a.int(2), rank: t.rank) }
            for _ in 0..<Swift.min(n, t.shape[ax] + 1) {
                t = try a.run { () throws(TensorError) in
                    func along(_ s: Int?, _ e: Int?) -> [IndexArg] {
                        (0..<t.rank).map { $0 == ax ? .slice(s, e, nil) : .slice(nil, nil, nil) }
                    }
                    return try Tensor.binary(.sub, t.subscripted(along(1, nil)), t.subscripted(along(nil, -1)))
                }
            }
            return Value(t)
        },
        Builtin("repeat", [.required("x", .tensor), .required("repeats", .integer), .optional("axis", .integer)],
                help: "Each element repeated `repeats` times (the flattened tensor, or along `axis:`), as numpy's repeat.",
                example: "repeat([1, 2], 2)", expected: "f64[4] [1 1 2 2]") { a throws(Unwind) in
            let r = a.int(1)
            guard r >= 0 else { throw a.fail("repeats must be non-negative, got \(r)", at: 1) }
            let t0 = a.tensor(0)
            return Value(try a.run { () throws(TensorError) in
                let t = a.given(2) ? t0 : try t0.reshape([-1])
                let ax = try Shape.axis(a.optionalInt(2) ?? 0, rank: t.rank)
                let idx = try Tensor((0..<(t.shape[ax] * r)).map { Double($0 / r) })
                return try t.subscripted((0..<t.rank).map { $0 == ax ? IndexArg.gather(idx) : .slice(nil, nil, nil) })
            })
        },
        Builtin("tile", [.required("x", .tensor), .required("reps", .shape)],
                help: "The tensor repeated `reps` times along each axis (a number or a list; leading axes are added as numpy's tile).",
                example: "tile([1, 2], 2)", expected: "f64[4] [1 2 1 2]") { a throws(Unwind) in
            let reps = a.shape(1)
            guard reps.allSatisfy({ $0 >= 0 }) else { throw a.fail("tile repetitions must be non-negative, got \(reps)", at: 1) }
            var t = a.tensor(0)
            return Value(try a.run { () throws(TensorError) in
                while t.rank < reps.count { t = try t.expandDims(axis: 0) }
                let full = [Int](repeating: 1, count: t.rank - reps.count) + reps
                for ax in 0..<t.rank where full[ax] != 1 {
                    let n = t.shape[ax]
                    let idx = try Tensor((0..<(n * full[ax])).map { Double($0 % Swift.max(n, 1)) })
                    t = try t.subscripted((0..<t.rank).map { $0 == ax ? IndexArg.gather(idx) : .slice(nil, nil, nil) })
                }
                return try t.contiguous()
            })
        },
        Builtin("unique", [.required("x", .tensor)],
                help: "The sorted distinct elements, 1-D (nan once at the end), as numpy's unique.",
                example: "unique([3, 1, 3, 2])", expected: "f64[3] [1 2 3]") { a throws(Unwind) in
            let t = a.tensor(0)
            let values = t.toArray()
            var seen = Set<Double>(), hasNaN = false
            for v in values { if v.isNaN { hasNaN = true } else { seen.insert(v == 0 ? 0 : v) } }
            let out = seen.sorted() + (hasNaN ? [Double.nan] : [])
            return Value(try a.run { () throws(TensorError) in try Tensor(out, dtype: t.dtype) })
        },
        Builtin("isclose", [.required("a", .numeric), .required("b", .numeric), .optional("rtol", .number, .number(1e-5)),
                            .optional("atol", .number, .number(1e-8))],
                help: "Elementwise |a − b| ≤ atol + rtol·|b| (a bool tensor; nan is never close), as numpy's isclose.",
                example: "isclose([1, 2], [1.000001, 2.1])", expected: "bool[2] [ true false]") { a throws(Unwind) in
            let (rtol, atol) = (a.number(2), a.number(3))
            guard let p = Conversions.asTensor(a.value(0)), let q = Conversions.asTensor(a.value(1)) else { throw a.fail("isclose needs numbers or tensors") }
            return Conversions.result(try a.run { () throws(TensorError) in
                try Tensor.mapBinary("isclose", p.numeric().converted(to: .f64), q.numeric().converted(to: .f64),
                                     f64: { numpyIsClose($0, $1, rtol: rtol, atol: atol) ? 1 : 0 }, f32: { _, _ in 0 }).converted(to: .bool)
            })
        },
        Builtin("allclose", [.required("a", .numeric), .required("b", .numeric), .optional("rtol", .number, .number(1e-5)),
                             .optional("atol", .number, .number(1e-8))],
                help: "Whether every element pair is close (see isclose); shapes must broadcast.",
                example: "allclose([1, 2], [1, 2.000001])", expected: "true") { a throws(Unwind) in
            let (rtol, atol) = (a.number(2), a.number(3))
            guard let p = Conversions.asTensor(a.value(0)), let q = Conversions.asTensor(a.value(1)) else { throw a.fail("allclose needs numbers or tensors") }
            let r = try a.run { () throws(TensorError) in
                try Tensor.mapBinary("allclose", p.numeric().converted(to: .f64), q.numeric().converted(to: .f64),
                                     f64: { numpyIsClose($0, $1, rtol: rtol, atol: atol) ? 1 : 0 }, f32: { _, _ in 0 })
            }
            return .bool(r.toArray().allSatisfy { $0 != 0 })
        },
        Builtin("einsum", [.required("spec", .string), .required("a", .tensor), .required("b", .tensor)],
                help: """
                Two-operand Einstein summation with an explicit output, e.g. "bij,bjk->bik" (batched matmul) or \
                "bhqd,bhkd->bhqk" (attention scores): letters in both inputs and the output are batch axes, in both \
                inputs only are summed over. Computed as one batched matmul, so it is differentiable.
                """,
                example: "einsum(\"ij,jk->ik\", [[1, 2]], [[3], [4]])", expected: "[[11]]") { a throws(Unwind) in
            try einsum(a)
        },
        Builtin("time", [], help: "Monotonic seconds since an arbitrary start, for timing cells: `t0 = time(); …; time() - t0`.",
                example: "time() > 0", expected: "true") { _ throws(Unwind) in
            .number(monotonicSeconds())
        },
    ]

    /// The numpy builtins that see tracked values and either handle them (`einsum`,
    /// `squeeze`, `expand_dims`, `flip`) or give results with no gradient (predicates, `sign`, `int`).
    static let numpyGradSafe: Set<String> = [
        "einsum", "squeeze", "expand_dims", "flip", "bool", "isfinite", "isinf", "nonzero", "sign", "int", "unique", "isclose", "allclose",
        "keys", "values", "has", "enumerate", "zip", "append", "time",
    ]
}
