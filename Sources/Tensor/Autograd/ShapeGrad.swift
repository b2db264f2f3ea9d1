/// Differentiable shape ops: each backward moves the cotangent back to the input's layout.
/// - reshape / flatten / squeeze / expandDims: reshape g back · transpose: the inverse permutation
/// - concat: slices of g along the axis · stack: g indexed along the new axis
/// - broadcast(to:): g summed over the broadcast axes · converted(to:): g converted back
extension Variable {
    /// The same elements with a new shape (one entry may be -1), as `Tensor.reshape`.
    public func reshape(_ shape: [Int]) throws(TensorError) -> Variable {
        let xv = value
        return try Variable.make(value.reshape(shape), [self]) { g, _ throws(TensorError) in
            [try g.reshape(xv.shape).converted(to: xv.dtype)]
        }
    }

    /// A 1-D view of all elements.
    public func flatten() throws(TensorError) -> Variable { try reshape([-1]) }

    /// Removes axes of size 1 (all, or only `axis`), as `Tensor.squeeze`.
    public func squeeze(axis: Int? = nil) throws(TensorError) -> Variable {
        try reshape(value.squeeze(axis: axis).shape)
    }

    /// Inserts an axis of size 1 at `axis`, as `Tensor.expandDims`.
    public func expandDims(axis: Int) throws(TensorError) -> Variable {
        try reshape(value.expandDims(axis: axis).shape)
    }

    /// Axes permuted (reversed when `axes` is nil), as `Tensor.transpose`.
    public func transpose(axes: [Int]? = nil) throws(TensorError) -> Variable {
        let out = try value.transpose(axes: axes)
        let rank = value.rank, dtype = value.dtype
        var perm = Array((0..<rank).reversed())
        if let axes { perm = try axes.map { a throws(TensorError) in try Shape.axis(a, rank: rank) } }
        var inverse = [Int](repeating: 0, count: rank)
        for (i, p) in perm.enumerated() { inverse[p] = i }
        return try Variable.make(out, [self]) { g, _ throws(TensorError) in
            [try g.transpose(axes: inverse).converted(to: dtype)]
        }
    }

    /// This value repeated along broadcast axes to `shape` (numpy's `broadcast_to`).
    public func broadcast(to shape: [Int]) throws(TensorError) -> Variable {
        let target = try Broadcast.shape(value.shape, shape, op: "broadcast")
        guard target == shape else { throw .shapeMismatch(op: "broadcast", lhs: value.shape, rhs: shape) }
        let xv = value
        return try Variable.make(Tensor.dense(Tensor.broadcastView(value, to: shape)), [self]) { g, _ throws(TensorError) in
            [try Tensor.unbroadcast(g, to: xv.shape, dtype: xv.dtype)]
        }
    }

    /// This value in another dtype; the gradient comes back in the original dtype.
    public func converted(to dtype: DType) throws(TensorError) -> Variable {
        if dtype == value.dtype { return self }
        let from = value.dtype
        return try Variable.make(value.converted(to: dtype), [self]) { g, _ throws(TensorError) in
            [try g.converted(to: from)]
        }
    }

    /// Joins `parts` along an existing `axis`, as `Tensor.concat`.
    public static func concat(_ parts: [Variable], axis: Int = 0) throws(TensorError) -> Variable {
        let out = try Tensor.concat(parts.map(\.value), axis: axis)
        let values = parts.map(\.value)
        let ax = try Shape.axis(axis, rank: out.rank)
        return try make(out, parts) { g, needs throws(TensorError) in
            var result: [Tensor?] = []
            var at = 0
            for (i, v) in values.enumerated() {
                let len = v.shape[ax]
                if needs[i] {
                    var items = [IndexItem](repeating: .all, count: out.rank)
                    items[ax] = .slice(start: at, stop: at + len, step: 1)
                    result.append(try Tensor.dense(g.subscripted(items).converted(to: v.dtype)))
                } else {
                    result.append(nil)
                }
                at += len
            }
            return result
        }
    }

    /// Stacks equally shaped `parts` along a new axis, as `Tensor.stack`.
    public static func stack(_ parts: [Variable], axis: Int = 0) throws(TensorError) -> Variable {
        guard let first = parts.first else { throw .invalidArgument("stack needs at least one tensor") }
        let ax = try Shape.axis(axis, rank: first.value.rank + 1)
        var expanded: [Variable] = []
        for p in parts {
            guard p.shape == first.shape else { throw .shapeMismatch(op: "stack", lhs: first.shape, rhs: p.shape) }
            expanded.append(try p.expandDims(axis: ax))
        }
        return try concat(expanded, axis: ax)
    }
}
