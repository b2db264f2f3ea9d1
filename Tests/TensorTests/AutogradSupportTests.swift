import Foundation
import Testing
@testable import Tensor

/// Gradient checking against central finite differences, shared by the Autograd*Tests suites.
enum GradCheck {
    /// Deterministic test values: a fixed-seed normal sample of `shape`, scaled and shifted.
    static func sample(_ shape: [Int], seed: UInt64, scale: Double = 1, shift: Double = 0) throws -> Tensor {
        try Tensor.binary(.add, Tensor.binary(.mul, Random.randn(shape, seed: seed), scale), shift)
    }

    /// Fixed weights that turn a non-scalar output into a scalar loss `Σ w·y`, so every output
    /// element gets a different cotangent.
    static func weights(_ shape: [Int], dtype: DType) throws -> Tensor {
        let n = try Shape.count(shape)
        return try Tensor((0..<n).map { sin(1 + 0.7 * Double($0)) }, shape: shape, dtype: dtype)
    }

    /// `Σ w·f(x)` (or f(x) itself when it holds one number).
    static func loss(_ y: Variable) throws -> Variable {
        if y.value.count == 1 { return try y.reshape([]) }
        let w = Variable(constant: try weights(y.shape, dtype: y.dtype))
        return try Variable.reduce(.sum, y * w)
    }

    /// Largest relative difference between the tape gradients of `f` at `inputs` and central
    /// finite differences with step `h` (in f64), over every element of every input.
    static func maxError(_ inputs: [Tensor], h: Double = 1e-6,
                         _ f: ([Variable]) throws -> Variable) throws -> Double {
        let tape = Tape()
        let vars = inputs.map { tape.variable($0) }
        let grads = try tape.gradient(of: loss(f(vars)), withRespectTo: vars)
        var worst = 0.0
        for (i, x) in inputs.enumerated() {
            #expect(grads[i].shape == x.shape)
            #expect(grads[i].dtype == x.dtype)
            let analytic = grads[i].toArray()
            let base = x.toArray()
            for j in 0..<base.count {
                func at(_ d: Double) throws -> Double {
                    var v = base
                    v[j] += d
                    var args = inputs.map { Variable(constant: $0) }
                    args[i] = Variable(constant: try Tensor(v, shape: x.shape, dtype: x.dtype))
                    return try loss(f(args)).value.scalarValue ?? .nan
                }
                let numeric = (try at(h) - at(-h)) / (2 * h)
                let err = abs(numeric - analytic[j]) / max(1, abs(numeric), abs(analytic[j]))
                if !(err <= worst) { worst = err.isNaN ? .infinity : err }
            }
        }
        return worst
    }

    /// Expects the gradients of `f` at `inputs` to match finite differences within `tol`.
    static func expectMatches(_ inputs: [Tensor], tol: Double = 1e-6, _ label: String = "",
                              sourceLocation: SourceLocation = #_sourceLocation,
                              _ f: ([Variable]) throws -> Variable) throws {
        let err = try maxError(inputs, f)
        #expect(err <= tol, "\(label): max relative error \(err)", sourceLocation: sourceLocation)
    }
}

@Suite struct AutogradSupportTests {
    @Test func finiteDifferencesCatchAWrongRule() throws {
        // A deliberately wrong "gradient" (sum of x treated as constant inside) is detected.
        let x = try GradCheck.sample([3], seed: 1)
        let err = try GradCheck.maxError([x]) { v in
            try v[0] * Variable(constant: v[0].value)
        }
        #expect(err > 0.01)
    }
}
