import Tensor

/// Lin et al., "Common Diffusion Noise Schedules and Sample Steps are Flawed" (WACV 2024),
/// Algorithm 1 `rescale_zero_terminal_snr`: shift √ᾱ so its last value is 0 and scale it so its
/// first value is unchanged, square back to ᾱ, and recompute β_t = 1 − ᾱ_t/ᾱ_{t−1}
/// (β_0 = 1 − ᾱ_0).
///
/// The last β becomes 1, so ᾱ_{T−1} = 0: SNR is 0 and log-SNR −inf there — the last step is
/// pure noise. Pair it with v-prediction: ε-prediction is undefined at SNR = 0.
/// Needs T ≥ 2 and ᾱ > 0 before the last step.
public func zeroTerminalSNR(_ s: Schedule) throws(TensorError) -> Schedule {
    guard s.T >= 2 else { throw .invalidArgument("zero_terminal_snr needs a schedule with T ≥ 2, got T = \(s.T)") }
    let ab = s.alphaBar.toArray()
    var r = ab.map { $0.squareRoot() }
    let first = r[0], last = r[r.count - 1]
    guard first > last else {
        throw .invalidArgument("zero_terminal_snr needs √ᾱ to decrease from its first to its last step")
    }
    for i in r.indices { r[i] -= last }
    let scale = first / (first - last)
    for i in r.indices { r[i] *= scale }
    let abNew = r.map { $0 * $0 }
    var betas = [Double](repeating: 0, count: abNew.count)
    betas[0] = 1 - abNew[0]
    for i in 1..<abNew.count {
        guard abNew[i - 1] > 0 else {
            throw .invalidArgument("zero_terminal_snr: ᾱ already reaches 0 at step \(i - 1), before the last step")
        }
        betas[i] = 1 - abNew[i] / abNew[i - 1]
    }
    return try Schedule(betas: betas, name: s.name + "+zero_terminal_snr", timesteps: s.timesteps.toArray())
}
