import CKernels
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
    /// - `scaled_linear`: linspace(√0.00085, √0.012, T)² (Stable Diffusion, diffusers — which
    ///   computes it in float32; dtr uses f64 like every other schedule);
    /// - `sigmoid`: σ(linspace(−6, 6, T))·(β_end − β_start) + β_start, ends 1e-4 and 0.02 (diffusers);
    /// - `quad`: linspace(√1e-4, √0.02, T)²; `jsd`: 1/linspace(T, 1, T); `const`: β_end = 0.02
    ///   everywhere (Ho et al.'s original code).
    ///
    /// `betaStart`/`betaEnd` replace the ends, used as given (`linear` does not rescale them; an
    /// end left out keeps its default, rescaled for `linear`).
    /// `cosine` and `jsd` take neither, `const` only `betaEnd`. A linspace of one point is its
    /// start, as in numpy. Betas outside (0, 1], T < 1 or an unknown name are errors.
    public static func named(_ name: String, T: Int, betaStart: Double? = nil, betaEnd: Double? = nil) throws(TensorError) -> Schedule {
        guard names.contains(name) else {
            throw .invalidArgument("unknown schedule \"\(name)\"; valid names: \(names.joined(separator: ", "))")
        }
        guard T >= 1 else { throw .invalidArgument("a schedule needs T ≥ 1 timesteps, got T = \(T)") }
        try checkSize(T)
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
                throw .invalidArgument("\(label) must lie in (0, 1], got \(numberText(v))")
            }
        }
        switch name {
        case "linear":
            let scale = 1000 / Double(T)
            let start = betaStart ?? scale * 0.0001, end = betaEnd ?? scale * 0.02
            let hint = betaEnd == nil ? " (linear rescales its ends by 1000/T, so it needs T ≥ 20 or T = 1)" : ""
            return try Schedule(count: T, name: name, hint: hint, timesteps: nil) { Numpy.linspace(start, end, T, $0) }
        case "cosine":
            // guided-diffusion's betas_for_alpha_bar. ᾱ((i+1)/T) of step i is the same float
            // expression as ᾱ(i'/T) of step i' = i + 1, so each is computed once; the angles
            // first (a vectorisable loop of divisions), then the cosines back to back.
            let ab = cosineAlphaBars(T)
            return try Schedule(count: T, name: name, hint: "", timesteps: nil) { i in
                Swift.min(1 - ab[i + 1] / ab[i], 0.999)
            }
        case "scaled_linear", "quad":
            let sl = name == "scaled_linear"
            let a = (betaStart ?? (sl ? 0.00085 : 1e-4)).squareRoot(), b = (betaEnd ?? (sl ? 0.012 : 0.02)).squareRoot()
            return try Schedule(count: T, name: name, hint: "", timesteps: nil) { i in
                let x = Numpy.linspace(a, b, T, i)
                return x * x
            }
        case "sigmoid":
            let s = betaStart ?? 1e-4, e = betaEnd ?? 0.02
            return try Schedule(count: T, name: name, hint: "", timesteps: nil) {
                1 / (1 + exp(-Numpy.linspace(-6, 6, T, $0))) * (e - s) + s
            }
        case "jsd":
            return try Schedule(count: T, name: name, hint: "", timesteps: nil) { 1 / Numpy.linspace(Double(T), 1, T, $0) }
        default: // const
            let c = betaEnd ?? 0.02
            return try Schedule(count: T, name: name, hint: "", timesteps: nil) { _ in c }
        }
    }

    /// The cosine ᾱ(i/T) = cos((i/T + 0.008)/1.008·π/2) ** 2 for i = 0…T, bit-identical to
    /// guided-diffusion's Python values: Python's operation order, the same libm `cos` as
    /// `math.cos`, and `** 2` as Python computes it — `pow(c, 2)`, which glibc rounds within
    /// 0.52 ulp here and so is not always `c * c` (one C kernel: angles vectorised, `cos` per value,
    /// squares vectorised with `pow` only near rounding ties).
    static func cosineAlphaBars(_ T: Int) -> [Double] {
        [Double](unsafeUninitializedCapacity: T + 1) { buffer, count in
            if let base = buffer.baseAddress { dtr_cosine_alpha_bars_f64(base, T) }
            count = T + 1
        }
    }
}
