import Tensor
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The methods `sample` knows, each the diffusers 0.42 scheduler of that name.
public let samplerMethods = ["ddpm", "ddim", "euler", "euler_ancestral", "heun", "dpmpp_2m"]

/// The model parameterisations `sample` and `predict_x0` take.
public let samplerPredictions = ["eps", "v", "x0"]

/// The options of one `sample` call, as diffusers' scheduler config spells them.
public struct SamplerOptions: Sendable {
    public var steps = 50, spacing = "leading", offset = 0, prediction = "eps"
    public var eta = 0.0, karras = false, clip: Double? = nil
    public init() {}
}

/// Everything about a sampling run that does not depend on the samples: the timesteps and
/// noise levels that the diffusers scheduler of the method computes in `set_timesteps`, the
/// timesteps the network receives, and the scale of the starting draw. The step rules
/// themselves are written in dtr (`stdlib/samplers.dtr`).
public struct SamplerPlan: Sendable {
    /// One timestep per step, as an index into the schedule (diffusers' `scheduler.timesteps`,
    /// fractional where that scheduler keeps them fractional). For heun, the n distinct
    /// timesteps (its corrector step re-uses the next one).
    public let timesteps: [Double]
    /// `timesteps` mapped to the schedule's original training timesteps (`s.timesteps`,
    /// linearly interpolated at fractional positions): what the model receives.
    public let modelTimesteps: [Double]
    /// ddpm and ddim: the timestep each step moves to (−1 = the clean end, ᾱ = 1).
    /// ddpm takes the next listed timestep, ddim t − T // steps (visited or not).
    public let previous: [Double]
    /// σ-based methods: n + 1 noise levels σ = √((1 − ᾱ)/ᾱ), the last 0. Empty otherwise.
    public let sigmas: [Double]
    /// The factor the standard-normal start is multiplied by (the scheduler's `init_noise_sigma`).
    public let initNoiseSigma: Double

    /// Builds the plan for `method` on schedule `s`, refusing what diffusers would refuse, what
    /// it would silently ignore, and what would give infinities.
    public init(method: String, schedule s: Schedule, options o: SamplerOptions) throws(TensorError) {
        guard samplerMethods.contains(method) else {
            throw .invalidArgument("unknown sampling method \"\(method)\"; valid: " + samplerMethods.joined(separator: ", "))
        }
        guard samplerPredictions.contains(o.prediction) else {
            throw .invalidArgument("unknown prediction \"\(o.prediction)\"; valid: eps, v, x0")
        }
        guard timestepSpacings.contains(o.spacing) else {
            throw .invalidArgument("unknown timestep spacing \"\(o.spacing)\"; valid: linspace, leading, trailing")
        }
        let T = s.T, n = o.steps
        guard n >= 1, n <= T else { throw .invalidArgument("\(method) needs 1 ≤ steps ≤ T = \(T), got steps = \(n)") }
        let sigmaBased = ["euler", "euler_ancestral", "heun", "dpmpp_2m"].contains(method)
        // Options the method's diffusers scheduler does not take.
        if o.eta != 0 && method != "ddim" {
            throw .invalidArgument("eta is a ddim option; \(method) does not take it (diffusers' \(Self.schedulerName(method)) has no eta)")
        }
        guard o.eta >= 0, o.eta <= 1 else { throw .invalidArgument("ddim needs 0 ≤ eta ≤ 1, got eta = \(numberText(o.eta))") }
        if o.karras && !["euler", "heun", "dpmpp_2m"].contains(method) {
            throw .invalidArgument("karras: true needs a σ-based method with Karras σ in diffusers (euler, heun, dpmpp_2m), not \(method)")
        }
        if let c = o.clip {
            guard ["ddpm", "ddim", "heun"].contains(method) else {
                throw .invalidArgument("clip is not an option of \(method) (diffusers' \(Self.schedulerName(method)) has no clip_sample); ddpm, ddim and heun take it")
            }
            guard c > 0, c.isFinite else { throw .invalidArgument("clip must be a positive number, got \(numberText(c))") }
        }
        if method == "euler_ancestral" && o.prediction == "x0" {
            throw .invalidArgument("euler_ancestral does not take x0-prediction (diffusers' EulerAncestralDiscreteScheduler raises NotImplementedError); use euler, heun, dpmpp_2m, ddim or ddpm")
        }
        guard o.offset >= 0 else { throw .invalidArgument("offset must be at least 0, got \(o.offset)") }
        if o.offset != 0 && o.spacing != "leading" {
            throw .invalidArgument("offset only applies to spacing: \"leading\" (diffusers ignores steps_offset for \"\(o.spacing)\")")
        }
        if o.offset != 0 && method == "dpmpp_2m" && o.karras {
            throw .invalidArgument("offset has no effect on dpmpp_2m with karras: true (Karras σ replace its timesteps)")
        }
        let ab = s.alphaBar.toArray()
        if sigmaBased, let last = ab.last, last <= 0 {
            throw .invalidArgument("\(method) works with σ = √((1 − ᾱ)/ᾱ), which is infinite where ᾱ = 0 (this schedule's ᾱ at t = \(T - 1)); use ddpm or ddim (with prediction: \"v\") for a zero-terminal-SNR schedule")
        }

        // Timesteps as set_timesteps computes them.
        var ts: [Double]
        func trailing() throws(TensorError) -> [Double] {
            let r = Numpy.arange(Double(T), 0, -Double(T) / Double(n)).map { Numpy.round($0) - 1 }
            guard r.count == n else {
                throw .invalidArgument("diffusers' trailing spacing gives \(r.count) timesteps for T = \(T), steps = \(n), the last one −1; choose another step count or spacing")
            }
            return r
        }
        switch (method, o.spacing) {
        case ("dpmpp_2m", "linspace"):
            ts = Array((1...n).reversed().map { Numpy.round(Numpy.linspace(0, Double(T - 1), n + 1, $0)) })
        case ("dpmpp_2m", "leading"):
            let ratio = T / (n + 1)
            guard ratio >= 1 || o.karras else {
                throw .invalidArgument("dpmpp_2m with leading spacing needs steps < T = \(T) (diffusers' step ratio T // (steps + 1) would be 0)")
            }
            ts = (1...n).reversed().map { Double($0 * ratio + o.offset) }
        case (_, "linspace"):
            ts = (0..<n).reversed().map { i in
                let v = Numpy.linspace(0, Double(T - 1), n, i)
                return method == "ddpm" || method == "ddim" ? Numpy.round(v) : v
            }
        case (_, "leading"):
            ts = (0..<n).reversed().map { Double($0 * (T / n) + o.offset) }
        default:
            ts = try trailing()
        }
        if !(method == "dpmpp_2m" && o.karras), let top = ts.max(), top > Double(T - 1) {
            throw .invalidArgument("offset \(o.offset) moves the first timestep to \(numberText(top)), past the last training step \(T - 1)")
        }

        // σ for the σ-based methods.
        var sig: [Double] = []
        if sigmaBased {
            let full = ab.map { ((1 - $0) / $0).squareRoot() }
            let logFull = full.map { log($0) }
            if method == "dpmpp_2m" && o.karras {
                sig = Self.karras(n: n, sigmaMin: full[0], sigmaMax: full[T - 1])
                ts = sig.map { Numpy.round(Self.sigmaToT($0, logFull)) }
            } else {
                sig = ts.map { Self.interp($0, full) }
                if o.karras {
                    sig = Self.karras(n: n, sigmaMin: sig[n - 1], sigmaMax: sig[0])
                    ts = sig.map { Self.sigmaToT($0, logFull) }
                }
            }
            sig.append(0)
        }

        // eps-prediction divides by √ᾱ_t: refuse a visited timestep with ᾱ = 0.
        if !sigmaBased && o.prediction == "eps", let bad = ts.first(where: { ab[Int($0)] <= 0 }) {
            throw .invalidArgument("\(method) with prediction: \"eps\" visits t = \(Int(bad)) where ᾱ = 0, so x0 = (x − √(1 − ᾱ)·ε)/√ᾱ is infinite; use prediction: \"v\" (Lin et al. 2024) or another spacing")
        }

        var prev: [Double] = []
        if method == "ddpm" { prev = (0..<n).map { $0 + 1 < n ? ts[$0 + 1] : -1 } }
        if method == "ddim" { prev = ts.map { $0 - Double(T / n) } }

        let original = s.timesteps.toArray()
        timesteps = ts
        modelTimesteps = ts.map { Self.interp($0, original) }
        previous = prev
        sigmas = sig
        if ["euler", "euler_ancestral", "heun"].contains(method) {
            let m = sig.max() ?? 0
            initNoiseSigma = o.spacing == "linspace" || o.spacing == "trailing" ? m : (m * m + 1).squareRoot()
        } else {
            initNoiseSigma = 1
        }
    }

