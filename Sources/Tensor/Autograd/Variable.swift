/// A tensor value that may be tracked on a `Tape` for reverse-mode differentiation.
///
/// Make tracked leaves with `tape.variable(x)` and untracked values with
/// `Variable(constant: x)`; combine them with the differentiable ops (`Variable.binary`,
/// `.unary`, `.reduce`, `.matmul`, `subscripted`, …, or the operators `+ - * /`), then ask
/// the tape for gradients. An op whose inputs are all untracked records nothing.
///
/// ```swift
/// let tape = Tape()
/// let w = tape.variable(try Tensor([0.5, -1]))
/// let loss = try Variable.reduce(.mean, Variable.unary(.square, w - 1))
/// let [dw] = try tape.gradient(of: loss, withRespectTo: [w])   // [-0.5, -2]
/// ```
public struct Variable: @unchecked Sendable {
    /// The current value.
    public let value: Tensor
    /// The tape recording this value, nil when untracked.
    public let tape: Tape?
    /// This value's node on `tape`.
    let id: Int?

    init(value: Tensor, tape: Tape?, id: Int?) {
        self.value = value
        self.tape = tape
        self.id = id
    }

    /// An untracked value: gradients never flow into it.
    public init(constant value: Tensor) {
        self.init(value: value, tape: nil, id: nil)
    }

    /// Whether this value is recorded on a tape.
    public var isTracked: Bool { tape != nil }

    /// Shape of the value.
    public var shape: [Int] { value.shape }
    /// Element type of the value.
    public var dtype: DType { value.dtype }

    /// `value` computed from `inputs`: recorded with `backward` on their tape when any is
    /// tracked, else returned untracked (and `backward` is dropped unused).
    static func make(_ value: Tensor, _ inputs: [Variable], _ backward: @escaping Tape.Backward) throws(TensorError) -> Variable {
        guard let tape = try Tape.common(inputs) else { return Variable(constant: value) }
        return tape.record(value, inputs, backward)
    }
}

extension Tensor {
    /// Sums `g` over the axes along which a tensor of `shape` was broadcast to `g.shape`,
    /// giving a tensor of exactly `shape` and `dtype` (the backward of broadcasting).
    static func unbroadcast(_ g: Tensor, to shape: [Int], dtype: DType) throws(TensorError) -> Tensor {
        if g.shape == shape { return try g.converted(to: dtype) }
        let lead = g.rank - shape.count
        guard lead >= 0 else { return try g.reshape(shape).converted(to: dtype) }
        var summed = [Bool](repeating: false, count: g.rank)
        for i in 0..<g.rank {
            summed[i] = i < lead || (shape[i - lead] == 1 && g.shape[i] != 1)
        }
        // Fast path: only a block of leading axes is summed over a dense cotangent.
        let k = summed.firstIndex(of: false) ?? g.rank
        if !summed[k...].contains(true), g.isContiguous {
            let outer = g.shape[..<k].reduce(1, *), inner = g.shape[k...].reduce(1, *)
            return try columnSum(g, outer: outer, inner: inner).reshape(shape).converted(to: dtype)
        }
        var r = g
        for i in 0..<g.rank where summed[i] { r = try reduce(.sum, r, axis: i, keepdims: true) }
        return try r.reshape(shape).converted(to: dtype)
    }

    /// Sums the `outer` rows of `inner` elements of the dense tensor `g` into one row.
    static func columnSum(_ g: Tensor, outer: Int, inner: Int) throws(TensorError) -> Tensor {
        let out = try Tensor(repeating: 0, shape: [inner], dtype: g.dtype)
        switch g.dtype {
        case .f64: columnSumRows(UnsafePointer(g.storage.f64) + g.offset, outer, inner, out.storage.f64)
        case .f32: columnSumRows(UnsafePointer(g.storage.f32) + g.offset, outer, inner, out.storage.f32)
        case .bool: break  // gradients are float tensors
        }
        return out
    }

    static func columnSumRows<T: Elem>(_ p: UnsafePointer<T>, _ outer: Int, _ inner: Int, _ o: UnsafeMutablePointer<T>) {
        for r in 0..<outer {
            let row = p + r &* inner
            for j in 0..<inner { o[j] += row[j] }
        }
    }

    /// A read-only view of `t` broadcast (stride 0) to `shape`, which `t.shape` must broadcast to.
    static func broadcastView(_ t: Tensor, to shape: [Int]) -> Tensor {
        if t.shape == shape { return t }
        return Tensor(storage: t.storage, shape: shape, strides: Broadcast.strides(of: t, to: shape), offset: t.offset)
    }

    /// The cotangent `g` of a reduction over `axis` (nil: all) viewed back at `shape`.
    static func expandReduced(_ g: Tensor, axis: Int?, keepdims: Bool, to shape: [Int]) throws(TensorError) -> Tensor {
        var g = g
        if !keepdims {
            if let axis, !shape.isEmpty {
                g = try g.expandDims(axis: Shape.axis(axis, rank: shape.count))
            } else {
                g = try g.reshape([Int](repeating: 1, count: shape.count))
            }
        }
        return broadcastView(g, to: shape)
    }
}
