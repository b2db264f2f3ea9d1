/// Permuting axes (a view: only shape and strides change).
extension Tensor {
    /// The tensor with its axes permuted: axis `i` of the result is axis `axes[i]` of this one.
    /// With no `axes`, the order is reversed (a matrix transpose for 2-D). Negative axes count
    /// from the end; `axes` must be a permutation of `0..<rank`.
    public func transpose(axes: [Int]? = nil) throws(TensorError) -> Tensor {
        let perm: [Int]
        if let axes {
            guard axes.count == rank else {
                throw .invalidArgument("transpose: axes \(axes) do not match a tensor of rank \(rank)")
            }
            var seen = [Bool](repeating: false, count: rank)
            var p: [Int] = []
            for a in axes {
                let n = try Shape.axis(a, rank: rank)
                guard !seen[n] else { throw .invalidArgument("transpose: repeated axis \(a) in \(axes)") }
                seen[n] = true
                p.append(n)
            }
            perm = p
        } else {
            perm = Array((0..<rank).reversed())
        }
        return Tensor(storage: storage, shape: perm.map { shape[$0] }, strides: perm.map { strides[$0] }, offset: offset)
    }
}
