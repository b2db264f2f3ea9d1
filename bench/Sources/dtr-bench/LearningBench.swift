import Diffusion
import Tensor

/// The "learning" suite: toy data and the sample metrics a training notebook computes after
/// every run (n = 2000 points, as notebook 05). Peer: bench/peers/learning_peer.py.
func learningBenchmarks() -> [BenchCase] {
    let a = try? Toy2D.sample("moons", n: 2000, seed: 0)
    let b = try? Toy2D.sample("moons", n: 2000, seed: 1)
    return [
        BenchCase(suite: "learning", name: "toy2d_moons_100000") {
            blackHole(try Toy2D.sample("moons", n: 100_000, seed: 0))
        },
        BenchCase(suite: "learning", name: "energy_distance_2000") {
            guard let a, let b else { throw TensorError.invalidArgument("samples could not be built") }
            blackHole(try SampleDistance.energy(a, b))
        },
        BenchCase(suite: "learning", name: "mmd_rbf_2000") {
            guard let a, let b else { throw TensorError.invalidArgument("samples could not be built") }
            blackHole(try SampleDistance.mmd(a, b, bandwidth: 1))
        },
    ]
}
