/// Boolean-mask indexing, as numpy: a bool tensor used as an index selects the positions
/// where it is true. A mask of rank k covers k consecutive axes and must match their sizes
/// exactly; it stands for the k integer index tensors of `nonzero(mask)`.
extension Tensor {
    /// The positions of the non-zero (true) elements, one f64 index tensor per axis, in
    /// row-major order (numpy's `nonzero`). A 0-d tensor counts as 1-D of one element.
    public func nonzero() throws(TensorError) -> [Tensor] {
        let shape = rank == 0 ? [1] : self.shape
        let offs = storageOffsets()
        var hits: [Int] = []
        for k in 0..<offs.count where isNonZero(offs[k]) { hits.append(k) }
        var out: [Tensor] = []
        var div = 1
        var divisors = [Int](repeating: 1, count: shape.count)
        for ax in stride(from: shape.count - 1, through: 0, by: -1) {
            divisors[ax] = div
            div &*= Swift.max(shape[ax], 1)
        }
        for ax in 0..<shape.count {
            let t = try Tensor(uninitialized: [hits.count], dtype: .f64)
            let p = t.storage.f64
            for (j, k) in hits.enumerated() { p[j] = Double((k / divisors[ax]) % Swift.max(shape[ax], 1)) }
            out.append(t)
        }
        return out
    }

    /// Whether the element at storage position `i` is non-zero (NaN counts as non-zero).
    @inline(__always) func isNonZero(_ i: Int) -> Bool {
        switch dtype {
        case .f64: storage.f64[i] != 0
        case .f32: storage.f32[i] != 0
        case .bool: storage.u8[i] != 0
        }
    }

    /// `items` with every bool mask replaced by the integer index tensors it stands for.
    /// Errors name the mask's shape and the shape of the axes it covers when they differ.
    func expandingMasks(_ items: [IndexItem]) throws(TensorError) -> [IndexItem] {
        var hasMask = false
        var consumed = 0
        for it in items {
            switch it {
            case .newAxis, .ellipsis: break
            case .gather(let t) where t.dtype == .bool:
                hasMask = true
                consumed += Swift.max(t.rank, 1)
            default: consumed += 1
            }
        }
        guard hasMask else { return items }
        var out: [IndexItem] = []
        var src = 0
        for it in items {
            switch it {
            case .newAxis: out.append(it)
            case .ellipsis:
                out.append(it)
                src += Swift.max(rank - consumed, 0)
            case .gather(let m) where m.dtype == .bool:
                guard m.rank > 0 else {
                    throw .invalidArgument("a 0-d bool index is not supported; index with a bool tensor of the axes' shape")
                }
                let covered = Array(shape.dropFirst(src).prefix(m.rank))
                guard covered == m.shape else {
                    let axes = m.rank == 1 ? "axis \(src)" : "axes \(src)…\(src + m.rank - 1)"
                    throw .invalidArgument("boolean index of shape \(Shape.describe(m.shape)) does not match the indexed tensor of shape \(Shape.describe(shape)) on \(axes) (shape \(Shape.describe(covered)))")
                }
                for idx in try m.nonzero() { out.append(.gather(idx)) }
                src += m.rank
            default:
                out.append(it)
                src += 1
            }
        }
        return out
    }
}
