#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Bit-exact replicas of the few numpy / Python numeric routines the reference code uses, so
/// that schedules, timesteps and masks agree with the originals to the last bit (ties included).
enum Numpy {
    /// `np.linspace(start, stop, num)` (endpoint=True) element `i`, by numpy's algorithm:
    /// `step = (stop - start) / (num - 1)`, `y = i * step + start`, the last element set to
    /// `stop` exactly; with `num == 1` the only element is `start`. When `step` underflows to 0
    /// numpy computes `i / (num - 1) * delta + start` instead.
    @inline(__always)
    static func linspace(_ start: Double, _ stop: Double, _ num: Int, _ i: Int) -> Double {
        if num <= 1 { return start }
        if i == num - 1 { return stop }
        let div = Double(num - 1), delta = stop - start
        let step = delta / div
        if step == 0 { return Double(i) / div * delta + start }
        return Double(i) * step + start
    }

    /// The whole `np.linspace(start, stop, num)`.
    static func linspace(_ start: Double, _ stop: Double, _ num: Int) -> [Double] {
        (0..<Swift.max(num, 0)).map { linspace(start, stop, num, $0) }
    }

    /// `np.round` / Python's `round` on a float: half to even.
    @inline(__always)
    static func round(_ x: Double) -> Double { x.rounded(.toNearestOrEven) }

    /// Python's `int(x)` for a float already known to be finite and within `Int`'s range:
    /// truncation toward zero. Returns nil rather than trapping otherwise.
    @inline(__always)
    static func int(_ x: Double) -> Int? { Int(exactly: x.rounded(.towardZero)) }

    /// `np.arange(start, stop, step)` for floats, by numpy's algorithm: the length is
    /// `ceil((stop - start) / step)`, element 0 is `start`, element 1 is `start + step`, and
    /// element `i >= 2` is `start + i * delta` with `delta = (start + step) - start`.
    static func arange(_ start: Double, _ stop: Double, _ step: Double) -> [Double] {
        let len = ((stop - start) / step).rounded(.up)
        guard len.isFinite, len > 0, let n = Int(exactly: len) else { return [] }
        var out = [Double](repeating: start, count: n)
        if n > 1 {
            let second = start + step
            out[1] = second
            let delta = second - start
            for i in 2..<n { out[i] = start + Double(i) * delta }
        }
        return out
    }
}
