/// Helpers for shapes: element counts with overflow checks, contiguous strides, conversion of
/// user-supplied numbers into sizes and indices without trapping.
public enum Shape {
    /// `(2, 3)` style text, numpy's way: `()` for 0-d, `(5,)` for 1-d.
    public static func describe(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }

    /// Number of elements, or an error if a dimension is negative or the product overflows.
    public static func count(_ shape: [Int]) throws(TensorError) -> Int {
        var n = 1
        for d in shape {
            guard d >= 0 else { throw .invalidArgument("negative dimension \(d) in shape \(describe(shape))") }
            let (p, o) = n.multipliedReportingOverflow(by: d)
            guard !o else { throw .invalidArgument("shape \(describe(shape)) has too many elements") }
            n = p
        }
        return n
    }

    /// Row-major (C order) strides in elements.
    public static func contiguousStrides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var acc = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[i] = acc
            acc = acc &* Swift.max(shape[i], 1)
        }
        return strides
    }

    /// Converts a user-supplied number to an exact integer, refusing NaN, infinities,
    /// non-integral values and magnitudes beyond 2^53 (never `Int(someDouble)` unchecked).
    /// - Parameter what: names the quantity in the error ("shape", "index", "axis").
    public static func integer(_ x: Double, _ what: String) throws(TensorError) -> Int {
        guard x.isFinite else { throw .invalidArgument("\(what) must be a finite integer, got \(x)") }
        guard x == x.rounded(.towardZero) else {
            throw .invalidArgument("\(what) must be an integer, got \(x)")
        }
        guard Swift.abs(x) <= 9_007_199_254_740_992 else {
            throw .invalidArgument("\(what) \(x) is too large")
        }
        return Int(x)
    }

    /// Converts a user-supplied number to a dimension size (a non-negative integer).
    public static func size(_ x: Double, _ what: String = "shape") throws(TensorError) -> Int {
        let n = try integer(x, what)
        guard n >= 0 else { throw .invalidArgument("\(what) must not be negative, got \(n)") }
        return n
    }

    /// Normalises a possibly negative axis against `rank`.
    public static func axis(_ axis: Int, rank: Int) throws(TensorError) -> Int {
        let a = axis < 0 ? axis + rank : axis
        guard a >= 0, a < Swift.max(rank, 1) || (rank == 0 && a == 0) else {
            throw .invalidArgument("axis \(axis) is out of bounds for a tensor of rank \(rank)")
        }
        return a
    }
}
