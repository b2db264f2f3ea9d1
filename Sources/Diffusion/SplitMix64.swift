/// SplitMix64 (Steele, Lea & Flood 2014): a small, fast, seedable 64-bit generator. Used by
/// the "random" routing masks so they are reproducible from a seed on every platform.
/// (Self-contained here; the engine's own RNG lives in the Tensor target.)
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    @inline(__always)
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in 0..<bound (bound ≥ 1), unbiased (Lemire 2019, "Fast Random
    /// Integer Generation in an Interval").
    @inline(__always)
    mutating func below(_ bound: UInt64) -> UInt64 {
        var m = next().multipliedFullWidth(by: bound)
        if m.low < bound {
            let threshold = (0 &- bound) % bound
            while m.low < threshold { m = next().multipliedFullWidth(by: bound) }
        }
        return m.high
    }
}
