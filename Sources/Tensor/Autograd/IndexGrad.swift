/// Differentiable indexing and sorting.
/// - `x[items]` (integers, slices with steps, new axes, gathers with index tensors): the
///   backward scatter-adds g into zeros of x's shape, so repeated gather indices accumulate.
/// - sort: g scattered back to where each sorted element came from (via the stable argsort).
/// - argsort: not differentiable (an error if a gradient reaches it); index tensors used
///   inside `items` are never differentiated.
extension Variable {
    /// The elements selected by `items`, as `Tensor.subscripted`.
    public func subscripted(_ items: [IndexItem]) throws(TensorError) -> Variable {
        let out = try value.subscripted(items)
        let shape = value.shape, dtype = value.dtype
        return try Variable.make(out, [self]) { g, _ throws(TensorError) in
            let grad = try Tensor.zeros(shape, dtype: dtype)
            let plan = try grad.indexPlan(items)
            let offsets = plan.gathers.isEmpty ? plan.view.storageOffsets() : try Tensor.gatherOffsets(plan).offsets
            try Tensor.scatterAdd(g, into: grad, at: offsets)
            return [grad]
        }
    }

    /// `x[i]` for one integer index per leading axis (negative counts from the end).
    public subscript(_ items: IndexItem...) -> Variable {
        get throws(TensorError) { try subscripted(items) }
    }

    /// Sorted copy along `axis` (default: last), as `Tensor.sort`, differentiable.
    public static func sort(_ x: Variable, axis: Int = -1) throws(TensorError) -> Variable {
        let out = try Tensor.sort(x.value, axis: axis)
        let xv = x.value
        return try make(out, [x]) { g, _ throws(TensorError) in
            guard xv.rank > 0 else { return [try g.converted(to: xv.dtype)] }
            let order = try Tensor.argsort(xv, axis: axis)
            let a = try Shape.axis(axis, rank: xv.rank)
            // The source position of out[..., j, ...] is order[..., j, ...] along `a`.
            let grad = try Tensor.zeros(xv.shape, dtype: xv.dtype)
            let strides = grad.strides
            let offs = order.storageOffsets()
            var offsets = [Int](repeating: 0, count: offs.count)
            var idx = [Int](repeating: 0, count: xv.rank)
            for k in 0..<offs.count {
                var o = 0
                for d in 0..<xv.rank where d != a { o += idx[d] * strides[d] }
                offsets[k] = o + Int(order.load(offs[k])) * strides[a]
                var d = xv.rank - 1
                while d >= 0 {
                    idx[d] += 1
                    if idx[d] < xv.shape[d] { break }
                    idx[d] = 0
                    d -= 1
                }
            }
            try Tensor.scatterAdd(g, into: grad, at: offsets)
            return [grad]
        }
    }

    /// Indices that would sort `x` along `axis`; not differentiable.
    public static func argsort(_ x: Variable, axis: Int = -1) throws(TensorError) -> Variable {
        try nonDifferentiable("argsort", Tensor.argsort(x.value, axis: axis), [x])
    }
}

extension Tensor {
    /// Adds the elements of `g` (row-major) into `dest`'s storage at `offsets` (one per
    /// element of `g`); repeated offsets accumulate. `dest` must be a fresh dense buffer.
    static func scatterAdd(_ g: Tensor, into dest: Tensor, at offsets: [Int]) throws(TensorError) {
        let src = try dense(g.converted(to: dest.dtype))
        guard src.count == offsets.count else {
            throw .invalidArgument("internal: scatter of \(src.count) values onto \(offsets.count) positions")
        }
        switch dest.dtype {
        case .f64:
            let d = dest.storage.f64, s = src.storage.f64
            for k in 0..<offsets.count { d[offsets[k]] += s[k] }
        case .f32:
            let d = dest.storage.f32, s = src.storage.f32
            for k in 0..<offsets.count { d[offsets[k]] += s[k] }
        case .bool: break  // gradients are float tensors
        }
    }
}
