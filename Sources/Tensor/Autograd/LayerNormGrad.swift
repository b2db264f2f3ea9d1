/// Differentiable layer normalisation over the last axis (no gain or bias):
/// x̄ = (ḡ − mean(ḡ) − y·mean(ḡ·y))/√(σ² + eps) per row, y the normalised output.
extension Variable {
    /// `Tensor.layerNorm(x, eps:)`, differentiable.
    public static func layerNorm(_ x: Variable, eps: Double = 1e-5) throws(TensorError) -> Variable {
        let (y, rstd) = try Tensor.layerNormWithStats(x.value, eps: eps)
        return try make(y, [x]) { g, _ throws(TensorError) in
            [try Tensor.layerNormBackward(g, y: y, rstd: rstd)]
        }
    }
}
