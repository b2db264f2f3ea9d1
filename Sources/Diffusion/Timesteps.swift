import Tensor
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The spacings `timesteps` accepts.
public let timestepSpacings = ["linspace", "leading", "trailing"]

/// The n inference timesteps (descending) out of T training steps, exactly as diffusers'
/// `DDIMScheduler.set_timesteps` with `steps_offset` 0:
/// - `"linspace"`: `np.linspace(0, T−1, n).round()[::-1]` (half to even);
/// - `"leading"`: `np.arange(0, n) * (T // n)`, reversed;
/// - `"trailing"`: `np.round(np.arange(T, 0, −T/n)) − 1` (Lin et al., WACV 2024, recommend it: it
///   starts at the last training step).
/// Needs 1 ≤ n ≤ T. Returned as an f64 tensor of n integers. For some (T, n) (e.g. T = 15,
/// n = 13) diffusers' float `arange` in "trailing" overshoots by one element and appends a
/// spurious timestep −1; dtr returns the first n values, which match diffusers' exactly.
public func timesteps(T: Int, n: Int, spacing: String = "linspace") throws(TensorError) -> Tensor {
    guard T >= 1 else { throw .invalidArgument("timesteps needs T ≥ 1, got T = \(T)") }
    guard n >= 1, n <= T else { throw .invalidArgument("timesteps needs 1 ≤ n ≤ T = \(T), got n = \(n)") }
    try checkVectorSize(n, extra: 1)
    var out: [Double]
    switch spacing {
    case "linspace":
        out = (0..<n).reversed().map { Numpy.round(Numpy.linspace(0, Double(T - 1), n, $0)) }
    case "leading":
        let ratio = T / n
        out = (0..<n).reversed().map { Double($0 * ratio) }
    case "trailing":
        let ratio = Double(T) / Double(n)
        out = Array(Numpy.arange(Double(T), 0, -ratio).prefix(n).map { Numpy.round($0) - 1 })
    default:
        throw .invalidArgument("unknown timestep spacing \"\(spacing)\"; valid: linspace, leading, trailing")
    }
    return try Tensor(out)
}

/// Karras et al. 2022 (EDM) noise levels, as k-diffusion's `get_sigmas_karras`:
/// σ_i = (σ_max^{1/ρ} + i/(n−1)·(σ_min^{1/ρ} − σ_max^{1/ρ}))^ρ for i = 0…n−1, then a final 0
/// (n + 1 values, descending). The paper's defaults: ρ = 7, σ_min = 0.002, σ_max = 80.
/// Needs n ≥ 1, 0 < σ_min ≤ σ_max (finite) and ρ > 0.
public func karrasSigmas(n: Int, sigmaMin: Double, sigmaMax: Double, rho: Double = 7) throws(TensorError) -> Tensor {
    guard n >= 1 else { throw .invalidArgument("karras_sigmas needs n ≥ 1, got n = \(n)") }
    guard sigmaMin > 0, sigmaMin <= sigmaMax, sigmaMax.isFinite else {
        throw .invalidArgument("karras_sigmas needs 0 < sigma_min ≤ sigma_max, got \(numberText(sigmaMin)) and \(numberText(sigmaMax))")
    }
    guard rho > 0, rho.isFinite else { throw .invalidArgument("karras_sigmas needs rho > 0, got \(numberText(rho))") }
    try checkVectorSize(n, extra: 1)
    let minInv = pow(sigmaMin, 1 / rho), maxInv = pow(sigmaMax, 1 / rho)
    var out = (0..<n).map { pow(maxInv + Numpy.linspace(0, 1, n, $0) * (minInv - maxInv), rho) }
    out.append(0)
    return try Tensor(out)
}
