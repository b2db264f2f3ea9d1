/// The distributions, drawn block by block from a `RandomGenerator`.
extension RandomGenerator {
    /// Uniform samples on [0, 1): 53 random bits per f64 element, 24 per f32 element.
    public mutating func rand(_ shape: [Int], dtype: DType = .f64) throws(TensorError) -> Tensor {
        guard dtype.isFloat else { throw .invalidArgument("random samples are float tensors, not \(dtype.rawValue)") }
        let out = try Tensor(uninitialized: shape, dtype: dtype)
        switch dtype {
        case .f64:
            let p = SendablePointer(base: out.storage.f64)
            try forEachBlock(out.count) { r, s in for i in r { p.base[i] = s.nextDouble() } }
        case .f32:
            let p = SendablePointer(base: out.storage.f32)
            try forEachBlock(out.count) { r, s in for i in r { p.base[i] = s.nextFloat() } }
        case .bool: break  // rejected above
        }
        return out
    }

    /// Standard normal samples (ziggurat); f32 tensors hold the rounded f64 deviates.
    public mutating func randn(_ shape: [Int], dtype: DType = .f64) throws(TensorError) -> Tensor {
        guard dtype.isFloat else { throw .invalidArgument("random samples are float tensors, not \(dtype.rawValue)") }
        let out = try Tensor(uninitialized: shape, dtype: dtype)
        switch dtype {
        case .f64:
            let p = SendablePointer(base: out.storage.f64)
            try forEachBlock(out.count) { r, s in Ziggurat.fill(p.base + r.lowerBound, r.count, &s) }
        case .f32:
            let p = SendablePointer(base: out.storage.f32)
            try forEachBlock(out.count) { r, s in
                let b = UnsafeMutablePointer<Double>.allocate(capacity: r.count)
                defer { b.deallocate() }
                Ziggurat.fill(b, r.count, &s)
                for j in 0..<r.count { p.base[r.lowerBound + j] = Float(b[j]) }
            }
        case .bool: break  // rejected above
        }
        return out
    }

    /// Integers uniform on `low..<high` (unbiased), as f64 values. `high` must exceed `low`.
    public mutating func randint(_ low: Int, _ high: Int, _ shape: [Int]) throws(TensorError) -> Tensor {
        let (span, o) = high.subtractingReportingOverflow(low)
        guard !o, span > 0 else { throw .invalidArgument("randint needs low < high, got low \(low) and high \(high)") }
        let out = try Tensor(uninitialized: shape, dtype: .f64)
        let p = SendablePointer(base: out.storage.f64)
        let bound = UInt64(span), lo = Double(low)
        try forEachBlock(out.count) { r, s in for i in r { p.base[i] = lo + Double(s.next(below: bound)) } }
        return out
    }

    /// A uniformly random ordering of `0..<n` (Fisher–Yates on one stream), as f64 values.
    public mutating func permutation(_ n: Int) throws(TensorError) -> Tensor {
        guard n >= 0 else { throw .invalidArgument("permutation needs a non-negative length, got \(n)") }
        let out = try Tensor.arange(0, Double(n))
        let a = out.storage.f64
        try PhiloxStream.with(seed: seed, stream: reserve(1)) { (s: inout PhiloxStream) throws(TensorError) in
            var i = n - 1
            while i > 0 {
                if i % Interrupt.chunkElements == 0 { try Interrupt.check() }
                let j = Int(s.next(below: UInt64(i + 1)))
                a.swapAt(i, j)
                i -= 1
            }
        }
        return out
    }
}

extension UnsafeMutablePointer {
    @inline(__always) fileprivate func swapAt(_ i: Int, _ j: Int) {
        let t = self[i]; self[i] = self[j]; self[j] = t
    }
}
