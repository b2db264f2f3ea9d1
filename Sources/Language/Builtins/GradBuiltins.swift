import Tensor

/// Reverse-mode differentiation of dtr functions (SPEC §5 "Learning"): `grad(f)` and
/// `value_and_grad(f)`.
///
/// ## How it is wired
/// - `grad(f)(x, …)` makes a fresh `Tape`, replaces every tensor or number leaf of `x` (a
///   tensor, a number, or records and lists of them nested in any way) by a tracked
///   `Variable` — a ``TensorBox`` whose `variable` is set — and calls `f` through the
///   interpreter. Its result must hold one number; the gradient has the structure of `x`.
/// - The operators (`+ - * / % ^ @`, unary minus; `Ops.binary`/`power`/`negate`/`matmul`),
///   indexing (`x[…]`, slices and gathers), `for` over rows, and the differentiable builtins
///   (``GradDispatch/differentiable(_:_:)``) check whether an operand is tracked (one nil check on the plain
///   path) and then compute with the `Variable` op, which records on the tape.
/// - Other builtins receiving a tracked value run on its plain value when their result is not
///   a number or tensor (`print`, `plot`…) or cannot carry a gradient anyway (`shape`, `len`,
///   `argmax`, comparisons, `floor`…); any other builtin is an error naming it, rather than a
///   silently dropped gradient. Storing into a tensor (`x[i] = …`) is a differentiable functional update.
/// - Gradients of gradients are not supported (values of two tapes cannot be combined).
extension Registry {
    static let gradBuiltins: [Builtin] = [
        Builtin("grad", [.required("f", .function)],
                help: """
                The gradient of f with respect to its first argument, as a function (reverse mode): \
                grad(f)(x, …) calls f(x, …) — x a tensor, a number, or a record or list of them nested in any \
                way, such as the parameter record of `denoiser_init` — and returns ∂f/∂x with the structure of \
                x. f must return a single number (a one-element tensor). Differentiable: + - * / ^ @, \
                indexing and slices (also gathers m[t]), exp log log1p sqrt sin cos tanh sigmoid relu gelu \
                silu abs, sum mean std var max min (also with axis:), softmax, norm, where, clip, matmul, \
                outer, reshape, transpose, concat, stack, cumsum, cumprod, sort, f32, f64 and apply_route; \
                comparisons, floor, round, argmax and the like have zero gradient.
                """,
                example: "g = grad(x => sum(x ^ 2))\ng([1, 2, 3])", expected: "f64[3] [2 4 6]") { a throws(Unwind) in
            GradDispatch.function(a.value(0), withValue: false)
        },
        Builtin("value_and_grad", [.required("f", .function)],
                help: """
                As grad(f), but the returned function gives the list [f(x, …), ∂f/∂x]: the value (a number) \
                and the gradient with the structure of x, from one evaluation of f.
                """,
                example: "value_and_grad(w => sum(w.a * w.b))({a: [1, 2], b: [3, 4]})",
                expected: "[11, {a: [3 4], b: [1 2]}]") { a throws(Unwind) in
            GradDispatch.function(a.value(0), withValue: true)
        },
    ]
}

extension Value {
    /// Whether this is a tensor tracked on a gradient tape.
    @inline(__always) var isTracked: Bool {
        if case .tensor(let box) = self { return box.variable != nil }
        return false
    }

    /// A differentiable op's result: tracked when `v` is, else a plain tensor.
    static func tracked(_ v: Variable) -> Value {
        v.isTracked ? .tensor(TensorBox(tracked: v)) : Value(v.value)
    }
}

/// The differentiable paths of the evaluator (see the overview above `Registry.gradBuiltins`).
enum GradDispatch {
    // MARK: grad / value_and_grad

    /// The function returned by `grad(f)` (or `value_and_grad(f)`).
    static func function(_ f: Value, withValue: Bool) -> Value {
        let name = withValue ? "value_and_grad(f)" : "grad(f)"
        return .builtin(Builtin(name, [.required("x", .any), .variadic("rest")],
                                help: "The \(withValue ? "value and " : "")gradient of a function with respect to its first argument.",
                                example: "") { a throws(Unwind) in
            try evaluate(f, a, withValue: withValue)
        })
    }

