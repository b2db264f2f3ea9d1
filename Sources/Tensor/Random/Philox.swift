/// Philox-4x32-10, the counter-based generator of Salmon, Moraes, Dror and Shaw,
/// "Parallel random numbers: as easy as 1, 2, 3" (SC 2011), as in Random123 and numpy's
/// `Philox` bit generator: a 128-bit counter and a 64-bit key go through ten rounds of
/// multiply/xor to give four 32-bit outputs. Output depends only on (key, counter), so any
/// block of numbers can be computed independently, on any thread, in any order.
struct Philox: Sendable {
    static let m0: UInt32 = 0xD251_1F53, m1: UInt32 = 0xCD9E_8D57
    static let w0: UInt32 = 0x9E37_79B9, w1: UInt32 = 0xBB67_AE85

    /// The 4×32-bit output block for `counter` under `key`.
    @inline(__always)
    static func block(_ c: (UInt32, UInt32, UInt32, UInt32), key: (UInt32, UInt32)) -> (UInt32, UInt32, UInt32, UInt32) {
        var (c0, c1, c2, c3) = c
        var (k0, k1) = key
        for r in 0..<10 {
            if r > 0 { k0 &+= w0; k1 &+= w1 }
            let p0 = UInt64(m0) &* UInt64(c0), p1 = UInt64(m1) &* UInt64(c2)
            let hi0 = UInt32(truncatingIfNeeded: p0 >> 32), lo0 = UInt32(truncatingIfNeeded: p0)
            let hi1 = UInt32(truncatingIfNeeded: p1 >> 32), lo1 = UInt32(truncatingIfNeeded: p1)
            (c0, c1, c2, c3) = (hi1 ^ c1 ^ k0, lo1, hi0 ^ c3 ^ k1, lo0)
        }
        return (c0, c1, c2, c3)
    }
}

/// A sequential reader of one Philox stream: counter words 2–3 hold the stream id, words 0–1
/// the position within the stream. Each counter value yields two 64-bit numbers.
struct PhiloxStream {
    let key: (UInt32, UInt32)
    let stream: UInt64
    var position: UInt64 = 0
    var spare: UInt64 = 0
    var hasSpare = false

    init(seed: UInt64, stream: UInt64) {
        key = (UInt32(truncatingIfNeeded: seed), UInt32(truncatingIfNeeded: seed >> 32))
        self.stream = stream
    }

    /// The next 64 random bits.
    @inline(__always)
    mutating func next() -> UInt64 {
        if hasSpare { hasSpare = false; return spare }
        let o = Philox.block((UInt32(truncatingIfNeeded: position), UInt32(truncatingIfNeeded: position >> 32),
                              UInt32(truncatingIfNeeded: stream), UInt32(truncatingIfNeeded: stream >> 32)), key: key)
        position &+= 1
        spare = UInt64(o.3) << 32 | UInt64(o.2)
        hasSpare = true
        return UInt64(o.1) << 32 | UInt64(o.0)
    }

    /// A double uniform on [0, 1) with 53 random bits.
    @inline(__always)
    mutating func nextDouble() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// A float uniform on [0, 1) with 24 random bits.
    @inline(__always)
    mutating func nextFloat() -> Float { Float(next() >> 40) * 0x1.0p-24 }

    /// An integer uniform on `0..<bound` (bound > 0), unbiased (Lemire's method).
    @inline(__always)
    mutating func next(below bound: UInt64) -> UInt64 {
        var (hi, lo) = next().multipliedFullWidth(by: bound)
        if lo < bound {
            let threshold = (0 &- bound) % bound
            while lo < threshold { (hi, lo) = next().multipliedFullWidth(by: bound) }
        }
        return hi
    }
}
