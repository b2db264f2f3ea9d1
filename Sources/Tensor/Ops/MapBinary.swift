/// Elementwise functions of two tensors that have no kernel of their own (`hypot`,
/// `isclose`): a broadcast walk in row-major order applying a Swift closure in the
/// promoted float dtype. Not for hot paths.
extension Tensor {
    /// `f(a, b)` elementwise with numpy broadcasting, computed in the promoted float dtype
    /// (`f32` only when both are f32 or bool with f32; `op` names the operation in errors).
    public static func mapBinary(_ op: String, _ a: Tensor, _ b: Tensor,
                                 f64: (Double, Double) -> Double, f32: (Float, Float) -> Float) throws(TensorError) -> Tensor {
        let shape = try Broadcast.shape(a.shape, b.shape, op: op)
        let dtype = a.dtype.promoted(with: b.dtype).floatType
        let a = try a.converted(to: dtype), b = try b.converted(to: dtype)
        let ao = IndexPlan.broadcastView(a, to: shape).storageOffsets()
        let bo = IndexPlan.broadcastView(b, to: shape).storageOffsets()
        let out = try Tensor(uninitialized: shape, dtype: dtype)
        if dtype == .f32 {
            let p = a.storage.f32, q = b.storage.f32, o = out.storage.f32
            for k in 0..<ao.count { o[k] = f32(p[ao[k]], q[bo[k]]) }
        } else {
            let p = a.storage.f64, q = b.storage.f64, o = out.storage.f64
            for k in 0..<ao.count { o[k] = f64(p[ao[k]], q[bo[k]]) }
        }
        return out
    }

    /// `f(x)` elementwise keeping a float dtype (bool computes in f64).
    public static func mapUnary(_ x: Tensor, f64: (Double) -> Double, f32: (Float) -> Float) throws(TensorError) -> Tensor {
        let x = try x.numeric()
        let offs = x.storageOffsets()
        let out = try Tensor(uninitialized: x.shape, dtype: x.dtype)
        if x.dtype == .f32 {
            let p = x.storage.f32, o = out.storage.f32
            for k in 0..<offs.count { o[k] = f32(p[offs[k]]) }
        } else {
            let p = x.storage.f64, o = out.storage.f64
            for k in 0..<offs.count { o[k] = f64(p[offs[k]]) }
        }
        return out
    }
}
