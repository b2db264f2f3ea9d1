import Tensor
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Two-sample distances for judging generated point clouds against data (any dimension d;
/// made for the 2-D toys). Both are O(n·m·d) double loops over row blocks, interruptible.
///
/// - **Energy distance** (Székely & Rizzo, 2013): D² = 2·E|X − Y| − E|X − X′| − E|Y − Y′|
///   with Euclidean norms. The default V-statistic averages over all pairs, the zero
///   diagonal included — the energy distance between the two empirical distributions, as
///   the `dcor` package's default: never negative, 0 only for identical samples. With
///   `unbiased`, the within-sample means skip the diagonal (U-statistics, divide by
///   n(n − 1)): an unbiased estimate of the population D², near 0 (possibly slightly
///   negative) for two samples of one distribution.
/// - **MMD²** with the RBF kernel k(x, y) = exp(−|x − y|²/(2h²)) (Gretton et al., JMLR
///   2012): E k(X, X′) + E k(Y, Y′) − 2·E k(X, Y), V- or U-statistic as above.
public enum SampleDistance {
    /// The squared energy distance between the rows of `a` (n×d) and `b` (m×d).
    /// A 1-D tensor is a sample of n scalars. Needs n, m ≥ 1 (≥ 2 when `unbiased`).
    public static func energy(_ a: Tensor, _ b: Tensor, unbiased: Bool = false) throws(TensorError) -> Double {
        let (x, y) = try points(a, b, unbiased: unbiased)
        let xy = try pairSum(x, y, .distance, symmetric: false)
        let xx = try pairSum(x, x, .distance, symmetric: true)
        let yy = try pairSum(y, y, .distance, symmetric: true)
        return 2 * xy / (Double(x.n) * Double(y.n)) - xx / within(x.n, unbiased) - yy / within(y.n, unbiased)
    }

    /// The squared maximum mean discrepancy between the rows of `a` and `b` with an RBF
    /// kernel of bandwidth `bandwidth` (> 0). Same shapes and `unbiased` as ``energy(_:_:unbiased:)``.
    public static func mmd(_ a: Tensor, _ b: Tensor, bandwidth: Double, unbiased: Bool = false) throws(TensorError) -> Double {
        guard bandwidth > 0, bandwidth.isFinite else {
            throw .invalidArgument("the RBF bandwidth must be positive and finite, got \(bandwidth)")
        }
        let (x, y) = try points(a, b, unbiased: unbiased)
        let kernel = Kernel.rbf(gamma: 1 / (2 * bandwidth * bandwidth))
        // The diagonal of k(x, x) is exp(0) = 1: the V-statistic counts it, the U-statistic does not.
        let xx = try pairSum(x, x, kernel, symmetric: true) + (unbiased ? 0 : Double(x.n))
        let yy = try pairSum(y, y, kernel, symmetric: true) + (unbiased ? 0 : Double(y.n))
        let xy = try pairSum(x, y, kernel, symmetric: false)
        return xx / within(x.n, unbiased) + yy / within(y.n, unbiased) - 2 * xy / (Double(x.n) * Double(y.n))
    }

    /// A sample's rows, contiguous: `n` points of `d` coordinates.
    struct Points {
        /// Contiguous f64 storage holding the n·d coordinates from offset 0 (kept alive here).
        let tensor: Tensor
        let n: Int
        let d: Int
        var base: UnsafePointer<Double> { UnsafePointer(tensor.storage.f64) }
    }

    /// The pair function summed over pairs.
    enum Kernel {
        /// |x − y|.
        case distance
        /// exp(−gamma·|x − y|²).
        case rbf(gamma: Double)
    }

    /// The number of pairs a within-sample mean divides by.
    static func within(_ n: Int, _ unbiased: Bool) -> Double {
        unbiased ? Double(n) * Double(n - 1) : Double(n) * Double(n)
    }

    /// Checks and flattens the two samples.
    static func points(_ a: Tensor, _ b: Tensor, unbiased: Bool) throws(TensorError) -> (Points, Points) {
        func flatten(_ t: Tensor, _ which: String) throws(TensorError) -> Points {
            guard t.rank == 1 || t.rank == 2 else {
                throw .invalidArgument("\(which) must be a 1-D or 2-D tensor (one point per row), got shape \(Shape.describe(t.shape))")
            }
            let n = t.shape[0], d = t.rank == 2 ? t.shape[1] : 1
            guard n >= (unbiased ? 2 : 1), d >= 1 else {
                throw .invalidArgument("\(which) needs at least \(unbiased ? 2 : 1) point(s) of at least one coordinate, got shape \(Shape.describe(t.shape))")
            }
            let c = try t.converted(to: .f64).contiguous()
            let p = c.storage.f64
            for k in 0..<(n * d) where !p[k].isFinite {
                throw .invalidArgument("\(which) holds NaN or infinite values")
            }
            return Points(tensor: c, n: n, d: d)
        }
        let x = try flatten(a, "the first sample"), y = try flatten(b, "the second sample")
        guard x.d == y.d else {
            throw .invalidArgument("the samples have points of different dimensions: \(x.d) and \(y.d)")
        }
        return (x, y)
    }

    /// Σ k(x_i, y_j) over all pairs, or over i < j doubled (the diagonal left out) when
    /// `symmetric` (x and y are the same sample). Rows are processed in blocks with an
    /// interrupt check between blocks.
    static func pairSum(_ x: Points, _ y: Points, _ kernel: Kernel, symmetric: Bool) throws(TensorError) -> Double {
        let d = x.d
        let rowsPerBlock = max(1, Interrupt.chunkElements / max(1, y.n * d))
        var total = 0.0
        let xb = x.base, yb = y.base
        var i = 0
        while i < x.n {
            try Interrupt.check()
            let end = min(x.n, i + rowsPerBlock)
            for r in i..<end {
                total += rowSum(xb + r * d, yb, from: symmetric ? r + 1 : 0, to: y.n, d: d, kernel)
            }
            i = end
        }
        withExtendedLifetime((x.tensor, y.tensor)) {}
        return symmetric ? 2 * total : total
    }

    /// Σ_j k(p, y_j) for j in from..<to.
    static func rowSum(_ p: UnsafePointer<Double>, _ y: UnsafePointer<Double>, from: Int, to: Int, d: Int,
                       _ kernel: Kernel) -> Double {
        var s = 0.0
        guard from < to else { return s }
        switch (kernel, d) {
        case (.distance, 2):
            let p0 = p[0], p1 = p[1]
            for j in from..<to {
                let a = p0 - y[2 * j], b = p1 - y[2 * j + 1]
                s += (a * a + b * b).squareRoot()
            }
        case (.distance, _):
            for j in from..<to { s += squaredDistance(p, y + j * d, d).squareRoot() }
        case (.rbf(let gamma), _):
            for j in from..<to { s += exp(-gamma * squaredDistance(p, y + j * d, d)) }
        }
        return s
    }

    /// |p − q|² over d coordinates.
    @inline(__always)
    static func squaredDistance(_ p: UnsafePointer<Double>, _ q: UnsafePointer<Double>, _ d: Int) -> Double {
        var s = 0.0
        for k in 0..<d {
            let t = p[k] - q[k]
            s += t * t
        }
        return s
    }
}
