import Tensor

/// Inputs made on first use (the harness's warm-up run), so listing cases costs nothing.
final class LazyOperands {
    private let make: () throws -> (Tensor, Tensor)
    private var value: (Tensor, Tensor)?
    init(_ make: @escaping () throws -> (Tensor, Tensor)) { self.make = make }
    func get() throws -> (Tensor, Tensor) {
        if let value { return value }
        let v = try make()
        value = v
        return v
    }
}

/// Suite "tensor": matrix products through OpenBLAS and normal sampling.
/// Peer: bench/peers/tensor_linalg_peer.py (numpy, same sizes and dtypes).
func tensorLinalgBenchmarks() -> [BenchCase] {
    var cases: [BenchCase] = []
    for n in [256, 1024, 2048] {
        for dtype in [DType.f32, .f64] {
            let operands = LazyOperands {
                (try Random.rand([n, n], seed: 1, dtype: dtype), try Random.rand([n, n], seed: 2, dtype: dtype))
            }
            cases.append(BenchCase(suite: "tensor", name: "matmul_\(n)_\(dtype.rawValue)") {
                let (a, b) = try operands.get()
                blackHole(try Tensor.matmul(a, b))
            })
        }
    }
    cases.append(BenchCase(suite: "tensor", name: "randn_1e7_f64") {
        blackHole(try Random.randn([10_000_000], seed: 0))
    })
    return cases
}
