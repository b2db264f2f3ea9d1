/// numpy's `floor_divide` for floats (`a // b`), bit for bit: the quotient is computed from
/// the floating remainder and snapped to the nearest integer, so `a // b` and `a % b` satisfy
/// `a == (a // b) * b + a % b` as closely as floating point allows.
extension Tensor {
    /// `a // b` elementwise with numpy broadcasting; the dtype promotes as other arithmetic
    /// (bool operands compute in the other operand's float type).
    /// - Throws: `.shapeMismatch(op: "//", …)` when the shapes do not broadcast.
    public static func floorDivide(_ a: Tensor, _ b: Tensor) throws(TensorError) -> Tensor {
        let shape = try Broadcast.shape(a.shape, b.shape, op: "//")
        let dtype = a.dtype.promoted(with: b.dtype).floatType
        let a = try a.converted(to: dtype), b = try b.converted(to: dtype)
        let av = IndexPlan.broadcastView(a, to: shape), bv = IndexPlan.broadcastView(b, to: shape)
        let ao = av.storageOffsets(), bo = bv.storageOffsets()
        let out = try Tensor(uninitialized: shape, dtype: dtype)
        switch dtype {
        case .f32:
            let p = a.storage.f32, q = b.storage.f32, o = out.storage.f32
            for k in 0..<ao.count { o[k] = floorDivide(p[ao[k]], q[bo[k]]) }
        default:
            let p = a.storage.f64, q = b.storage.f64, o = out.storage.f64
            for k in 0..<ao.count { o[k] = floorDivide(p[ao[k]], q[bo[k]]) }
        }
        return out
    }

    /// `a // s` with a scalar divisor (weak: keeps `a`'s float dtype).
    public static func floorDivide(_ a: Tensor, _ s: Double) throws(TensorError) -> Tensor {
        try floorDivide(a, Tensor(scalar: s, dtype: a.dtype.floatType))
    }

    /// `s // b` with a scalar dividend (weak: keeps `b`'s float dtype).
    public static func floorDivide(_ s: Double, _ b: Tensor) throws(TensorError) -> Tensor {
        try floorDivide(Tensor(scalar: s, dtype: b.dtype.floatType), b)
    }

    /// numpy's `npy_floor_divide` for one pair of floats.
    public static func floorDivide<T: BinaryFloatingPoint>(_ a: T, _ b: T) -> T {
        if b == 0 { return a / b }
        var mod = a.truncatingRemainder(dividingBy: b)  // C's fmod (exact)
        var div = (a - mod) / b
        if mod != 0 {
            if (b < 0) != (mod < 0) {
                mod += b
                div -= 1
            }
        }
        if div != 0 {
            var floordiv = div.rounded(.down)
            if div - floordiv > 0.5 { floordiv += 1 }
            return floordiv
        }
        return T(signOf: a / b, magnitudeOf: 0)
    }
}
