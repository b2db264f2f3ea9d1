/// A record of differentiable operations, for reverse-mode automatic differentiation.
///
/// ## Design
/// - A `Tape` (a reference type) holds one node per recorded value, in the order the values
///   were computed (so node ids are a topological order).
/// - A `Variable` wraps a `Tensor` value and, when it is tracked, the tape and its node id.
///   `tape.variable(x)` makes a tracked leaf; `Variable(constant:)` an untracked value.
/// - Each differentiable op (`Variable.binary`, `.unary`, `.reduce`, `.matmul`, indexing, …)
///   computes its forward value with the plain `Tensor` op and, when any input is tracked,
///   records a backward closure right beside it (one file per op family). The closure maps
///   the output cotangent to the cotangents of the inputs, each of the input's exact shape and
///   dtype; broadcasting is undone by summing over the broadcast axes (`unbroadcast`).
///   When no input is tracked nothing is recorded, so untracked code pays almost nothing.
/// - `gradient(of:withRespectTo:)` seeds the output (which must hold one number) with 1, walks
///   the nodes backwards once, calls only the closures that lie between the output and the
///   requested inputs, and accumulates cotangents of values used several times.
/// - Non-differentiable ops follow the usual conventions: comparisons, `floor`, `round`,
///   `sign`, `isnan`, `any`/`all` give untracked results (zero gradient); `argmax`, `argmin`
///   and `argsort` record a node that throws "… is not differentiable" if a gradient reaches it.
/// - Backward rules are computed with plain tensor ops, so gradients are not themselves
///   differentiable (no grad of grad). Gradients keep the dtype of their input (f32 stays f32).
///
/// A tape is used by one thread at a time; make a fresh one for each gradient evaluation.
///
/// ## Driving it from an interpreter (`grad(f)`, `value_and_grad(f)`)
/// 1. Let the tensor value of the language hold a `Variable` (untracked ones are
///    `Variable(constant:)`, which costs nothing extra), and route every tensor builtin and
///    operator through the `Variable` op of the same name (`Variable.binary(.add, a, b)`,
///    `Variable.reduce(.sum, x, axis:)`, `x.subscripted(items)`, `x.assigning(items, v)`, …).
///    With no tracked input an op records nothing and returns an untracked result.
/// 2. `grad(f)(x, rest…)`: make a `Tape`, wrap the first argument's tensors as
///    `tape.variable(t)` (a record: one leaf per field, in field order), call `f`, then
///    `tape.gradient(of: result, withRespectTo: leaves)` and rebuild the record from the list.
///    `value_and_grad` also returns `result.value`. A result that is not one number is the
///    error "grad needs a function returning a single number, got shape (3,)".
/// 3. Errors are `TensorError` values (forward errors as usual, plus "… is not differentiable"
///    and the nested-tape error); `Tape.valueAndGradient(at:_:)` lets the interpreter's own
///    errors pass through unchanged.
///
/// ```swift
/// let tape = Tape()
/// let x = tape.variable(try Tensor([1, 2, 3]))
/// let y = try Variable.reduce(.sum, x * x)             // 14
/// let g = try tape.gradient(of: y, withRespectTo: [x])  // [[2, 4, 6]]
/// ```
public final class Tape: @unchecked Sendable {
    /// Maps the output cotangent and, per input slot, whether that input needs a gradient,
    /// to one cotangent per input slot (nil where not needed or zero).
    typealias Backward = (_ cotangent: Tensor, _ needs: [Bool]) throws(TensorError) -> [Tensor?]

    struct Node {
        /// Node id of each input slot on this tape, or -1 for an untracked input.
        let inputs: [Int]
        /// nil for leaves.
        let backward: Backward?
    }

    var nodes: [Node] = []

    /// An empty tape.
    public init() {}

    /// Number of recorded nodes (leaves included).
    public var count: Int { nodes.count }

    /// A tracked leaf holding `value`: gradients can be taken with respect to it.
    public func variable(_ value: Tensor) -> Variable {
        nodes.append(Node(inputs: [], backward: nil))
        return Variable(value: value, tape: self, id: nodes.count - 1)
    }

    /// Records an op's result. `inputs` are the op's differentiable operands, in the order
    /// the backward closure returns their cotangents.
    func record(_ value: Tensor, _ inputs: [Variable], _ backward: @escaping Backward) -> Variable {
        let ids = inputs.map { $0.tape === self ? ($0.id ?? -1) : -1 }
        nodes.append(Node(inputs: ids, backward: backward))
        return Variable(value: value, tape: self, id: nodes.count - 1)
    }

