
/// Random tensors. The process-wide generator starts at seed 0 in every run; `seed(_:)`
/// restarts it. Functions taking `seed:` use a fresh generator for that seed instead and
/// leave the global one untouched. Generator: Philox-4x32-10 (counter-based, see `Philox`
/// and `RandomGenerator` for the reproducibility contract); normals by the ziggurat method.
public enum Random {
    static let global = Locked(RandomGenerator(seed: 0))

    /// Restarts the global generator at `seed`.
    public static func seed(_ seed: UInt64) {
        global.withLock { $0 = RandomGenerator(seed: seed) }
    }

    /// Converts a user-supplied seed (a non-negative integer below 2^53) to a generator seed.
    public static func seed(fromUser value: Double) throws(TensorError) -> UInt64 {
        UInt64(try Shape.size(value, "seed"))
    }

    /// Runs `body` with the generator for `seed` (fresh) or the global one.
    static func withGenerator<R>(_ seed: UInt64?, _ body: (inout RandomGenerator) throws(TensorError) -> R) throws(TensorError) -> R {
        if let seed {
            var g = RandomGenerator(seed: seed)
            return try body(&g)
        }
        // Generation runs under the lock, so concurrent callers get disjoint, ordered streams.
        return try global.withLock { (g: inout RandomGenerator) -> Result<R, TensorError> in
            do throws(TensorError) { return .success(try body(&g)) } catch { return .failure(error) }
        }.get()
    }

    /// Uniform samples on [0, 1).
    public static func rand(_ shape: [Int], seed: UInt64? = nil, dtype: DType = .f64) throws(TensorError) -> Tensor {
        try withGenerator(seed) { (g: inout RandomGenerator) throws(TensorError) in try g.rand(shape, dtype: dtype) }
    }

    /// Standard normal samples.
    public static func randn(_ shape: [Int], seed: UInt64? = nil, dtype: DType = .f64) throws(TensorError) -> Tensor {
        try withGenerator(seed) { (g: inout RandomGenerator) throws(TensorError) in try g.randn(shape, dtype: dtype) }
    }

    /// Integers uniform on `low..<high`, stored as f64 values.
    public static func randint(_ low: Int, _ high: Int, _ shape: [Int], seed: UInt64? = nil) throws(TensorError) -> Tensor {
        try withGenerator(seed) { (g: inout RandomGenerator) throws(TensorError) in try g.randint(low, high, shape) }
    }

    /// A random ordering of `0..<n` as a 1-D f64 tensor.
    public static func permutation(_ n: Int, seed: UInt64? = nil) throws(TensorError) -> Tensor {
        try withGenerator(seed) { (g: inout RandomGenerator) throws(TensorError) in try g.permutation(n) }
    }
}
