/// Differentiable reductions and scans, each forward beside its backward rule
/// (g is the output cotangent viewed back at the input's shape):
/// - sum: g · mean: g/n · var: g·2(x−m)/(n−ddof) · std: g·(x−m)/((n−ddof)·std)
///   (a zero std gives NaN, as JAX and PyTorch)
/// - max / min: g is split evenly among the elements equal to the extreme (ties share it)
/// - prod: g·out/x (straightforward: NaN where an element is 0)
/// - argmax / argmin: not differentiable (an error if a gradient reaches them);
///   any / all: zero gradient (untracked)
/// - cumsum: the reversed cumulative sum of g
/// - cumprod: revcumsum(g·out)/x — straightforward, so an element equal to 0 gives NaN/inf
extension Variable {
    /// `op` over `axis` (nil: all elements), as `Tensor.reduce`.
    public static func reduce(_ op: ReduceOp, _ x: Variable, axis: Int? = nil, keepdims: Bool = false,
                              ddof: Int = 0) throws(TensorError) -> Variable {
        let out = try Tensor.reduce(op, x.value, axis: axis, keepdims: keepdims, ddof: ddof)
        let xv = x.value
        switch op {
        case .any, .all:
            return Variable(constant: out)
        case .argmax, .argmin:
            return try nonDifferentiable(op.rawValue, out, [x])
        default:
            return try make(out, [x]) { g, _ throws(TensorError) in
                [try reduceBackward(op, g, xv, out, axis: axis, keepdims: keepdims, ddof: ddof)]
            }
        }
    }

    /// A result whose gradient is undefined: recorded so that asking for a gradient through it
    /// is a clear error rather than a silent zero.
    static func nonDifferentiable(_ name: String, _ out: Tensor, _ inputs: [Variable]) throws(TensorError) -> Variable {
        try make(out, inputs) { _, _ throws(TensorError) in
            throw .invalidArgument("\(name) is not differentiable: its result (an index) cannot carry a gradient; use it to index instead")
        }
    }

    static func reduceBackward(_ op: ReduceOp, _ g: Tensor, _ x: Tensor, _ out: Tensor, axis: Int?,
                               keepdims: Bool, ddof: Int) throws(TensorError) -> Tensor {
        typealias T = Tensor
        let n = axis == nil ? x.count : (x.rank == 0 ? 1 : x.shape[try Shape.axis(axis ?? 0, rank: x.rank)])
        let ge = try T.expandReduced(g.converted(to: x.dtype), axis: axis, keepdims: keepdims, to: x.shape)
        let oe = try T.expandReduced(out, axis: axis, keepdims: keepdims, to: x.shape)
        switch op {
        case .sum:
            return try T.dense(ge)
        case .mean:
            return try T.binary(.div, ge, Double(n))
        case .var, .std:
            let mean = try T.expandReduced(T.reduce(.mean, x, axis: axis, keepdims: keepdims), axis: axis,
                                           keepdims: keepdims, to: x.shape)
            let centered = try T.binary(.sub, x, mean)
            let dof = Double(n - ddof)
            if op == .var { return try T.binary(.mul, T.binary(.mul, ge, centered), 2 / dof) }
            return try T.binary(.div, T.binary(.mul, ge, centered), T.binary(.mul, oe, dof))
        case .max, .min:
            let hits = try T.binary(.eq, x, oe)
            let count = try T.expandReduced(T.reduce(.sum, hits, axis: axis, keepdims: keepdims), axis: axis,
                                            keepdims: keepdims, to: x.shape)
            return try T.binary(.div, T.binary(.mul, ge, hits), count)
        case .prod:
            return try T.binary(.div, T.binary(.mul, ge, oe), x)
        case .argmax, .argmin, .any, .all:
            return try T.zeros(x.shape, dtype: x.dtype)
        }
    }

    /// Running sum along `axis` (nil flattens), differentiable.
    public static func cumsum(_ x: Variable, axis: Int? = nil) throws(TensorError) -> Variable {
        try scan(.cumsum, x, axis: axis)
    }

    /// Running product along `axis` (nil flattens), differentiable (see the note on zeros above).
    public static func cumprod(_ x: Variable, axis: Int? = nil) throws(TensorError) -> Variable {
        try scan(.cumprod, x, axis: axis)
    }

    /// `cumsum` or `cumprod` along `axis` (nil flattens), as `Tensor.scan`.
    public static func scan(_ op: ScanOp, _ x: Variable, axis: Int? = nil) throws(TensorError) -> Variable {
        let out = try Tensor.scan(op, x.value, axis: axis)
        let xv = x.value
        return try make(out, [x]) { g, _ throws(TensorError) in
            let g = try g.converted(to: xv.dtype)
            let seed = op == .cumsum ? g : try Tensor.binary(.mul, g, out)
            var r = try Tensor.reverseCumsum(seed, axis: axis)
            r = try r.reshape(xv.shape)
            if op == .cumprod { r = try Tensor.binary(.div, r, xv) }
            return [r]
        }
    }
}

extension Tensor {
    /// `r[i] = Σ_{j ≥ i} g[j]` along `axis` (nil: over the flattened tensor, reshaped back).
    static func reverseCumsum(_ g: Tensor, axis: Int?) throws(TensorError) -> Tensor {
        guard let axis, g.rank > 0 else {
            let flat = try g.reshape([-1])
            let rev = try flat.subscripted([.slice(start: nil, stop: nil, step: -1)])
            return try cumsum(rev).subscripted([.slice(start: nil, stop: nil, step: -1)]).reshape(g.shape)
        }
        let a = try Shape.axis(axis, rank: g.rank)
        var items = [IndexItem](repeating: .all, count: g.rank)
        items[a] = .slice(start: nil, stop: nil, step: -1)
        return try dense(cumsum(g.subscripted(items), axis: a).subscripted(items))
    }
}
