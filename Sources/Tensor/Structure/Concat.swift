/// Joining tensors: `concat` along an existing axis, `stack` along a new one.
extension Tensor {
    /// Joins `tensors` along `axis` (negative counts from the end). All must have the same rank
    /// and equal sizes on every other axis; the dtype is f32 only when all are f32.
    public static func concat(_ tensors: [Tensor], axis: Int = 0) throws(TensorError) -> Tensor {
        guard let first = tensors.first else { throw .invalidArgument("concat needs at least one tensor") }
        guard first.rank > 0 else { throw .invalidArgument("concat cannot join 0-d tensors; use stack") }
        let ax = try Shape.axis(axis, rank: first.rank)
        var total = 0
        var dtype = first.dtype
        for t in tensors {
            guard t.rank == first.rank else { throw .shapeMismatch(op: "concat", lhs: first.shape, rhs: t.shape) }
            for i in 0..<t.rank where i != ax && t.shape[i] != first.shape[i] {
                throw .shapeMismatch(op: "concat", lhs: first.shape, rhs: t.shape)
            }
            let (s, o) = total.addingReportingOverflow(t.shape[ax])
            guard !o else { throw .invalidArgument("concat result is too large") }
            total = s
            dtype = dtype.promoted(with: t.dtype)
        }
        var shape = first.shape
        shape[ax] = total
        let out = try Tensor(uninitialized: shape, dtype: dtype)
        let outer = first.shape[..<ax].reduce(1, *)
        let inner = first.shape[(ax + 1)...].reduce(1, *)
        let esize = dtype.size
        var at = 0
        for t in tensors {
            try Interrupt.check()
            let piece = try t.converted(to: dtype).contiguous()
            let len = t.shape[ax] * inner
            if len > 0 {
                for o in 0..<outer {
                    let dst = out.storage.raw + (o * total * inner + at) * esize
                    let src = piece.storage.raw + (piece.offset + o * len) * esize
                    dst.copyMemory(from: src, byteCount: len * esize)
                }
            }
            at += len
        }
        return out
    }

    /// Stacks equally shaped `tensors` along a new axis at position `axis`.
    public static func stack(_ tensors: [Tensor], axis: Int = 0) throws(TensorError) -> Tensor {
        guard let first = tensors.first else { throw .invalidArgument("stack needs at least one tensor") }
        let ax = try Shape.axis(axis, rank: first.rank + 1)
        var expanded: [Tensor] = []
        for t in tensors {
            guard t.shape == first.shape else { throw .shapeMismatch(op: "stack", lhs: first.shape, rhs: t.shape) }
            expanded.append(try t.expandDims(axis: ax))
        }
        return try concat(expanded, axis: ax)
    }
}
