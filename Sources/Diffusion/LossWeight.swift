import Tensor
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The weighting schemes `lossWeight` accepts.
public let lossWeightSchemes = ["constant", "min_snr", "p2"]
/// The predictions `lossWeight` accepts (the network's target).
public let predictions = ["eps", "v", "x0"]

/// Per-timestep loss weights (length T) for a training objective.
///
/// - `"constant"`: 1 everywhere (the plain loss of the chosen prediction).
/// - `"min_snr"`: Min-SNR-γ (Hang et al. 2023), min(SNR, γ) on the x₀ loss, i.e.
///   min(SNR, γ)/SNR for ε-prediction (1 at SNR = 0, its limit), min(SNR, γ)/(SNR + 1) for
///   v-prediction and min(SNR, γ) for x₀-prediction; `gamma` default 5.
/// - `"p2"`: P2 weighting (Choi et al. 2022), λ_t = 1/(k + SNR)^γ on the ε loss; `k` default 1,
///   `gamma` default 1. For another prediction it is converted so the objective is the same:
///   λ·SNR for x₀ and λ·SNR/(SNR + 1) for v.
///
/// `prediction` is "eps" (default), "v" or "x0".
public func lossWeight(_ s: Schedule, scheme: String, prediction: String = "eps",
                       gamma: Double? = nil, k: Double = 1) throws(TensorError) -> Tensor {
    guard predictions.contains(prediction) else {
        throw .invalidArgument("unknown prediction \"\(prediction)\"; valid: eps, v, x0")
    }
    let snr = s.snr.toArray()
    var w: [Double]
    switch scheme {
    case "constant":
        w = [Double](repeating: 1, count: snr.count)
    case "min_snr":
        let g = gamma ?? 5
        guard g > 0, g.isFinite else { throw .invalidArgument("min_snr needs gamma > 0, got \(numberText(g))") }
        w = snr.map { r in
            let m = Swift.min(r, g)
            switch prediction {
            case "eps": return r == 0 ? 1 : m / r
            case "v": return m / (r + 1)
            default: return m
            }
        }
    case "p2":
        let g = gamma ?? 1
        guard g >= 0, g.isFinite else { throw .invalidArgument("p2 needs gamma ≥ 0, got \(numberText(g))") }
        guard k > 0, k.isFinite else { throw .invalidArgument("p2 needs k > 0, got \(numberText(k))") }
        w = snr.map { r in
            let lambda = 1 / pow(k + r, g)
            switch prediction {
            case "eps": return lambda
            case "v": return lambda * r / (r + 1)
            default: return lambda * r
            }
        }
    default:
        throw .invalidArgument("unknown loss weighting \"\(scheme)\"; valid: constant, min_snr, p2")
    }
    return try Tensor(w)
}