    /// The tape shared by the tracked `inputs`, nil when none is tracked.
    /// - Throws: when tracked inputs come from different tapes (nested gradients).
    static func common(_ inputs: [Variable]) throws(TensorError) -> Tape? {
        var tape: Tape? = nil
        for v in inputs {
            guard let t = v.tape else { continue }
            if let tape, tape !== t {
                throw .invalidArgument("cannot combine values from different gradient computations (gradients of gradients are not supported)")
            }
            tape = t
        }
        return tape
    }

    /// The gradient of the one-element `output` with respect to each of `inputs`: one tensor
    /// per input, of the input's shape and dtype (zeros when the output does not depend on it).
    /// - Throws: `.invalidArgument` when `output` does not hold exactly one number, when a
    ///   gradient would have to pass through a non-differentiable op, or an op's error.
    public func gradient(of output: Variable, withRespectTo inputs: [Variable]) throws(TensorError) -> [Tensor] {
        guard output.value.count == 1 else {
            throw .invalidArgument("grad needs a function returning a single number, got shape \(Shape.describe(output.value.shape))")
        }
        let targets = inputs.map { $0.tape === self ? ($0.id ?? -1) : -1 }
        guard let root = output.tape === self ? output.id : nil else {
            return try inputs.map { v throws(TensorError) in try Tensor.zeros(v.value.shape, dtype: v.value.dtype) }
        }
        // leads[i]: node i is a requested input or depends on one (so its cotangent matters).
        var leads = [Bool](repeating: false, count: root + 1)
        var isTarget = [Bool](repeating: false, count: root + 1)
        for t in targets where t >= 0 && t <= root { isTarget[t] = true }
        for i in 0...root {
            leads[i] = isTarget[i] || nodes[i].inputs.contains { $0 >= 0 && leads[$0] }
        }
        var grads = [Tensor?](repeating: nil, count: root + 1)
        grads[root] = try Tensor.ones(output.value.shape, dtype: output.value.dtype)
        for i in stride(from: root, through: 0, by: -1) {
            guard leads[i], let g = grads[i], let backward = nodes[i].backward else { continue }
            try Interrupt.check()
            let ins = nodes[i].inputs
            let needs = ins.map { $0 >= 0 && leads[$0] }
            if !isTarget[i] { grads[i] = nil }
            guard needs.contains(true) else { continue }
            let cotangents = try backward(g, needs)
            for (slot, j) in ins.enumerated() where needs[slot] {
                guard slot < cotangents.count, let c = cotangents[slot] else { continue }
                try Tensor.accumulate(&grads[j], c)
            }
        }
        return try inputs.enumerated().map { (k, v) throws(TensorError) in
            let t = targets[k]
            guard t >= 0, t <= root, let g = grads[t] else {
                return try Tensor.zeros(v.value.shape, dtype: v.value.dtype)
            }
            return try Tensor.dense(g.converted(to: v.value.dtype))
        }
    }

    /// The value of `f(inputs)` and its gradient with respect to every input, on a fresh tape.
    /// `f` may throw any error (an interpreter's own diagnostics pass through unchanged).
    ///
    /// ```swift
    /// let (y, g) = try Tape.valueAndGradient(at: [x]) { v in try Variable.reduce(.sum, v[0] * v[0]) }
    /// ```
    public static func valueAndGradient(at inputs: [Tensor],
                                        _ f: ([Variable]) throws -> Variable) throws -> (value: Tensor, gradients: [Tensor]) {
        let tape = Tape()
        let vars = inputs.map { tape.variable($0) }
        let y = try f(vars)
        let grads = try tape.gradient(of: y, withRespectTo: vars)
        return (y.value, grads)
    }
}

extension Tensor {
    /// Adds the cotangent `b` into `a` (or sets it), reusing `a`'s buffer when it is the only
    /// reference to a dense buffer of the same shape and dtype.
    static func accumulate(_ a: inout Tensor?, _ b: Tensor) throws(TensorError) {
        guard var t = a else { a = b; return }
        a = nil
        if t.dtype == b.dtype, t.shape == b.shape, b.isContiguous, t.isContiguous, t.offset == 0,
           t.storage.count == t.count, isKnownUniquelyReferenced(&t.storage) {
            let n = t.count
            switch t.dtype {
            case .f64:
                let p = t.storage.f64, q = UnsafePointer(b.storage.f64) + b.offset
                for i in 0..<n { p[i] += q[i] }
            case .f32:
                let p = t.storage.f32, q = UnsafePointer(b.storage.f32) + b.offset
                for i in 0..<n { p[i] += q[i] }
            case .bool:
                a = try Tensor.binary(.add, t, b)
                return
            }
            a = t
            return
        }
        a = try binary(.add, t, b)
    }
}
