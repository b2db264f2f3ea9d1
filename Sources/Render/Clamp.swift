/// Converts a real position to an index in `0..<n` without trapping: NaN and −∞ give 0,
/// +∞ and large values give `n − 1`. Every Double → Int conversion of data-derived values
/// in Render goes through here (or is guarded to a small finite range first).
@inline(__always)
func clampIndex(_ x: Double, _ n: Int) -> Int {
    guard n > 0, x > 0 else { return 0 }
    return x < Double(n - 1) ? Int(x) : n - 1
}
