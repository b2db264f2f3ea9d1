/// Changing the shape without changing the elements: reshape, flatten, squeeze, expandDims.
extension Tensor {
    /// The same elements in row-major order with a new `shape`; one entry may be `-1` (inferred).
    /// A view when this tensor is contiguous, otherwise a copy.
    public func reshape(_ shape: [Int]) throws(TensorError) -> Tensor {
        var shape = shape
        var inferred: Int? = nil
        var known = 1
        for (i, d) in shape.enumerated() {
            if d == -1 {
                guard inferred == nil else { throw .invalidArgument("reshape: only one dimension can be -1") }
                inferred = i
            } else {
                guard d >= 0 else { throw .invalidArgument("reshape: negative dimension \(d)") }
                let (p, o) = known.multipliedReportingOverflow(by: d)
                guard !o else { throw .invalidArgument("reshape: shape \(Shape.describe(shape)) has too many elements") }
                known = p
            }
        }
        let n = count
        if let i = inferred {
            guard known > 0, n % known == 0 else {
                throw .invalidArgument("cannot reshape a tensor of shape \(Shape.describe(self.shape)) into shape \(Shape.describe(shape))")
            }
            shape[i] = n / known
        } else if known != n {
            throw .invalidArgument("cannot reshape a tensor of \(n) elements (shape \(Shape.describe(self.shape))) into shape \(Shape.describe(shape))")
        }
        let base = isContiguous ? self : try contiguousCopy()
        return Tensor(storage: base.storage, shape: shape, strides: Shape.contiguousStrides(shape), offset: base.offset)
    }

    /// A 1-D tensor of all elements in row-major order (a view when contiguous).
    public func flatten() throws(TensorError) -> Tensor { try reshape([-1]) }

    /// Removes axes of size 1: all of them, or only `axis` (an error if that axis is not 1).
    public func squeeze(axis: Int? = nil) throws(TensorError) -> Tensor {
        var keep = [Bool](repeating: true, count: rank)
        if let axis {
            let a = try Shape.axis(axis, rank: rank)
            guard rank > 0, shape[a] == 1 else {
                throw .invalidArgument("cannot squeeze axis \(axis) of a tensor of shape \(Shape.describe(shape)): its size is not 1")
            }
            keep[a] = false
        } else {
            for i in 0..<rank where shape[i] == 1 { keep[i] = false }
        }
        var s: [Int] = [], st: [Int] = []
        for i in 0..<rank where keep[i] { s.append(shape[i]); st.append(strides[i]) }
        return Tensor(storage: storage, shape: s, strides: st, offset: offset)
    }

    /// Inserts an axis of size 1 at position `axis` (`-1` appends), as numpy's `expand_dims`.
    public func expandDims(axis: Int) throws(TensorError) -> Tensor {
        let a = try Shape.axis(axis, rank: rank + 1)
        var s = shape, st = strides
        s.insert(1, at: a)
        st.insert(0, at: a)
        return Tensor(storage: storage, shape: s, strides: st, offset: offset)
    }
}
