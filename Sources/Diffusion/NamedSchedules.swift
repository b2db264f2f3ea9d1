import Tensor
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Schedule {
    /// The schedule names `Schedule.named` accepts.
    public static let names = ["linear", "cosine", "scaled_linear", "sigmoid", "quad", "jsd", "const"]

    /// A named schedule with T timesteps (β over t = 0…T−1), computed in f64:
    /// - `linear`: linspace(0.0001·1000/T, 0.02·1000/T, T) — Ho et al. 2020 with guided-diffusion's
    ///   1000/T rescaling (Nichol & Dhariwal 2021), so T < 20 gives β > 1 (an error) except T = 1;
    /// - `cosine`: β_t = min(1 − ᾱ((t+1)/T)/ᾱ(t/T), 0.999), ᾱ(u) = cos((u+0.008)/1.008·π/2)²
    ///   (Nichol & Dhariwal 2021, guided-diffusion's `betas_for_alpha_bar`);
    /// - `scaled_linear`: linspace(√0.00085, √0.012, T)² (Stable Diffusion, diffusers);
    /// - `sigmoid`: σ(linspace(−6, 6, T))·(β_end − β_start) + β_start, ends 1e-4 and 0.02 (diffusers);
    /// - `quad`: linspace(√1e-4, √0.02, T)²; `jsd`: 1/linspace(T, 1, T); `const`: β_end = 0.02
    ///   everywhere (Ho et al.'s original code).
    ///
    /// `betaStart`/`betaEnd` replace the ends (used as given: `linear` does not rescale them).
    /// `cosine` and `jsd` take neither, `const` only `betaEnd`. A linspace of one point is its
    /// start, as in numpy. Betas outside (0, 1], T < 1 or an unknown name are errors.
    public static func named(_ name: String, T: Int, betaStart: Double? = nil, betaEnd: Double? = nil) throws(TensorError) -> Schedule {
        guard names.contains(name) else {
            throw .invalidArgument("unknown schedule \"\(name)\"; valid names: \(names.joined(separator: ", "))")
        }
        guard T >= 1 else { throw .invalidArgument("a schedule needs T ≥ 1 timesteps, got T = \(T)") }
        // Refuse T whose f64 tensors could never be allocated before building Swift arrays.
        guard T <= Limits.maxBytes / 8 else { throw .tooLarge(bytes: T &* 8, limit: Limits.maxBytes) }
        switch name {
        case "cosine", "jsd":
            if betaStart != nil || betaEnd != nil {
                throw .invalidArgument("schedule \"\(name)\" takes no beta_start/beta_end")
            }
        case "const":
            if betaStart != nil { throw .invalidArgument("schedule \"const\" takes only beta_end (its constant β)") }
        default: break
        }
        for (label, v) in [("beta_start", betaStart), ("beta_end", betaEnd)] {
            if let v, !(v > 0 && v <= 1) {
                throw .invalidArgument("\(label) must lie in (0, 1], got \(v)")
            }
        }
        let betas = try vector(T)
        let p = betas.storage.f64
        var hint = ""
        switch name {
        case "linear":
            let scale = 1000 / Double(T)
            let start = betaStart ?? scale * 0.0001, end = betaEnd ?? scale * 0.02
            if betaEnd == nil { hint = " (linear rescales its ends by 1000/T, so it needs T ≥ 20 or T = 1)" }
            for i in 0..<T { p[i] = Numpy.linspace(start, end, T, i) }
        case "cosine":
            cosineBetas(T, into: p)
        case "scaled_linear", "quad":
            let sl = name == "scaled_linear"
            let a = (betaStart ?? (sl ? 0.00085 : 1e-4)).squareRoot(), b = (betaEnd ?? (sl ? 0.012 : 0.02)).squareRoot()
            for i in 0..<T { let x = Numpy.linspace(a, b, T, i); p[i] = x * x }
        case "sigmoid":
            let s = betaStart ?? 1e-4, e = betaEnd ?? 0.02
            for i in 0..<T { p[i] = 1 / (1 + exp(-Numpy.linspace(-6, 6, T, i))) * (e - s) + s }
        case "jsd":
            for i in 0..<T { p[i] = 1 / Numpy.linspace(Double(T), 1, T, i) }
        default: // const
            p.initialize(repeating: betaEnd ?? 0.02, count: T)
        }
        try checkBetas(betas, name: name, hint: hint)
        return try Schedule(ownedBetas: betas, name: name, timesteps: nil)
    }

    /// guided-diffusion's `betas_for_alpha_bar` with the cosine ᾱ and max_beta 0.999. ᾱ((i+1)/T)
    /// of step i is reused as ᾱ(i'/T) of step i' = i+1: the same float expression, so bit-identical.
    static func cosineBetas(_ T: Int, into out: UnsafeMutablePointer<Double>) {
        let n = Double(T)
        @inline(__always) func alphaBar(_ i: Int) -> Double {
            let u = Double(i) / n
            let c = cos((u + 0.008) / 1.008 * Double.pi / 2)
            return c * c
        }
        var a1 = alphaBar(0)
        for i in 0..<T {
            let a2 = alphaBar(i + 1)
            out[i] = Swift.min(1 - a2 / a1, 0.999)
            a1 = a2
        }
    }
}
