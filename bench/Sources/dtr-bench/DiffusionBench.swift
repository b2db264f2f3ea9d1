import Diffusion
import Tensor

/// The "diffusion" suite: schedules, routing masks and task affinity at the DTR paper's sizes
/// (T = 1000 tasks, C = 1152 channels as DiT-XL). Peer: bench/peers/diffusion_peer.py.
func diffusionBenchmarks() -> [BenchCase] {
    let mask = try? route(name: "dtr", T: 1000, C: 1152)
    return [
        BenchCase(suite: "diffusion", name: "schedule_cosine_1000") {
            blackHole(try Schedule.named("cosine", T: 1000))
        },
        BenchCase(suite: "diffusion", name: "route_dtr_1000x1152") {
            blackHole(try route(name: "dtr", T: 1000, C: 1152, beta: 0.8, alpha: 4))
        },
        BenchCase(suite: "diffusion", name: "route_random_1000x1152") {
            blackHole(try route(name: "random", T: 1000, C: 1152, beta: 0.8, seed: 0))
        },
        BenchCase(suite: "diffusion", name: "affinity_dtr_1000x1152") {
            guard let mask else { throw TensorError.invalidArgument("mask could not be built") }
            blackHole(try affinity(mask))
        },
    ]
}
