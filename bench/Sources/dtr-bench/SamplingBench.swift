import Foundation
import Language

/// Suite "sampling": `sample(method, …)` (stdlib/samplers.dtr) for 50 steps on 10,000 2-D
/// points with notebook 05's denoiser (stdlib `denoiser`: 2 + 32-d timestep embedding → 128,
/// two DTR-routed residual blocks of 128, → 2; SiLU; f64; untrained weights of seed 0, DTR
/// mask β = 0.8, α = 4), linear schedule T = 1000, leading spacing, ε-prediction.
/// heun evaluates the network 99 times, the others 50.
/// Peer: bench/peers/sampling_peer.py (the same network in PyTorch, f64, driven by the
/// diffusers 0.42 scheduler of each method as its pipelines do).
func samplingBenchmarks() -> [BenchCase] {
    let setup = """
    s = schedule("linear", 1000)
    p = denoiser_init(seed: 0)
    mask = route("dtr", 1000, 128)
    model = (x, t) => denoiser(p, x, t, mask)
    x = randn([10000, 2], seed: 1)
    """
    return ["ddpm", "ddim", "euler", "euler_ancestral", "heun", "dpmpp_2m"].map { method in
        let session = Session(options: SessionOptions(), output: CapturedOutput())
        let ready: String? = session.loadStandardLibrary().map(\.description) ?? session.run(setup).diagnostics.first.map(\.description)
        // Seconds per run: one warm-up and 3 repetitions (the peer measures alike).
        return BenchCase(suite: "sampling", name: "\(method)_50_10000", minReps: 3) {
            if let ready { throw BenchFailure(message: ready) }
            let outcome = session.run("sample(\"\(method)\", model, s, x, steps: 50)")
            if let d = outcome.diagnostics.first { throw BenchFailure(message: d.description) }
            blackHole(outcome)
        }
    }
}
