import Tensor

/// Deterministic uniform [0, 1) values from a 64-bit LCG (Knuth's MMIX constants).
private func lcgUniform(_ n: Int, seed: UInt64) -> [Double] {
    var state = seed
    return (0..<n).map { _ in
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) * 0x1p-53
    }
}

private func uniformTensor(_ n: Int, seed: UInt64, dtype: DType) throws -> Tensor {
    try Tensor(lcgUniform(n, seed: seed), dtype: dtype)
}

/// Elementwise, reduction and scan workloads of the tensor engine (peer: bench/peers/tensor_peer.py).
func tensorOpsBenchmarks() -> [BenchCase] {
    let n = 10_000_000
    var cases: [BenchCase] = []
    for dtype in [DType.f64, .f32] {
        let name = dtype.rawValue
        // Inputs are built lazily on first run so that listing cases stays cheap.
        var inputs: (Tensor, Tensor, Tensor)?
        let get = { () throws -> (Tensor, Tensor, Tensor) in
            if let i = inputs { return i }
            let i = (try uniformTensor(n, seed: 1, dtype: dtype), try uniformTensor(n, seed: 2, dtype: dtype),
                     try uniformTensor(n, seed: 3, dtype: dtype))
            inputs = i
            return i
        }
        cases.append(BenchCase(suite: "tensor", name: "add_1e7_\(name)") {
            let (a, b, _) = try get()
            blackHole(try Tensor.binary(.add, a, b))
        })
        cases.append(BenchCase(suite: "tensor", name: "muladd_1e7_\(name)") {
            let (a, b, c) = try get()
            blackHole(try Tensor.binary(.add, try Tensor.binary(.mul, a, b), c))
        })
        cases.append(BenchCase(suite: "tensor", name: "exp_1e7_\(name)") {
            let (a, _, _) = try get()
            blackHole(try Tensor.unary(.exp, a))
        })
    }
    var big: Tensor?
    let getBig = { () throws -> Tensor in
        if let b = big { return b }
        let b = try uniformTensor(n, seed: 4, dtype: .f64)
        big = b
        return b
    }
    cases.append(BenchCase(suite: "tensor", name: "sum_1e7_f64") { blackHole(try Tensor.reduce(.sum, try getBig())) })
    cases.append(BenchCase(suite: "tensor", name: "mean_1e7_f64") { blackHole(try Tensor.reduce(.mean, try getBig())) })
    cases.append(BenchCase(suite: "tensor", name: "max_1e7_f64") { blackHole(try Tensor.reduce(.max, try getBig())) })
    cases.append(BenchCase(suite: "tensor", name: "cumprod_1e7_f64") { blackHole(try Tensor.cumprod(try getBig())) })
    var small: (Tensor, Tensor)?
    cases.append(BenchCase(suite: "tensor", name: "add_16_f64_x1000") {
        if small == nil { small = (try uniformTensor(16, seed: 5, dtype: .f64), try uniformTensor(16, seed: 6, dtype: .f64)) }
        guard let (a, b) = small else { return }
        for _ in 0..<1000 { blackHole(try Tensor.binary(.add, a, b)) }
    })
    return cases
}