    static func evaluate(_ f: Value, _ a: Args, withValue: Bool) throws(Unwind) -> Value {
        let tape = Tape()
        var leaves: [Variable] = []
        let x = try track(a.value(0), tape, &leaves, path: "", depth: 0, a)
        a.context.gradDepth += 1
        defer { a.context.gradDepth -= 1 }
        let y = try a.call(f, [x] + a.list(1))
        let out: Variable
        switch y {
        case .number(let v): out = Variable(constant: Tensor(scalar: v))
        case .bool(let b): out = Variable(constant: Tensor(scalar: b ? 1 : 0))
        case .tensor(let box):
            guard box.tensor.count == 1 else {
                throw a.fail("grad needs the function to return a single number, but it returned a tensor of shape "
                             + "\(Shape.describe(box.tensor.shape)) (reduce it with sum or mean)")
            }
            out = box.variable ?? Variable(constant: box.tensor)
        default:
            throw a.fail("grad needs the function to return a single number, but it returned a \(y.typeName)")
        }
        let grads = try a.run { () throws(TensorError) in try tape.gradient(of: out, withRespectTo: leaves) }
        var k = 0
        let g = rebuild(a.value(0), grads, &k)
        guard withValue else { return g }
        return .list([.number(out.value.load(out.value.offset)), g])
    }

