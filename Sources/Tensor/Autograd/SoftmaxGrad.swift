/// Differentiable softmax and norm:
/// - softmax: x̄ = y·(g − Σ g·y) with the sum along the softmax axis
/// - norm: x̄ = g·x/‖x‖, taken as 0 where the norm is 0 (a subgradient, instead of NaN)
extension Variable {
    /// Softmax along `axis` (default: last), as `Tensor.softmax`.
    public static func softmax(_ x: Variable, axis: Int = -1) throws(TensorError) -> Variable {
        let y = try Tensor.softmax(x.value, axis: axis)
        let xv = x.value
        return try make(y, [x]) { g, _ throws(TensorError) in
            let g = try g.converted(to: xv.dtype)
            if xv.rank == 0 { return [try Tensor.zeros([], dtype: xv.dtype)] }
            let gy = try Tensor.binary(.mul, g, y)
            let s = try Tensor.reduce(.sum, gy, axis: axis, keepdims: true)
            return [try Tensor.binary(.sub, gy, Tensor.binary(.mul, y, s))]
        }
    }

    /// Euclidean norm along `axis` (nil: of all elements), as `Tensor.norm`.
    public static func norm(_ x: Variable, axis: Int? = nil, keepdims: Bool = false) throws(TensorError) -> Variable {
        let out = try Tensor.norm(x.value, axis: axis, keepdims: keepdims)
        let xv = x.value
        return try make(out, [x]) { g, _ throws(TensorError) in
            let ge = try Tensor.expandReduced(g.converted(to: xv.dtype), axis: axis, keepdims: keepdims, to: xv.shape)
            let ne = try Tensor.expandReduced(out, axis: axis, keepdims: keepdims, to: xv.shape)
            let ratio = try Tensor.binary(.div, xv, ne)
            let safe = try Tensor.where(Tensor.binary(.eq, ne, 0.0), Tensor(scalar: 0, dtype: xv.dtype), ratio)
            return [try Tensor.binary(.mul, ge, safe)]
        }
    }
}
