import Testing
@testable import Tensor

@Suite struct AutogradTrainingTests {
    typealias V = Variable

    /// A 2-layer MLP (1 → 16 tanh → 1) fitted to y = sin(3x) on 64 fixed points with plain SGD.
    @Test func sgdOnTinyMLPReducesTheLoss() throws {
        let x = try Tensor.linspace(-1, 1, count: 64).reshape([64, 1])
        let y = try Tensor.unary(.sin, Tensor.binary(.mul, x, 3.0))
        var params = [
            try GradCheck.sample([1, 16], seed: 200, scale: 1.0),
            try Tensor.zeros([16]),
            try GradCheck.sample([16, 1], seed: 201, scale: 0.25),
            try Tensor.zeros([1]),
        ]
        func loss(_ p: [Variable]) throws(TensorError) -> Variable {
            let h = try V.unary(.tanh, V.linear(V(constant: x), p[0], p[1]))
            let pred = try V.matmul(h, p[2]) + p[3]
            return try V.reduce(.mean, V.unary(.square, pred - V(constant: y)))
        }
        var first = Double.nan, last = Double.nan
        for step in 0..<500 {
            let (value, grads) = try Tape.valueAndGradient(at: params, loss)
            if step == 0 { first = value.scalarValue ?? .nan }
            last = value.scalarValue ?? .nan
            for i in params.indices { params[i] = try Tensor.binary(.sub, params[i], Tensor.binary(.mul, grads[i], 0.2)) }
        }
        #expect(first > 0.2)
        #expect(last < first / 10, "loss went from \(first) to \(last)")
    }
}
