/// Constructors for common tensors: constant fills, ranges and the identity.
/// Shapes given as user numbers go through `Shape.dims` (checked conversion).
extension Shape {
    /// Converts user-supplied numbers to a shape: every entry must be a non-negative integer
    /// (NaN, infinities, fractions, negatives and values beyond 2^53 are errors).
    public static func dims(_ values: [Double]) throws(TensorError) -> [Int] {
        var out: [Int] = []
        out.reserveCapacity(values.count)
        for v in values { out.append(try size(v, "shape")) }
        return out
    }
}

extension Tensor {
    /// A 0-d tensor holding `value`.
    public static func scalar(_ value: Double, dtype: DType = .f64) -> Tensor {
        Tensor(scalar: value, dtype: dtype)
    }

    /// A tensor of zeros. Throws `.tooLarge` over `Limits.maxBytes`, `.invalidArgument` for a
    /// negative or overflowing shape.
    public static func zeros(_ shape: [Int], dtype: DType = .f64) throws(TensorError) -> Tensor {
        try Tensor(repeating: 0, shape: shape, dtype: dtype)
    }

    /// A tensor of ones.
    public static func ones(_ shape: [Int], dtype: DType = .f64) throws(TensorError) -> Tensor {
        try Tensor(repeating: 1, shape: shape, dtype: dtype)
    }

    /// A tensor with every element equal to `value`.
    public static func full(_ shape: [Int], _ value: Double, dtype: DType = .f64) throws(TensorError) -> Tensor {
        try Tensor(repeating: value, shape: shape, dtype: dtype)
    }

    /// Values `start, start + step, …` strictly before `stop`, as numpy's `arange`:
    /// `ceil((stop - start) / step)` elements (none when that is negative), element `i` is
    /// `start + i * step`. A zero or non-finite step is an error.
    public static func arange(_ start: Double, _ stop: Double, step: Double = 1,
                              dtype: DType = .f64) throws(TensorError) -> Tensor {
        guard step != 0 else { throw .invalidArgument("arange step must not be zero") }
        guard start.isFinite, stop.isFinite, step.isFinite else {
            throw .invalidArgument("arange bounds and step must be finite, got \(start), \(stop), \(step)")
        }
        let span = ((stop - start) / step).rounded(.up)
        let n = span > 0 ? try Shape.size(span, "arange length") : 0
        let out = try Tensor(uninitialized: [n], dtype: dtype)
        switch dtype {
        case .f64: for i in 0..<n { out.storage.f64[i] = start + Double(i) * step }
        case .f32: for i in 0..<n { out.storage.f32[i] = Float(start + Double(i) * step) }
        case .bool: for i in 0..<n { out.storage.u8[i] = start + Double(i) * step != 0 ? 1 : 0 }
        }
        return out
    }

    /// `count` evenly spaced values from `a` to `b` inclusive (numpy's `linspace`): element `i`
    /// is `a + i * (b - a) / (count - 1)` and the last is exactly `b`.
    public static func linspace(_ a: Double, _ b: Double, count: Int,
                                dtype: DType = .f64) throws(TensorError) -> Tensor {
        guard count >= 0 else { throw .invalidArgument("linspace count must not be negative, got \(count)") }
        let out = try Tensor(uninitialized: [count], dtype: dtype)
        let step = count > 1 ? (b - a) / Double(count - 1) : 0
        for i in 0..<count {
            let v = i == count - 1 && count > 1 ? b : a + Double(i) * step
            switch dtype {
            case .f64: out.storage.f64[i] = v
            case .f32: out.storage.f32[i] = Float(v)
            case .bool: out.storage.u8[i] = v != 0 ? 1 : 0
            }
        }
        return out
    }

    /// The `n`×`n` identity matrix.
    public static func eye(_ n: Int, dtype: DType = .f64) throws(TensorError) -> Tensor {
        let out = try zeros([n, n], dtype: dtype)
        for i in 0..<n {
            switch dtype {
            case .f64: out.storage.f64[i * n + i] = 1
            case .f32: out.storage.f32[i * n + i] = 1
            case .bool: out.storage.u8[i * n + i] = 1
            }
        }
        return out
    }
}
