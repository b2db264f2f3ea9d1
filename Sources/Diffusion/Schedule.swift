import CKernels
import Tensor
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A discrete diffusion noise schedule over timesteps t = 0…T−1, with every derived quantity
/// precomputed in f64 the way guided-diffusion's `GaussianDiffusion` does (Ho et al. 2020;
/// Nichol & Dhariwal 2021).
///
/// - `alphas` = 1 − β; `alpha_bar` = cumulative product of `alphas` (ᾱ_t);
/// - `alpha_bar_prev` = ᾱ_{t−1} with 1.0 first;
/// - `snr` = ᾱ/(1 − ᾱ) and `log_snr` = ln(snr) — 0 and −inf where ᾱ = 0 (a β of 1, as after
///   `zeroTerminalSNR` or in `jsd`);
/// - `posterior_variance` = β_t(1 − ᾱ_{t−1})/(1 − ᾱ_t), the variance of q(x_{t−1} | x_t, x_0)
///   (0 at t = 0);
/// - `timesteps`: for each step, the original training timestep it stands for (0…T−1 unless
///   the schedule was made by `respace`).
public struct Schedule: Sendable {
    /// How the schedule was made ("cosine", "custom", "cosine+respace(50)", …).
    public let name: String
    /// Number of timesteps.
    public let T: Int
    /// β_t, in (0, 1].
    public let betas: Tensor
    /// α_t = 1 − β_t.
    public let alphas: Tensor
    /// ᾱ_t = ∏_{s≤t} α_s.
    public let alphaBar: Tensor
    /// ᾱ_{t−1}, with ᾱ_{−1} = 1.
    public let alphaBarPrev: Tensor
    /// √ᾱ_t, the signal scale of x_t.
    public let sqrtAlphaBar: Tensor
    /// √(1 − ᾱ_t), the noise scale of x_t.
    public let sqrtOneMinusAlphaBar: Tensor
    /// Signal-to-noise ratio ᾱ_t/(1 − ᾱ_t).
    public let snr: Tensor
    /// ln SNR(t) (−inf where ᾱ_t = 0).
    public let logSNR: Tensor
    /// β_t(1 − ᾱ_{t−1})/(1 − ᾱ_t).
    public let posteriorVariance: Tensor
    /// The original timestep each step stands for (identity unless respaced).
    public let timesteps: Tensor

    /// The record field names, in order, as the language shows them.
    public static let fieldNames = [
        "name", "T", "betas", "alphas", "alpha_bar", "alpha_bar_prev", "sqrt_alpha_bar",
        "sqrt_one_minus_alpha_bar", "snr", "log_snr", "posterior_variance", "timesteps",
    ]

    /// The tensor fields by their record names (`name` and `T` are the stored properties).
    public var tensorFields: [(String, Tensor)] {
        [("betas", betas), ("alphas", alphas), ("alpha_bar", alphaBar), ("alpha_bar_prev", alphaBarPrev),
         ("sqrt_alpha_bar", sqrtAlphaBar), ("sqrt_one_minus_alpha_bar", sqrtOneMinusAlphaBar),
         ("snr", snr), ("log_snr", logSNR), ("posterior_variance", posteriorVariance),
         ("timesteps", timesteps)]
    }

    /// A schedule from custom betas: a 1-D tensor of T ≥ 1 values, each in (0, 1].
    public init(betas: Tensor, name: String = "custom") throws(TensorError) {
        guard betas.rank == 1 else {
            throw .invalidArgument("betas must be a 1-D tensor, got shape \(Shape.describe(betas.shape))")
        }
        try self.init(betas: betas.toArray(), name: name)
    }

    /// A schedule from custom betas given as an array (T ≥ 1 values, each in (0, 1]);
    /// `timesteps`, if given, maps each step to an original timestep (one per beta).
    public init(betas: [Double], name: String = "custom", timesteps: [Double]? = nil) throws(TensorError) {
        if let timesteps, timesteps.count != betas.count {
            throw .invalidArgument("a schedule needs one timestep per beta: \(timesteps.count) for \(betas.count) betas")
        }
        try self.init(count: betas.count, name: name, hint: "", timesteps: timesteps) { betas[$0] }
    }

    /// Ten fields of n doubles: refuses what the memory cap could never hold in total.
    static func checkSize(_ n: Int) throws(TensorError) {
        let (bytes, overflow) = n.multipliedReportingOverflow(by: 80)
        guard !overflow, bytes <= Limits.maxBytes else {
            throw .tooLarge(bytes: overflow ? Int.max : bytes, limit: Limits.maxBytes)
        }
    }

    /// Builds a schedule of `n` steps whose β_t is `betaAt(t)` (called once per t, in order),
    /// in two passes (β and the serial cumulative product; then the element-wise fields in one
    /// vectorised C kernel). Operation order per element is numpy's, so results are bit-identical
    /// to guided-diffusion's arrays up to the libm calls (log-SNR is within 1 ulp). Throws if n < 1 or some β is outside (0, 1] (`hint` is
    /// appended to that message).
    @inline(__always)
    init(count n: Int, name: String, hint: String, timesteps: [Double]?,
         betaAt: (Int) -> Double) throws(TensorError) {
        guard n >= 1 else { throw .invalidArgument("a schedule needs at least one timestep (T ≥ 1)") }
        try Schedule.checkSize(n)
        let shape = [n], strides = [1]
        func make() throws(TensorError) -> Tensor {
            Tensor(storage: try Storage(count: n, dtype: .f64), shape: shape, strides: strides, offset: 0)
        }
        let betas = try make(), alphas = try make(), ab = try make(), abPrev = try make(), sab = try make()
        let s1m = try make(), snr = try make(), lsnr = try make(), pv = try make(), ts = try make()
        let pB = betas.storage.f64, pA = alphas.storage.f64, pAB = ab.storage.f64, pP = abPrev.storage.f64
        let pS = sab.storage.f64, pS1 = s1m.storage.f64, pR = snr.storage.f64, pL = lsnr.storage.f64
        let pV = pv.storage.f64, pT = ts.storage.f64
        // Pass 1, serial: β, α and the cumulative product (numpy's cumprod order; 1.0·α_0 = α_0
        // exactly); the β computation overlaps with the multiply chain.
        var bad = -1, cum = 1.0
        for i in 0..<n {
            if i & 0xFFFFF == 0xFFFFF { try Interrupt.check() }
            let beta = betaAt(i)
            if !(beta > 0 && beta <= 1) && bad < 0 { bad = i }
            let a = 1 - beta
            pB[i] = beta; pA[i] = a; pP[i] = cum
            cum *= a
            pAB[i] = cum
        }
        // Pass 2, element-wise: one vectorised C kernel (numpy's operation order; log < 1 ulp).
        dtr_schedule_fields_f64(pB, pAB, pP, pS, pS1, pR, pL, pV, n)
        if bad >= 0 {
            throw .invalidArgument("schedule \"\(name)\": betas must lie in (0, 1], but β[\(bad)] = \(numberText(pB[bad]))\(hint)")
        }
        if let timesteps, timesteps.count == n {
            for i in 0..<n { pT[i] = timesteps[i] }
        } else {
            for i in 0..<n { pT[i] = Double(i) }
        }
        self.name = name; self.T = n
        self.betas = betas; self.alphas = alphas; self.alphaBar = ab; self.alphaBarPrev = abPrev
        self.sqrtAlphaBar = sab; self.sqrtOneMinusAlphaBar = s1m; self.snr = snr; self.logSNR = lsnr
        self.posteriorVariance = pv; self.timesteps = ts
    }
}