    /// The diffusers class behind a method name (for error messages).
    static func schedulerName(_ method: String) -> String {
        switch method {
        case "ddpm": "DDPMScheduler"
        case "ddim": "DDIMScheduler"
        case "euler": "EulerDiscreteScheduler"
        case "euler_ancestral": "EulerAncestralDiscreteScheduler"
        case "heun": "HeunDiscreteScheduler"
        default: "DPMSolverMultistepScheduler"
        }
    }

    /// numpy's `interp(x, arange(len(fp)), fp)`: linear between neighbours, clamped at the ends.
    static func interp(_ x: Double, _ fp: [Double]) -> Double {
        guard let last = fp.last else { return .nan }
        if x <= 0 { return fp[0] }
        if x >= Double(fp.count - 1) { return last }
        let j = Int(x.rounded(.down)), w = x - Double(j)
        if w == 0 { return fp[j] }
        return fp[j] + w * (fp[j + 1] - fp[j])
    }

    /// Karras σ without the final 0, as diffusers' `_convert_to_karras` (ρ = 7).
    static func karras(n: Int, sigmaMin: Double, sigmaMax: Double) -> [Double] {
        let rho = 7.0, minInv = pow(sigmaMin, 1 / rho), maxInv = pow(sigmaMax, 1 / rho)
        return (0..<n).map { pow(maxInv + Numpy.linspace(0, 1, n, $0) * (minInv - maxInv), rho) }
    }

    /// diffusers' `_sigma_to_t`: the fractional timestep whose log σ interpolates `sigma`'s
    /// between the two neighbouring training steps (clamped to [0, T − 1]).
    static func sigmaToT(_ sigma: Double, _ logSigmas: [Double]) -> Double {
        let ls = log(Swift.max(sigma, 1e-10))
        var low = 0, count = 0, best = 0
        for (j, l) in logSigmas.enumerated() where ls - l >= 0 {
            count += 1
            if count > best { best = count; low = j }
        }
        low = Swift.min(low, logSigmas.count - 2)
        guard low >= 0 else { return 0 }
        let lo = logSigmas[low], hi = logSigmas[low + 1]
        let w = Swift.min(Swift.max((lo - ls) / (lo - hi), 0), 1)
        return (1 - w) * Double(low) + w * Double(low + 1)
    }
}
