import Tensor

/// guided-diffusion's respacing (Nichol & Dhariwal 2021): `space_timesteps(T, [n])` keeps n
/// evenly spaced timesteps (`round` half to even of 0, s, 2s, … with s = (T−1)/(n−1) accumulated
/// as a float, exactly as the original), and `SpacedDiffusion` gives the kept steps the betas
/// 1 − ᾱ_t/ᾱ_prev (ᾱ_prev the previous kept step's ᾱ, 1 at first), so ᾱ is preserved on them.
/// The result's `timesteps` maps each new step to its original timestep. Needs 1 ≤ n ≤ T.
public func respace(_ s: Schedule, n: Int) throws(TensorError) -> Schedule {
    guard n >= 1, n <= s.T else {
        throw .invalidArgument("respace needs 1 ≤ n ≤ T = \(s.T), got n = \(n)")
    }
    let kept = spacedTimesteps(T: s.T, n: n)
    let ab = s.alphaBar.toArray(), original = s.timesteps.toArray()
    var betas: [Double] = [], map: [Double] = []
    betas.reserveCapacity(kept.count); map.reserveCapacity(kept.count)
    var lastAB = 1.0
    for i in kept {
        betas.append(1 - ab[i] / lastAB)
        lastAB = ab[i]
        map.append(original[i])
    }
    return try Schedule(betas: betas, name: s.name + "+respace(\(n))", timesteps: map)
}

/// `sorted(space_timesteps(T, [n]))` for one section (1 ≤ n ≤ T).
func spacedTimesteps(T: Int, n: Int) -> [Int] {
    let stride = n <= 1 ? 1.0 : Double(T - 1) / Double(n - 1)
    var cur = 0.0
    var steps = Set<Int>()
    for _ in 0..<n {
        if let i = Int(exactly: Numpy.round(cur)), i >= 0, i < T { steps.insert(i) }
        cur += stride
    }
    return steps.sorted()
}
