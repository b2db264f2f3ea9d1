import Language

/// Suite "dit": notebook 07's tiny DiT through the interpreter, as the notebook runs it (f64,
/// hidden 32, depth 2, 2 heads, patch 2 on 8×8 digits, batch 64, DTR mask): one training step
/// (`value_and_grad` + `adam_step`), and DDIM sampling of 1,000 digits in 20 steps with
/// classifier-free guidance 1.5 (`ddim_sample` + `dit_cfg_model`). Peer: bench/peers/dit_torch.py
/// (PyTorch and diffusers' DDIMScheduler, same model), run by bench/dit.sh.
func ditBenchmarks() -> [BenchCase] {
    let setup = """
    T = 1000
    s = schedule("linear", T)
    mask = route("dtr", T, 32)
    d = digits(split: "train")
    p = dit_init(seed: 0, hidden: 32, depth: 2, heads: 2)
    opt = adam_init(p)
    idx = randint(0, 1437, [64], seed: 1)
    x0 = reshape(d.images[idx], [64, 1, 8, 8])
    y = d.labels[idx]
    t = randint(0, T, [64], seed: 2)
    noise = randn([64, 1, 8, 8], seed: 3)
    xt = q_sample(s, x0, t, noise)
    loss = q => mean((dit(q, xt, t, y, mask) - noise) ^ 2)
    labels = arange(0, 1000) % 10
    """
    let step = "r = value_and_grad(loss)(p)\na = adam_step(p, r[1], opt, lr: 0.001)\np = a[0]\nopt = a[1]"
    let sample = "z = ddim_sample(dit_cfg_model(p, labels, mask, cfg: 1.5), s, 1000, steps: 20, seed: 0, dim: 64)"
    func session() throws -> Session {
        let s = Session(options: SessionOptions(), output: CapturedOutput())
        if let broken = s.loadStandardLibrary() { throw BenchFailure(message: "stdlib: \(broken)") }
        let outcome = s.run(SourceFile(name: "<dit setup>", text: setup))
        if let d = outcome.diagnostics.first { throw BenchFailure(message: d.description) }
        return s
    }
    func run(_ s: Session, _ code: String) throws {
        let outcome = s.run(SourceFile(name: "<dit>", text: code))
        if let d = outcome.diagnostics.first { throw BenchFailure(message: d.description) }
    }
    /// Each case's session, made on its (untimed) warm-up call.
    final class Lazy { var session: Session? }
    let train = Lazy(), sampling = Lazy()
    return [
        BenchCase(suite: "dit", name: "train_step_b64") {
            if train.session == nil { train.session = try session() }
            if let s = train.session { try run(s, step) }
        },
        BenchCase(suite: "dit", name: "ddim20_cfg_1000") {
            if sampling.session == nil { sampling.session = try session() }
            if let s = sampling.session { try run(s, sample) }
        },
    ]
}
