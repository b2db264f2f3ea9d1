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

    /// Eight consecutive blocks at once in SIMD lanes: counters `position ..< position + 8`
    /// (words 0–1) of `stream` (words 2–3). Lane `i` gives the same words as `block` for
    /// counter `position + i`, packed as `even[i] = w1 << 32 | w0`, `odd[i] = w3 << 32 | w2`.
    /// Words live in 64-bit lanes kept below 2^32 (masked before each multiply), so the
    /// 32×32→64 products compile to `pmuludq` with no lane shuffles; the rounds are unrolled.
    @inline(__always)
    static func block8(position: UInt64, stream: UInt64, key: (UInt32, UInt32)) -> (even: SIMD8<UInt64>, odd: SIMD8<UInt64>) {
        let mask = SIMD8<UInt64>(repeating: 0xffff_ffff)
        let pos = SIMD8<UInt64>(repeating: position) &+ SIMD8<UInt64>(0, 1, 2, 3, 4, 5, 6, 7)
        var x0 = pos & mask, x1 = pos &>> 32
        var x2 = SIMD8<UInt64>(repeating: stream & 0xffff_ffff)
        var x3 = SIMD8<UInt64>(repeating: stream >> 32)
        let mul0 = SIMD8<UInt64>(repeating: UInt64(m0)), mul1 = SIMD8<UInt64>(repeating: UInt64(m1))
        var k0 = UInt64(key.0), k1 = UInt64(key.1)
        @inline(__always) func round() {
            let p0 = (x0 & mask) &* mul0, p1 = (x2 & mask) &* mul1
            let n0 = (p1 &>> 32) ^ x1 ^ SIMD8(repeating: k0)
            let n2 = (p0 &>> 32) ^ x3 ^ SIMD8(repeating: k1)
            x1 = p1 & mask; x3 = p0 & mask; x0 = n0; x2 = n2
        }
        @inline(__always) func bump() {
            k0 = (k0 &+ UInt64(w0)) & 0xffff_ffff; k1 = (k1 &+ UInt64(w1)) & 0xffff_ffff
        }
        round(); bump(); round(); bump(); round(); bump(); round(); bump(); round()
        bump(); round(); bump(); round(); bump(); round(); bump(); round(); bump(); round()
        return (x1 &<< 32 | x0, x3 &<< 32 | x2)
    }
}

/// A sequential reader of one Philox stream: counter words 2–3 hold the stream id, words 0–1
/// the position within the stream. Counter `j` yields the 64-bit numbers `2j` (words 1:0) and
/// `2j + 1` (words 3:2). Numbers are made eight counters at a time into a small buffer.
struct PhiloxStream {
    /// 64-bit numbers per buffer refill (a multiple of 16).
    static let bufferCount = 512

    let key: (UInt32, UInt32)
    let stream: UInt64
    /// The next counter value to compute.
    var position: UInt64 = 0
    let buffer: UnsafeMutablePointer<UInt64>
    var cursor = 0, filled = 0

    /// Runs `body` with a reader of `stream` under `seed`, starting at position 0.
    static func with<R, E: Error>(seed: UInt64, stream: UInt64, _ body: (inout PhiloxStream) throws(E) -> R) throws(E) -> R {
        let buffer = UnsafeMutablePointer<UInt64>.allocate(capacity: bufferCount)
        defer { buffer.deallocate() }
        var s = PhiloxStream(seed: seed, stream: stream, buffer: buffer)
        return try body(&s)
    }

    private init(seed: UInt64, stream: UInt64, buffer: UnsafeMutablePointer<UInt64>) {
        key = (UInt32(truncatingIfNeeded: seed), UInt32(truncatingIfNeeded: seed >> 32))
        self.stream = stream
        self.buffer = buffer
    }

    @inline(never)
    mutating func refill() {
        var i = 0
        #if DEBUG
        // Unoptimised SIMD code is ~100× slower than scalar code; debug builds use the scalar
        // block, which gives the same numbers (checked by RandomTests).
        let s0 = UInt32(truncatingIfNeeded: stream), s1 = UInt32(truncatingIfNeeded: stream >> 32)
        while i < PhiloxStream.bufferCount {
            let o = Philox.block((UInt32(truncatingIfNeeded: position), UInt32(truncatingIfNeeded: position >> 32), s0, s1), key: key)
            position &+= 1
            buffer[i] = UInt64(o.1) << 32 | UInt64(o.0)
            buffer[i + 1] = UInt64(o.3) << 32 | UInt64(o.2)
            i += 2
        }
        #else
        while i < PhiloxStream.bufferCount {
            let (e, o) = Philox.block8(position: position, stream: stream, key: key)
            position &+= 8
            for l in 0..<8 { buffer[i + 2 * l] = e[l]; buffer[i + 2 * l + 1] = o[l] }
            i += 16
        }
        #endif
        cursor = 0
        filled = PhiloxStream.bufferCount
    }

    /// The next 64 random bits.
    @inline(__always)
    mutating func next() -> UInt64 {
        if cursor == filled { refill() }
        let v = buffer[cursor]
        cursor &+= 1
        return v
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
