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
    return try respace(s, kept: spacedTimesteps(T: s.T, n: n), label: "\(n)")
}

/// guided-diffusion's respacing with `space_timesteps(T, sections)`'s section strings:
/// `"10,15,20"` splits 0…T−1 into three near-equal parts (the first T mod 3 one longer) and
/// keeps 10, 15 and 20 evenly spaced steps of them (`round` half to even of a float stride,
/// as the original); `"ddimN"` keeps `range(0, T, i)` for the smallest stride i giving exactly
/// N steps (an error if none does).
public func respace(_ s: Schedule, sections: String) throws(TensorError) -> Schedule {
    let T = s.T
    if sections.hasPrefix("ddim") {
        guard let want = Int(sections.dropFirst(4)), want >= 1 else {
            throw .invalidArgument("respace section \"\(sections)\" must be ddim followed by a positive integer, as \"ddim50\"")
        }
        for i in 1..<T where (T + i - 1) / i == want {
            return try respace(s, kept: Array(stride(from: 0, to: T, by: i)), label: sections)
        }
        throw .invalidArgument("cannot create exactly \(want) steps with an integer stride out of T = \(T) (guided-diffusion's ddim spacing)")
    }
    let parts = sections.split(separator: ",", omittingEmptySubsequences: false).map { String($0.filter { $0 != " " }) }
    var counts: [Int] = []
    for p in parts {
        guard let c = Int(p), c >= 0 else {
            throw .invalidArgument("respace sections must be comma-separated step counts such as \"10,15,20\" or \"ddim50\", got \"\(sections)\"")
        }
        counts.append(c)
    }
    let sizePer = T / counts.count, extra = T % counts.count
    var start = 0, steps = Set<Int>()
    for (i, count) in counts.enumerated() {
        let size = sizePer + (i < extra ? 1 : 0)
        guard size >= count else {
            throw .invalidArgument("cannot divide a section of \(size) steps into \(count) (respace \"\(sections)\" with T = \(T))")
        }
        let stride = count <= 1 ? 1.0 : Double(size - 1) / Double(count - 1)
        var cur = 0.0
        for _ in 0..<count {
            steps.insert(start + Int(Numpy.round(cur)))
            cur += stride
        }
        start += size
    }
    guard !steps.isEmpty else { throw .invalidArgument("respace \"\(sections)\" keeps no steps") }
    return try respace(s, kept: steps.sorted(), label: sections)
}

/// `SpacedDiffusion`'s betas on the kept timesteps (sorted, within 0…T−1).
func respace(_ s: Schedule, kept: [Int], label: String) throws(TensorError) -> Schedule {
    let ab = s.alphaBar.toArray(), original = s.timesteps.toArray()
    var betas: [Double] = [], map: [Double] = []
    betas.reserveCapacity(kept.count); map.reserveCapacity(kept.count)
    var lastAB = 1.0
    for i in kept {
        betas.append(1 - ab[i] / lastAB)
        lastAB = ab[i]
        map.append(original[i])
    }
    return try Schedule(betas: betas, name: s.name + "+respace(\(label))", timesteps: map)
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
