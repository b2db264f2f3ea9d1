/// Branch-free, auto-vectorisable elementary functions used by the elementwise kernels.
///
/// `exp` reduces `x = n·ln2 + r` with |r| ≤ ln2/2 (Cody–Waite split of ln2), evaluates a Taylor
/// polynomial of `e^r` (degree 13 for Double, 7 for Float: below half an ulp of truncation
/// error) and scales by 2^n as the product of two exactly representable powers of two, so that
/// results in the subnormal range and overflow to +inf come out right without branches.
/// Accuracy: within ~2 ulp of the correctly rounded result. NaN gives NaN, -inf gives 0.
enum FastMath {
    @inline(__always)
    static func exp(_ x: Double) -> Double {
        let xc = Swift.min(Swift.max(x, -746.0), 710.0)
        // Round x·log2(e) to an integer with the 1.5·2^52 shifter (no float→int conversion).
        let shifter = 6755399441055744.0
        let t = xc * 1.4426950408889634 + shifter
        let n = t - shifter
        let r = (xc - n * 0.6931471803691238) - n * 1.9082149292705877e-10
        var p = 1.0 / 6227020800.0
        p = p * r + 1.0 / 479001600.0
        p = p * r + 1.0 / 39916800.0
        p = p * r + 1.0 / 3628800.0
        p = p * r + 1.0 / 362880.0
        p = p * r + 1.0 / 40320.0
        p = p * r + 1.0 / 5040.0
        p = p * r + 1.0 / 720.0
        p = p * r + 1.0 / 120.0
        p = p * r + 1.0 / 24.0
        p = p * r + 1.0 / 6.0
        p = p * r + 0.5
        p = p * r + 1.0
        p = p * r + 1.0
        // n sits in the low mantissa bits of t; split it in two halves n1 + n2.
        let ni = Int64(bitPattern: t.bitPattern) &- Int64(bitPattern: shifter.bitPattern)
        let n1 = ni >> 1, n2 = ni &- n1
        let s1 = Double(bitPattern: UInt64(bitPattern: (n1 &+ 1023) << 52))
        let s2 = Double(bitPattern: UInt64(bitPattern: (n2 &+ 1023) << 52))
        let y = p * s1 * s2
        return x != x ? x : y
    }

    @inline(__always)
    static func exp(_ x: Float) -> Float {
        let xc = Swift.min(Swift.max(x, -104.0), 89.0)
        let shifter: Float = 12582912.0  // 1.5 · 2^23
        let t = xc * 1.44269502 + shifter
        let n = t - shifter
        let r = (xc - n * 0.693145751953125) - n * 1.428606765330187e-06
        var p: Float = 1.0 / 5040.0
        p = p * r + 1.0 / 720.0
        p = p * r + 1.0 / 120.0
        p = p * r + 1.0 / 24.0
        p = p * r + 1.0 / 6.0
        p = p * r + 0.5
        p = p * r + 1.0
        p = p * r + 1.0
        let ni = Int32(bitPattern: t.bitPattern) &- Int32(bitPattern: shifter.bitPattern)
        let n1 = ni >> 1, n2 = ni &- n1
        let s1 = Float(bitPattern: UInt32(bitPattern: (n1 &+ 127) << 23))
        let s2 = Float(bitPattern: UInt32(bitPattern: (n2 &+ 127) << 23))
        let y = p * s1 * s2
        return x != x ? x : y
    }
}
