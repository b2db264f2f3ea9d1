import Testing
@testable import Tensor

@Suite struct AutogradBehaviourTests {
    typealias V = Variable

    @Test func outputMustBeOneNumber() throws {
        let tape = Tape()
        let x = tape.variable(try Tensor([1, 2, 3]))
        #expect(throws: TensorError.invalidArgument("grad needs a function returning a single number, got shape (3,)")) {
            try tape.gradient(of: x * 2, withRespectTo: [x])
        }
        // A one-element tensor of any rank is fine.
        let y = try V.reduce(.sum, x, keepdims: true)
        #expect(try tape.gradient(of: y, withRespectTo: [x])[0].toArray() == [1, 1, 1])
    }

    @Test func variableUsedTwiceAccumulates() throws {
        let tape = Tape()
        let x = tape.variable(try Tensor([3]))
        let y = try x * x + x * 4  // 2x + 4 = 10
        #expect(try tape.gradient(of: y, withRespectTo: [x])[0].toArray() == [10])
        // Asking twice gives the same answer (the tape is not consumed).
        #expect(try tape.gradient(of: y, withRespectTo: [x, x])[1].toArray() == [10])
    }

    @Test func unrelatedAndUntrackedInputsGetZeros() throws {
        let tape = Tape()
        let x = tape.variable(try Tensor([1, 2])), z = tape.variable(try Tensor([5, 6, 7], dtype: .f32))
        let c = Variable(constant: try Tensor([9]))
        let y = try V.reduce(.sum, x * 3)
        let g = try tape.gradient(of: y, withRespectTo: [x, z, c])
        #expect(g[0].toArray() == [3, 3])
        #expect(g[1].toArray() == [0, 0, 0] && g[1].dtype == .f32)
        #expect(g[2].toArray() == [0])
        // An output computed only from constants is untracked; its gradient is zero.
        #expect(try tape.gradient(of: c * 2, withRespectTo: [x])[0].toArray() == [0, 0])
    }

    @Test func untrackedOpsRecordNothing() throws {
        let tape = Tape()
        let a = Variable(constant: try Tensor([1, 2]))
        let before = tape.count
        let y = try V.unary(.exp, a * a)
        #expect(!y.isTracked && tape.count == before)
    }

    @Test func differentTapesCannotBeMixed() throws {
        let x = Tape().variable(try Tensor([1])), y = Tape().variable(try Tensor([2]))
        #expect(throws: TensorError.invalidArgument("cannot combine values from different gradient computations (gradients of gradients are not supported)")) {
            try x + y
        }
    }

    @Test func forwardErrorsSurfaceAsBefore() throws {
        let tape = Tape()
        let a = tape.variable(try Tensor.zeros([2, 3])), b = tape.variable(try Tensor.zeros([4]))
        #expect(throws: TensorError.shapeMismatch(op: "+", lhs: [2, 3], rhs: [4])) { try a + b }
        #expect(throws: TensorError.shapeMismatch(op: "@", lhs: [2, 3], rhs: [4])) { try V.matmul(a, b) }
    }

    @Test func valueAndGradient() throws {
        let (v, g) = try Tape.valueAndGradient(at: [Tensor([1, 2, 3])]) { x throws(TensorError) in
            try V.reduce(.sum, V.unary(.square, x[0]))
        }
        #expect(v.scalarValue == 14)
        #expect(g[0].toArray() == [2, 4, 6])
    }

    @Test func gradientWithRespectToAnIntermediateValue() throws {
        let tape = Tape()
        let x = tape.variable(try Tensor([1, 2]))
        let h = try x * 3
        let y = try V.reduce(.sum, V.unary(.square, h))
        let g = try tape.gradient(of: y, withRespectTo: [h, x])
        #expect(g[0].toArray() == [6, 12])
        #expect(g[1].toArray() == [18, 36])
    }

    @Test func linearFallsBackToTheComposition() throws {
        // Batched input and mixed dtypes take the matmul + add path with the same gradients.
        let x = try GradCheck.sample([2, 3, 4], seed: 120), w = try GradCheck.sample([4, 2], seed: 121)
        let b = try GradCheck.sample([2], seed: 122)
        try GradCheck.expectMatches([x, w, b], "linear batched") { v in try V.linear(v[0], v[1], v[2]) }
        let tape = Tape()
        let w32 = tape.variable(try w.converted(to: .f32))
        let y = try V.linear(V(constant: Tensor.ones([1, 4])), w32, V(constant: b))
        #expect(y.dtype == .f64)
        let g = try tape.gradient(of: V.reduce(.sum, y), withRespectTo: [w32])[0]
        #expect(g.dtype == .f32 && g.toArray() == [Double](repeating: 1, count: 8))
    }
}
