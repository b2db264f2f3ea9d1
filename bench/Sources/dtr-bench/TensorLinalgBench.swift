import Tensor

/// Suite "tensor": matrix products through OpenBLAS and normal sampling.
/// Peer: bench/peers/tensor_linalg_peer.py (numpy, same sizes and dtypes).
func tensorLinalgBenchmarks() -> [BenchCase] {
    var cases: [BenchCase] = []
    for n in [256, 1024, 2048] {
        for dtype in [DType.f32, .f64] {
            // Inputs are made once, outside the timed work.
            let a = (try? Random.rand([n, n], seed: 1, dtype: dtype)) ?? Tensor.scalar(0)
            let b = (try? Random.rand([n, n], seed: 2, dtype: dtype)) ?? Tensor.scalar(0)
            cases.append(BenchCase(suite: "tensor", name: "matmul_\(n)_\(dtype.rawValue)") {
                blackHole(try Tensor.matmul(a, b))
            })
        }
    }
    cases.append(BenchCase(suite: "tensor", name: "randn_1e7_f64") {
        blackHole(try Random.randn([10_000_000], seed: 0))
    })
    return cases
}
