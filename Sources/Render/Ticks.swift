#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A labelled position on an axis, in the axis's (possibly log10) coordinate.
struct Tick: Equatable {
    var value: Double
    var label: String
}

/// "Nice" tick positions (steps of 1, 2 or 5 × 10ᵏ, Heckbert 1990) and their labels.
enum Ticks {
    /// A step of 1, 2 or 5 × 10ᵏ giving about `target` intervals over `range`.
    static func niceStep(_ range: Double, target: Int) -> Double {
        guard range > 0, range.isFinite else { return 1 }
        let raw = range / Double(max(1, target))
        let mag = pow(10, floor(log10(raw)))
        let f = raw / mag
        let nice: Double = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10
        return nice * mag
    }

    /// `lo…hi` widened outward to multiples of the nice step for about `target` intervals.
    static func extend(_ lo: Double, _ hi: Double, target: Int = 5) -> (Double, Double) {
        let step = niceStep(hi - lo, target: target)
        return (floor(lo / step + 1e-9) * step, ceil(hi / step - 1e-9) * step)
    }

    /// Tick values inside `lo…hi`, about `target` intervals apart, at least `minStep` apart.
    static func values(_ lo: Double, _ hi: Double, target: Int, minStep: Double = 0) -> (values: [Double], step: Double) {
        let step = max(niceStep(hi - lo, target: target), minStep)
        var out: [Double] = []
        var k = ceil(lo / step - 1e-9)
        while k * step <= hi + step * 1e-9, out.count < 200 {
            let v = k * step
            out.append(abs(v) < step * 1e-9 ? 0 : v)
            k += 1
        }
        return (out, step)
    }

    /// Linear ticks with labels formatted to the step's precision.
    /// At least two ticks whenever the range allows (a denser step is tried if needed).
    static func linear(_ lo: Double, _ hi: Double, target: Int, integer: Bool = false) -> [Tick] {
        var (vals, step) = values(lo, hi, target: target, minStep: integer ? 1 : 0)
        var t = target
        while vals.count < 2, t < target + 4 {
            t += 1
            (vals, step) = values(lo, hi, target: t, minStep: integer ? 1 : 0)
        }
        return vals.map { Tick(value: $0, label: format($0, step: step)) }
    }

    /// Ticks for a log10 axis: whole decades when the range spans at least one, else linear
    /// positions in log space labelled with their value.
    static func log10Axis(_ lo: Double, _ hi: Double, target: Int) -> [Tick] {
        if hi - lo >= 1 {
            let (vals, _) = values(lo, hi, target: target, minStep: 1)
            let ks = vals.map { Int($0.rounded()) }
            // One format per axis: plain decimals when every decade has a short one, else all 1eK.
            let plain = ks.allSatisfy { $0 >= -3 && $0 <= 4 }
            return zip(vals, ks).map { Tick(value: $0, label: plain ? decade($1) : "1e\($1)") }
        }
        let (vals, step) = values(lo, hi, target: target)
        return vals.map { v in
            let x = pow(10, v)
            let digits = max(1, Int(ceil(-log10(step))) + 1)
            return Tick(value: v, label: significant(x, digits: digits))
        }
    }

    /// "10ᵏ" written compactly: 0.001, 0.01, 0.1, 1, 10, …, 10000, then 1e5, 1e-4 (an axis
    /// that needs the exponent form for one decade uses it for all, see ``log10Axis``).
    static func decade(_ k: Int) -> String {
        if k >= 0 && k <= 4 { return "1" + String(repeating: "0", count: k) }
        if k < 0 && k >= -3 { return "0." + String(repeating: "0", count: -k - 1) + "1" }
        return "1e\(k)"
    }

    /// `v` with as many decimals as `step` needs; exponent form for very large or small steps.
    static func format(_ v: Double, step: Double) -> String {
        if step >= 1e6 || step < 1e-4 {
            if v == 0 { return "0" }
            let e = Int(floor(log10(abs(v))))
            let mant = v / pow(10, Double(e))
            let digits = max(0, Int(ceil(log10(pow(10, Double(e)) / step) - 1e-9)))
            return fixed(mant, decimals: min(digits, 6)) + "e\(e)"
        }
        let decimals = max(0, Int(ceil(-log10(step) - 1e-9)))
        return fixed(v, decimals: decimals)
    }

    /// `v` rounded to `digits` significant digits.
    static func significant(_ v: Double, digits: Int) -> String {
        if v == 0 || !v.isFinite { return plain(v) }
        let e = Int(floor(log10(abs(v))))
        let decimals = max(0, digits - 1 - e)
        if decimals > 8 || e > 8 {
            return fixed(v / pow(10, Double(e)), decimals: max(0, digits - 1)) + "e\(e)"
        }
        return fixed(v, decimals: decimals)
    }

    /// `v` with exactly `decimals` digits after the point (no trailing-zero trimming).
    static func fixed(_ v: Double, decimals: Int) -> String {
        guard v.isFinite else { return plain(v) }
        let scale = pow(10, Double(decimals))
        let scaled = (abs(v) * scale).rounded()
        guard scaled < 9e15 else { return plain(v) }
        let n = Int(scaled)
        let sign = v < 0 && n != 0 ? "-" : ""
        if decimals == 0 { return sign + String(n) }
        let p = Int(scale)
        var frac = String(n % p)
        frac = String(repeating: "0", count: decimals - frac.count) + frac
        return sign + String(n / p) + "." + frac
    }

    /// The shortest readable form of `v` (an integer without ".0"), for messages and colour bars.
    static func plain(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v > 0 ? "inf" : "-inf" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int(v)) }
        if abs(v) >= 1e-3, abs(v) < 1e6 {
            var s = fixed(v, decimals: 4)
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
            return s
        }
        return significant(v, digits: 4)
    }
}