    /// `v` with every tensor and number leaf replaced by a tracked leaf of `tape` (in `leaves`).
    static func track(_ v: Value, _ tape: Tape, _ leaves: inout [Variable], path: String, depth: Int, _ a: Args) throws(Unwind) -> Value {
        guard depth < 200 else { throw a.fail("grad: the argument is nested more than 200 levels deep") }
        switch v {
        case .tensor(let box):
            if box.variable != nil {
                throw a.fail("grad of a function that itself takes a gradient is not supported (gradients of gradients)", at: 0)
            }
            let t = tape.variable(box.tensor)
            leaves.append(t)
            return .tensor(TensorBox(tracked: t))
        case .number(let x):
            let t = tape.variable(Tensor(scalar: x))
            leaves.append(t)
            return .tensor(TensorBox(tracked: t))
        case .record(let r):
            var out = Record()
            for (name, item) in r.fields {
                out[name] = try track(item, tape, &leaves, path: path + "." + name, depth: depth + 1, a)
            }
            return .record(out)
        case .list(let items):
            var out: [Value] = []
            out.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                out.append(try track(item, tape, &leaves, path: path + "[\(i)]", depth: depth + 1, a))
            }
            return .list(out)
        default:
            let at = path.isEmpty ? "" : " (at \(path))"
            throw a.fail("grad differentiates with respect to tensors and numbers (or records and lists of them), "
                         + "got a \(v.typeName)\(at)", at: 0)
        }
    }

    /// The gradients (in leaf order) arranged as `v`: tensors for tensors, numbers for numbers.
    static func rebuild(_ v: Value, _ grads: [Tensor], _ k: inout Int) -> Value {
        switch v {
        case .record(let r):
            var out = Record()
            for (name, item) in r.fields { out[name] = rebuild(item, grads, &k) }
            return .record(out)
        case .list(let items):
            return .list(items.map { rebuild($0, grads, &k) })
        case .number:
            defer { k += 1 }
            guard k < grads.count else { return .number(0) }
            return .number(grads[k].load(grads[k].offset))
        default:
            defer { k += 1 }
            guard k < grads.count else { return .none }
            return Value(grads[k])
        }
    }

    // MARK: operands

    /// A numeric value as a `Variable` (tracked or constant) or an untracked scalar.
    enum Operand {
        case scalar(Double)
        case variable(Variable)

        var promoted: Variable {
            switch self {
            case .scalar(let x): return Variable(constant: Tensor(scalar: x))
            case .variable(let v): return v
            }
        }
    }

    static func operand(_ v: Value) -> Operand? {
        if case .tensor(let box) = v, let t = box.variable { return .variable(t) }
        if case .list(let items) = v, items.contains(where: { $0.isTracked }) {
            guard case .tensor(let box) = GradDispatch.listLiteral(items) else { return nil }
            return .variable(box.variable ?? Variable(constant: box.tensor))
        }
        switch numericOperand(v) {
        case .scalar(let x): return .scalar(x)
        case .tensor(let t): return .variable(Variable(constant: t))
        case nil: return nil
        }
    }

    /// `v` as a variable (tracked or constant), nil when it is not numeric.
    static func variable(_ v: Value) -> Variable? { operand(v)?.promoted }

    // MARK: operators

    /// `a op b` when `a` or `b` is tracked (also `^` as `.pow`, `max`/`min` as `.maximum`/`.minimum`).
    static func binary(_ op: BinaryOp, _ a: Value, _ b: Value, _ span: SourceSpan) throws(Unwind) -> Value {
        // A list plus a 1-D tensor appends its elements, as for plain values.
        if op == .add, case .list(let items) = a, case .tensor(let box) = b, let t = box.variable, t.shape.count == 1 {
            var out = items
            for i in 0..<t.shape[0] { out.append(try index(t, [IndexArg.index(i)], span)) }
            return .list(out)
        }
        guard let x = operand(a), let y = operand(b) else {
            // `==`/`!=` with a non-numeric value compare structurally, as for plain values.
            if op == .eq { return .bool(Ops.equal(a, b)) }
            if op == .ne { return .bool(!Ops.equal(a, b)) }
            throw Unwind.error("cannot apply \(op.symbol) to \(a.typeName) and \(b.typeName)", span)
        }
        let r = try engine(span) { () throws(TensorError) -> Variable in
            switch (x, y) {
            case (.variable(let p), .scalar(let q)): return try Variable.binary(op, p, q)
            case (.scalar(let p), .variable(let q)): return try Variable.binary(op, p, q)
            default: return try Variable.binary(op, x.promoted, y.promoted)
            }
        }
        return .tracked(r)
    }

    static func matmul(_ a: Value, _ b: Value, _ span: SourceSpan) throws(Unwind) -> Value {
        guard let x = variable(a), let y = variable(b) else {
            throw Unwind.error("cannot apply @ to \(a.typeName) and \(b.typeName)", span)
        }
        return .tracked(try engine(span) { () throws(TensorError) in try Variable.matmul(x, y) })
    }

    static func negate(_ v: Variable, _ span: SourceSpan) throws(Unwind) -> Value {
        .tracked(try engine(span) { () throws(TensorError) in try Variable.unary(.neg, v) })
    }

    /// `x[args]` for a tracked `x`.
    static func index(_ v: Variable, _ args: [IndexArg], _ span: SourceSpan) throws(Unwind) -> Value {
        let r = try engine(span) { () throws(TensorError) in
            try v.subscripted(args.map { a in
                switch a {
                case .index(let i): return .index(i)
                case .slice(let s, let e, let st): return .slice(start: s, stop: e, step: st)
                case .gather(let t): return .gather(t)
                }
            })
        }
        return .tracked(r)
    }

    /// A list literal holding a tracked value: the stacked tensor when every item is a number
    /// or a tensor of one shape (as for plain values), else a list.
    static func listLiteral(_ items: [Value]) -> Value {
        var parts: [Variable] = []
        for item in items {
            guard let p = variable(item), p.shape == (parts.first?.shape ?? p.shape) else { return .list(items) }
            if case .list = item { return .list(items) }
            parts.append(p)
        }
        guard let r = try? Variable.stack(parts, axis: 0) else { return .list(items) }
        return .tracked(r)
    }

    /// `base` with `base[args] = value` when either is tracked (a functional update).
    static func assign(_ base: Value, _ args: [IndexArg], _ value: Value, _ span: SourceSpan) throws(Unwind) -> Value {
        guard let x = variable(base) else { throw Unwind.error("cannot assign into an index of a \(base.typeName)", span) }
        guard let v = variable(value) else { throw Unwind.error("cannot store a \(value.typeName) in a tensor", span) }
        let r = try engine(span) { () throws(TensorError) in
            try x.assigning(args.map { a in
                switch a {
                case .index(let i): return .index(i)
                case .slice(let s, let e, let st): return .slice(start: s, stop: e, step: st)
                case .gather(let t): return .gather(t)
                }
            }, v)
        }
        return .tracked(r)
    }

    // MARK: builtins

    /// Runs builtin `b` on arguments holding a tracked tensor, or returns nil when none is
    /// tracked (and `b` is not `apply_route`, whose block may capture tracked values).
    static func builtin(_ b: Builtin, _ a: Args) throws(Unwind) -> Value? {
        var tracked = false
        for v in a.values {
            switch v {
            case .tensor(let box) where box.variable != nil: tracked = true
            case .list(let items) where items.contains(where: { $0.isTracked }): tracked = true
            default: continue
            }
            break
        }
        if b.name == "apply_route" { return try applyRoute(a) }
        guard tracked else { return nil }
        if let r = try differentiable(b.name, a) { return r }
        if harmless.contains(b.name) || Registry.numpyGradSafe.contains(b.name) { return nil }
        let r = try b.body(a)
        switch r {
        case .number, .tensor, .list, .record:
            throw a.fail("\(b.name) is not differentiable: grad cannot follow its result back to its arguments")
        default:
            return r
        }
    }

    /// Builtins that may see tracked values and run on their plain values: their results do
    /// not depend differentiably on them (or they pass tracked values through unchanged).
    static let harmless: Set<String> = [
        "print", "str", "type", "len", "shape", "help", "tree_map", "tree_leaves",
        "argmax", "argmin", "any", "all", "argsort", "floor", "round", "isnan",
    ]

    static func unary(_ op: UnaryOp, _ a: Args) throws(Unwind) -> Value {
        let x = try v(a, 0)
        return .tracked(try a.run { () throws(TensorError) in try Variable.unary(op, x) })
    }

    static func reduction(_ op: ReduceOp, _ a: Args, axisAt: Int = 1, keepdimsAt: Int? = 2) throws(Unwind) -> Value {
        let x = try v(a, 0)
        let axis = a.optionalInt(axisAt), keep = keepdimsAt.map { a.bool($0) } ?? false
        let r = try a.run { () throws(TensorError) in try Variable.reduce(op, x, axis: axis, keepdims: keep) }
        return r.isTracked ? .tracked(r) : Conversions.result(r.value)
    }

    static func extremum(_ reduceOp: ReduceOp, _ binaryOp: BinaryOp, _ a: Args) throws(Unwind) -> Value {
        if a.given(1) {
            guard !a.given(2) else { throw a.fail("\(binaryOp.symbol)(a, b) is elementwise and takes no axis", at: 2) }
            return try binary(binaryOp, a.value(0), a.value(1), a.span)
        }
        return try reduction(reduceOp, a, axisAt: 2, keepdimsAt: nil)
    }

    /// The variables of a list argument of tensors.
    static func variables(_ a: Args, _ i: Int) throws(Unwind) -> [Variable] {
        var out: [Variable] = []
        for v in a.list(i) {
            guard let x = variable(v) else { throw a.fail("expected a list of tensors, found a \(v.typeName)", at: i) }
            out.append(x)
        }
        return out
    }

    static func v(_ a: Args, _ i: Int) throws(Unwind) -> Variable {
        guard let x = variable(a.value(i)) else { throw a.fail("expected a number or tensor", at: i) }
        return x
    }

    static func reshape(_ a: Args) throws(Unwind) -> Value {
        let x = try v(a, 0)
        let spec: [Value]
        switch a.value(1) {
        case .number: spec = [a.value(1)]
        case .list(let l): spec = l
        case .tensor(let b): spec = b.tensor.toArray().map { .number($0) }
        case let s: throw a.fail("shape must be an integer or a list of integers, got a \(s.typeName)", at: 1)
        }
        var dims: [Int] = []
        for s in spec {
            guard case .number(let d) = s else { throw a.fail("shape must hold integers, got a \(s.typeName)", at: 1) }
            dims.append(try integer(d, a.spans[1], "shape"))
        }
        return .tracked(try a.run { () throws(TensorError) in try x.reshape(dims) })
    }

    /// The differentiable version of builtin `name` run on `a`, nil when there is none.
    static func differentiable(_ name: String, _ a: Args) throws(Unwind) -> Value? {
        switch name {
        case "abs": return try unary(.abs, a)
        case "exp": return try unary(.exp, a)
        case "log": return try unary(.log, a)
        case "log1p": return try unary(.log1p, a)
        case "sqrt": return try unary(.sqrt, a)
        case "sin": return try unary(.sin, a)
        case "cos": return try unary(.cos, a)
        case "tanh": return try unary(.tanh, a)
        case "sigmoid": return try unary(.sigmoid, a)
        case "relu": return try unary(.relu, a)
        case "gelu": return try unary(.gelu, a)
        case "silu": return try unary(.silu, a)
        case "sum": return try reduction(.sum, a)
        case "mean": return try reduction(.mean, a)
        case "std": return try reduction(.std, a)
        case "var": return try reduction(.var, a)
        case "max": return try extremum(.max, .maximum, a)
        case "min": return try extremum(.min, .minimum, a)
        case "reshape": return try reshape(a)
        case "layer_norm": return try layerNorm(a)
        case "matmul": return try matmul(a.value(0), a.value(1), a.span)
        case "concat", "stack":
            let xs = try variables(a, 0), axis = a.int(1)
            return .tracked(try a.run { () throws(TensorError) in
                name == "concat" ? try Variable.concat(xs, axis: axis) : try Variable.stack(xs, axis: axis)
            })
        case "cumsum", "cumprod", "sort", "transpose", "f32", "f64", "outer", "where", "clip", "norm", "softmax": break
        default: return nil
        }
        let x = try v(a, 0)
        let r: Variable
        switch name {
        case "cumsum":
            let axis = a.optionalInt(1)
            r = try a.run { () throws(TensorError) in try Variable.cumsum(x, axis: axis) }
        case "cumprod":
            let axis = a.optionalInt(1)
            r = try a.run { () throws(TensorError) in try Variable.cumprod(x, axis: axis) }
        case "sort":
            let axis = a.int(1)
            r = try a.run { () throws(TensorError) in try Variable.sort(x, axis: axis) }
        case "transpose":
            let axes = a.given(1) ? a.shape(1) : nil
            r = try a.run { () throws(TensorError) in try x.transpose(axes: axes) }
        case "f32", "f64":
            let dtype: DType = name == "f32" ? .f32 : .f64
            r = try a.run { () throws(TensorError) in try x.converted(to: dtype) }
        case "outer":
            let y = try v(a, 1)
            r = try a.run { () throws(TensorError) in try Variable.outer(x, y) }
        case "where":
            let p = try v(a, 1), q = try v(a, 2)
            r = try a.run { () throws(TensorError) in try Variable.where(x, p, q) }
        case "clip":
            let lo = try v(a, 1), hi = try v(a, 2)
            r = try a.run { () throws(TensorError) in try Variable.clip(x, lo, hi) }
        case "norm":
            let axis = a.optionalInt(1)
            r = try a.run { () throws(TensorError) in try Variable.norm(x, axis: axis) }
        case "softmax":
            let axis = a.int(1)
            r = try a.run { () throws(TensorError) in try Variable.softmax(x, axis: axis) }
        default:
            return nil
        }
        return .tracked(r)
    }

    /// `apply_route(x, m, t, block)` through differentiable ops: block(x·m[t]) + x·(1 − m[t]).
    /// Used for every call while grad runs (the block may capture tracked parameters).
    static func applyRoute(_ a: Args) throws(Unwind) -> Value {
        let x = try v(a, 0), m = a.tensor(1), t = a.tensor(2), block = a.value(3)
        guard x.shape.count == 1 || x.shape.count == 2 else {
            throw a.fail("apply_route needs x of shape B×C or C, got \(Shape.describe(x.shape))", at: 0)
        }
        guard m.rank == 2, m.shape[1] == x.shape[x.shape.count - 1] else {
            throw a.fail("apply_route needs a T×C mask with C = \(x.shape[x.shape.count - 1]) channels, got \(Shape.describe(m.shape))", at: 1)
        }
        let mt: Tensor
        if t.count == 1, t.rank <= 1, x.shape.count == 1 || t.rank == 0 {
            let i = try integer(t.load(t.offset), a.spans[2], "timestep")
            mt = try a.run(at: 2) { () throws(TensorError) in try m.subscripted([IndexArg.index(i)]) }
        } else {
            guard t.rank == 1, x.shape.count == 2, t.count == x.shape[0] else {
                throw a.fail("apply_route needs one timestep or one per row of x (\(x.shape[0])), got shape \(Shape.describe(t.shape))", at: 2)
            }
            mt = try a.run(at: 2) { () throws(TensorError) in try m.subscripted([IndexArg.gather(t)]) }
        }
        let routed = try a.run { () throws(TensorError) in try Variable.binary(.mul, x, Variable(constant: mt)) }
        let y = try a.call(block, [.tracked(routed)])
        guard let yv = variable(y) else { throw a.fail("the block of apply_route must return a tensor, got a \(y.typeName)", at: 3) }
        guard yv.shape == x.shape else {
            throw a.fail("the block of apply_route must keep x's shape \(Shape.describe(x.shape)), got \(Shape.describe(yv.shape))", at: 3)
        }
        return .tracked(try a.run { () throws(TensorError) in
            let keep = try Tensor.binary(.sub, 1, mt)
            return try yv + Variable.binary(.mul, x, Variable(constant: keep))
        })
    }
}
