import Foundation
import Testing
@testable import Tensor

@Suite struct AutogradElementwiseTests {
    typealias V = Variable

    /// Operand shape pairs covering equal shapes, trailing broadcast, both-sided broadcast and 0-d.
    let shapePairs: [([Int], [Int])] = [([2, 3], [2, 3]), ([2, 3], [3]), ([2, 1], [1, 3]), ([4], []), ([], [2, 2])]

    @Test(arguments: [BinaryOp.add, .sub, .mul, .div, .maximum, .minimum])
    func binaryOpsWithBroadcasting(op: BinaryOp) throws {
        for (k, (sa, sb)) in shapePairs.enumerated() {
            let a = try GradCheck.sample(sa, seed: UInt64(10 + k))
            // Keep divisors away from 0 and max/min operands away from ties.
            let b = try GradCheck.sample(sb, seed: UInt64(20 + k), scale: 0.5, shift: op == .div ? 3 : 0.1)
            try GradCheck.expectMatches([a, b], "\(op) \(sa) \(sb)") { v in try V.binary(op, v[0], v[1]) }
        }
    }

    @Test func powInBothOperands() throws {
        for (k, (sa, sb)) in shapePairs.enumerated() {
            let a = try Tensor.unary(.exp, GradCheck.sample(sa, seed: UInt64(30 + k), scale: 0.5))
            let b = try GradCheck.sample(sb, seed: UInt64(40 + k))
            try GradCheck.expectMatches([a, b], "pow \(sa) \(sb)") { v in try V.binary(.pow, v[0], v[1]) }
        }
        // Integer powers of negative bases are fine w.r.t. the base.
        let x = try Tensor([-1.5, 0.5, 2])
        try GradCheck.expectMatches([x], "x^3") { v in try V.binary(.pow, v[0], 3.0) }
        try GradCheck.expectMatches([x], "2^x") { v in try V.binary(.pow, 2.0, v[0]) }
    }

    @Test func powConventionsAtZero() throws {
        let tape = Tape()
        let x = tape.variable(try Tensor([0, 2]))
        let y = tape.variable(try Tensor([0, 0]))
        // d/dx x^0 = 0 (not 0·0^-1 = NaN) and d/dy 0^y is taken with log 0 := 0.
        let g = try tape.gradient(of: V.reduce(.sum, V.binary(.pow, x, y)), withRespectTo: [x, y])
        #expect(g[0].toArray() == [0, 0])
        #expect(g[1].toArray() == [0, Foundation.log(2.0)])
    }

    @Test func modGradients() throws {
        let a = try Tensor([5.3, -2.2, 7.9, 1.4])
        let b = try Tensor([2.0, 3.0, -4.0, 0.9])
        try GradCheck.expectMatches([a, b], "mod") { v in try V.binary(.mod, v[0], v[1]) }
    }

    @Test func scalarOverloads() throws {
        let x = try GradCheck.sample([2, 3], seed: 5, shift: 3)
        for op in [BinaryOp.add, .sub, .mul, .div, .pow, .maximum, .minimum] {
            try GradCheck.expectMatches([x], "x \(op) 1.3") { v in try V.binary(op, v[0], 1.3) }
            try GradCheck.expectMatches([x], "1.3 \(op) x") { v in try V.binary(op, 1.3, v[0]) }
        }
        try GradCheck.expectMatches([x], "operators") { v in try (2 * v[0] - 1) / 3 + (-v[0]) * 0.5 }
    }

    @Test func maxMinTiesSplitEvenly() throws {
        let tape = Tape()
        let a = tape.variable(try Tensor([1, 2, 3]))
        let b = tape.variable(try Tensor([3, 2, 1]))
        let g = try tape.gradient(of: V.reduce(.sum, V.maximum(a, b)), withRespectTo: [a, b])
        #expect(g[0].toArray() == [0, 0.5, 1])
        #expect(g[1].toArray() == [1, 0.5, 0])
        let x = tape.variable(try Tensor([4]))
        #expect(try tape.gradient(of: V.reduce(.sum, V.minimum(x, x)), withRespectTo: [x])[0].toArray() == [1])
    }

    static let domains: [(UnaryOp, Double, Double)] = [
        (.neg, 1, 0), (.abs, 1, 0), (.exp, 1, 0), (.log, 0.5, 2), (.log1p, 0.3, 1), (.sqrt, 0.3, 2),
        (.sin, 1, 0), (.cos, 1, 0), (.tanh, 1, 0), (.sigmoid, 2, 0), (.relu, 1, 0), (.gelu, 1.5, 0),
        (.silu, 1.5, 0), (.square, 1, 0),
    ]

    @Test func unaryOps() throws {
        for (k, (op, scale, shift)) in Self.domains.enumerated() {
            let x = try GradCheck.sample([3, 4], seed: UInt64(50 + k), scale: scale, shift: shift)
            try GradCheck.expectMatches([x], "\(op)") { v in try V.unary(op, v[0]) }
            // Through a strided (transposed) view too.
            try GradCheck.expectMatches([x], "\(op) of transpose") { v in try V.unary(op, v[0].transpose()) }
        }
    }

    @Test func piecewiseConstantOpsHaveZeroGradient() throws {
        let tape = Tape()
        let x = tape.variable(try Tensor([0.4, 1.6, -2.5]))
        for op in [UnaryOp.round, .floor, .sign, .isnan] {
            let y = try V.reduce(.sum, V.unary(op, x) * x)
            // Only the `* x` factor contributes: d/dx (c·x) = c.
            let g = try tape.gradient(of: y, withRespectTo: [x])[0]
            #expect(g.toArray() == (try Tensor.unary(op, x.value)).toArray(), "\(op)")
        }
        let c = try V.binary(.lt, x, 0.0)
        #expect(!c.isTracked)
    }

    @Test func geluMatchesExactErfDerivative() throws {
        let tape = Tape()
        let x = tape.variable(try Tensor([-3, -1, 0, 0.5, 2]))
        let g = try tape.gradient(of: V.reduce(.sum, V.unary(.gelu, x)), withRespectTo: [x])[0].toArray()
        let expected = [-3.0, -1, 0, 0.5, 2].map { x in
            0.5 * Foundation.erfc(-x / 2.0.squareRoot()) + x * Foundation.exp(-x * x / 2) / (2 * Double.pi).squareRoot()
        }
        for (a, b) in zip(g, expected) { #expect(abs(a - b) < 1e-14) }
    }

    @Test func f32GeluGradientMatchesTheExactDerivative() throws {
        let values = (0..<241).map { -12 + 0.1 * Double($0) }
        let tape = Tape()
        let x = tape.variable(try Tensor(values, dtype: .f32))
        let g = try tape.gradient(of: V.reduce(.sum, V.unary(.gelu, x)), withRespectTo: [x])[0]
        #expect(g.dtype == .f32)
        for (v, d) in zip(values, g.toArray()) {
            let xv = Double(Float(v))
            let exact = 0.5 * Foundation.erfc(-xv / 2.0.squareRoot()) + xv * Foundation.exp(-xv * xv / 2) / (2 * Double.pi).squareRoot()
            #expect(abs(d - exact) <= 4e-7 * max(1, abs(xv)), "x = \(v)")
        }
    }
}
