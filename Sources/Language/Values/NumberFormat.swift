#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How dtr writes numbers.
///
/// - Integral values below 2^53 in magnitude print without a decimal point: `3`, `-12`,
///   `10000000`.
/// - Everything else prints as the shortest text that reads back to the same double, like
///   Python's `repr`: `0.1`, `2.5e-05`, `1e+16`, `nan`, `inf`, `-inf`.
/// - `str(x, digits: n)` rounds to `n` significant digits (``NumberFormat/format(_:digits:)``).
public enum NumberFormat {
    /// The number as dtr displays it.
    public static func format(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        if x == x.rounded(.towardZero) && Swift.abs(x) < 9_007_199_254_740_992 {
            if x == 0 { return x.sign == .minus ? "-0" : "0" }
            return String(Int64(x))
        }
        return shortest(x)
    }

    /// Shortest round-trip text in Python's style (`1e-05`, `1e+16`, `0.0001`).
    static func shortest(_ x: Double) -> String {
        // Swift's description is shortest round-trip; adjust to Python's exponent style.
        var s = x.description
        if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            var mantissa = String(s[s.startIndex..<e])
            var exponent = String(s[s.index(after: e)...])
            if mantissa.hasSuffix(".0") { mantissa.removeLast(2) }
            var sign = "+"
            if exponent.hasPrefix("-") { sign = "-"; exponent.removeFirst() } else if exponent.hasPrefix("+") { exponent.removeFirst() }
            if exponent.count < 2 { exponent = "0" + exponent }
            s = mantissa + "e" + sign + exponent
        }
        return s
    }

    /// The number rounded to `digits` significant digits (`%.{digits}g`), integral results
    /// without a decimal point: `str(3.14159, digits: 3)` is `3.14`.
    public static func format(_ x: Double, digits: Int) -> String {
        if !x.isFinite { return format(x) }
        let d = Swift.min(Swift.max(digits, 1), 17)
        return cFormat("%.\(d)g", x)
    }

    /// `x` formatted with a C format string holding exactly one double conversion.
    static func cFormat(_ format: String, _ x: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        let n = withVaList([x]) { args in
            buffer.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress, 64, format, args) }
        }
        guard n > 0 else { return String(x) }
        let bytes = buffer.prefix(Swift.min(Int(n), 63)).map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
