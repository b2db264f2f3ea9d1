import Foundation
import Tensor

/// The "train" suite: one training step of the tutorial denoiser — batch 256, input a 2-D
/// point plus a 32-d sinusoidal time embedding (34 values), three hidden layers of 128 with
/// ReLU or GELU, output 2, MSE loss, Adam — all f32, forward and backward through the
/// autograd tape (`Tape`, `Variable`), Adam as one fused loop per parameter.
/// Peer: bench/peers/train_peer.py (numpy, hand-written backprop, same shapes and seeds).
func trainStepBenchmarks() -> [BenchCase] {
    [("train_step_relu", UnaryOp.relu), ("train_step_gelu", .gelu)].map { name, act in
        let state = Result { () throws(TensorError) in try TrainState(activation: act) }
        return BenchCase(suite: "train", name: name) { try state.get().step() }
    }
}

/// Parameters, Adam moments and the fixed batch of one benchmark case.
final class TrainState {
    static let batch = 256, hidden = 128, embed = 32
    let activation: UnaryOp
    var params: [Tensor] = []
    var m: [Tensor] = []
    var v: [Tensor] = []
    var t = 0
    let x: Tensor
    let y: Tensor

    init(activation: UnaryOp) throws(TensorError) {
        self.activation = activation
        let n = Self.batch
        // Batch: points and target noise from seeds 1 and 3, timesteps from seed 2.
        let points = try Random.randn([n, 2], seed: 1, dtype: .f32)
        let steps = try Random.randint(0, 1000, [n, 1], seed: 2)
        let half = Self.embed / 2
        let freqs = try Tensor((0..<half).map { Foundation.exp(-Foundation.log(10000.0) * Double($0) / Double(half)) })
        let args = try Tensor.binary(.mul, steps, freqs)
        let emb = try Tensor.concat([Tensor.unary(.sin, args), Tensor.unary(.cos, args)], axis: 1).converted(to: .f32)
        x = try Tensor.concat([points, emb], axis: 1)
        y = try Random.randn([n, 2], seed: 3, dtype: .f32)
        // Layers 34→128→128→128→2: weights N(0, 1/fan_in) from seeds 10, 11, …; zero biases.
        let sizes = [2 + Self.embed, Self.hidden, Self.hidden, Self.hidden, 2]
        for l in 0..<4 {
            let w = try Tensor.binary(.mul, Random.randn([sizes[l], sizes[l + 1]], seed: UInt64(10 + l), dtype: .f32),
                                      1 / Double(sizes[l]).squareRoot())
            params += [w, try Tensor.zeros([sizes[l + 1]], dtype: .f32)]
        }
        m = try params.map { p throws(TensorError) in try Tensor.zeros(p.shape, dtype: .f32) }
        v = try params.map { p throws(TensorError) in try Tensor.zeros(p.shape, dtype: .f32) }
    }

    /// The loss and its gradient with respect to every parameter.
    func lossAndGradients() throws(TensorError) -> (Tensor, [Tensor]) {
        let tape = Tape()
        let p = params.map { tape.variable($0) }
        var h = Variable(constant: x)
        for l in 0..<3 { h = try Variable.unary(activation, Variable.linear(h, p[2 * l], p[2 * l + 1])) }
        let out = try Variable.linear(h, p[6], p[7])
        let loss = try Variable.reduce(.mean, Variable.unary(.square, out - Variable(constant: y)))
        return (loss.value, try tape.gradient(of: loss, withRespectTo: p))
    }

    /// One step: forward, backward, Adam (lr 1e-3, β 0.9/0.999, ε 1e-8) in place.
    func step() throws(TensorError) {
        let (loss, grads) = try lossAndGradients()
        blackHole(loss)
        t += 1
        let lr: Float = 1e-3, b1: Float = 0.9, b2: Float = 0.999, eps: Float = 1e-8
        let c1 = 1 / (1 - Float(Foundation.pow(0.9, Double(t)))), c2 = 1 / (1 - Float(Foundation.pow(0.999, Double(t))))
        for i in params.indices {
            try params[i].makeUnique()
            try m[i].makeUnique()
            try v[i].makeUnique()
            let g = try grads[i].contiguous()
            let p = params[i].storage.f32, mp = m[i].storage.f32, vp = v[i].storage.f32
            let gp = UnsafePointer(g.storage.f32) + g.offset
            let n = params[i].count
            // Two simple loops (moments, then the update) so that each one vectorises.
            for k in 0..<n {
                let gk = gp[k]
                mp[k] = b1 * mp[k] + (1 - b1) * gk
                vp[k] = b2 * vp[k] + (1 - b2) * gk * gk
            }
            for k in 0..<n {
                p[k] -= lr * (mp[k] * c1) / ((vp[k] * c2).squareRoot() + eps)
            }
        }
    }
}
