#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard normal deviates by the ziggurat method of Marsaglia and Tsang (2000) with 256
/// layers (the layout numpy's `standard_normal` uses): one 64-bit draw gives the layer
/// (8 bits), the sign (1 bit) and a 52-bit abscissa; about 99% of draws are accepted at once.
/// Portability note: the rare wedge and tail steps (and the tables) call libm's `exp`/`log`,
/// so a platform whose libm rounds differently from glibc could differ in the last bit of the
/// ~0.03% of samples drawn from the tail; the bits themselves (Philox) are identical everywhere.
enum Ziggurat {
    /// Right edge of the base layer and the area of every layer (Marsaglia & Tsang, 256 layers).
    static let r = 3.6541528853610088
    static let area = 4.92867323399e-3

    struct Tables: Sendable {
        var k: [UInt64], w: [Double], f: [Double]
    }

    /// k: acceptance thresholds, w: abscissa scale per layer, f: density at each layer edge.
    static let tables: Tables = {
        let m = 4503599627370496.0  // 2^52
        var k = [UInt64](repeating: 0, count: 256), w = [Double](repeating: 0, count: 256)
        var f = [Double](repeating: 0, count: 256)
        var dn = r, tn = r
        let q = area / exp(-0.5 * dn * dn)
        k[0] = UInt64((dn / q) * m); k[1] = 0
        w[0] = q / m; w[255] = dn / m
        f[0] = 1; f[255] = exp(-0.5 * dn * dn)
        for i in stride(from: 254, through: 1, by: -1) {
            dn = (-2 * log(area / dn + exp(-0.5 * dn * dn))).squareRoot()
            k[i + 1] = UInt64((dn / tn) * m)
            tn = dn
            f[i] = exp(-0.5 * dn * dn)
            w[i] = dn / m
        }
        return Tables(k: k, w: w, f: f)
    }()

    /// Fills `out[0..<n]` with standard normal deviates drawn from `s`.
    static func fill(_ out: UnsafeMutablePointer<Double>, _ n: Int, _ s: inout PhiloxStream) {
        let t = tables
        t.k.withUnsafeBufferPointer { k in
            t.w.withUnsafeBufferPointer { w in
                t.f.withUnsafeBufferPointer { f in
                    for j in 0..<n { out[j] = sample(&s, k, w, f) }
                }
            }
        }
    }

    @inline(__always)
    static func sample(_ s: inout PhiloxStream, _ k: UnsafeBufferPointer<UInt64>,
                       _ w: UnsafeBufferPointer<Double>, _ f: UnsafeBufferPointer<Double>) -> Double {
        while true {
            var bits = s.next()
            let i = Int(bits & 0xff)
            bits >>= 8
            let sign = (bits & 1) << 63
            let rabs = (bits >> 1) & 0x000f_ffff_ffff_ffff
            // Branch-free sign: the sign bit is random, so a branch would mispredict half the time.
            let x = Double(bitPattern: (Double(rabs) * w[i]).bitPattern | sign)
            if rabs < k[i] { return x }
            if i == 0 {
                // The tail beyond r (Marsaglia 1964).
                while true {
                    let xx = -log1p(-s.nextDouble()) / r
                    let yy = -log1p(-s.nextDouble())
                    if yy + yy > xx * xx { return Double(bitPattern: (r + xx).bitPattern | sign) }
                }
            }
            if (f[i - 1] - f[i]) * s.nextDouble() + f[i] < exp(-0.5 * x * x) { return x }
        }
    }
}
