import Testing
@testable import Tensor

@Suite struct AutogradLinalgTests {
    typealias V = Variable

    /// numpy matmul cases: plain, 1-D on either or both sides, batched, broadcast batch axes.
    let cases: [([Int], [Int])] = [
        ([3, 4], [4, 2]), ([4], [4, 2]), ([3, 4], [4]), ([4], [4]),
        ([2, 3, 4], [4, 5]), ([3, 4], [2, 4, 5]), ([2, 3, 4], [2, 4, 5]),
        ([2, 1, 3, 4], [3, 4, 2]), ([4], [2, 4, 3]), ([2, 3, 4], [4]),
    ]

    @Test func matmulEveryNumpyCase() throws {
        for (k, (sa, sb)) in cases.enumerated() {
            let a = try GradCheck.sample(sa, seed: UInt64(70 + k)), b = try GradCheck.sample(sb, seed: UInt64(90 + k))
            try GradCheck.expectMatches([a, b], "matmul \(sa) @ \(sb)") { v in try V.matmul(v[0], v[1]) }
        }
    }

    @Test func matmulOfTransposedViews() throws {
        let a = try GradCheck.sample([4, 3], seed: 71), b = try GradCheck.sample([2, 4], seed: 72)
        try GradCheck.expectMatches([a, b], "aᵀ @ bᵀ") { v in try V.matmul(v[0].transpose(), v[1].transpose()) }
    }

    @Test func outerProduct() throws {
        let a = try GradCheck.sample([3], seed: 73), b = try GradCheck.sample([2, 2], seed: 74)
        try GradCheck.expectMatches([a, b], "outer") { v in try V.outer(v[0], v[1]) }
    }

    @Test func fusedLinearMatchesComposition() throws {
        let x = try GradCheck.sample([5, 3], seed: 75), w = try GradCheck.sample([3, 4], seed: 76)
        let b = try GradCheck.sample([4], seed: 77)
        try GradCheck.expectMatches([x, w, b], "linear") { v in try V.linear(v[0], v[1], v[2]) }
        try GradCheck.expectMatches([x, w, b], "linear, transposed x") { v in
            try V.linear(v[0].transpose().transpose(), v[1], v[2])
        }
        let fused = try V.linear(V(constant: x), V(constant: w), V(constant: b)).value.toArray()
        let composed = try Tensor.binary(.add, Tensor.matmul(x, w), b).toArray()
        for (p, q) in zip(fused, composed) { #expect(abs(p - q) < 1e-12) }
    }

    @Test func f32GradientsStayF32() throws {
        let x = try GradCheck.sample([4, 3], seed: 78).converted(to: .f32)
        let w = try GradCheck.sample([3, 2], seed: 79).converted(to: .f32)
        let b = try GradCheck.sample([2], seed: 80).converted(to: .f32)
        let tape = Tape()
        let vx = tape.variable(x), vw = tape.variable(w), vb = tape.variable(b)
        let h = try V.unary(.gelu, V.linear(vx, vw, vb))
        let loss = try V.reduce(.mean, V.unary(.square, V.matmul(h, V(constant: Tensor.ones([2, 1], dtype: .f32))) - 0.5))
        #expect(loss.dtype == .f32)
        let g = try tape.gradient(of: loss, withRespectTo: [vx, vw, vb])
        #expect(g.map(\.dtype) == [.f32, .f32, .f32])
        // The same computation in f64 agrees to f32 precision.
        let g64 = try Tape.valueAndGradient(at: [x, w, b].map { try $0.converted(to: .f64) }) { v throws(TensorError) in
            let h = try V.unary(.gelu, V.linear(v[0], v[1], v[2]))
            return try V.reduce(.mean, V.unary(.square, V.matmul(h, V(constant: Tensor.ones([2, 1]))) - 0.5))
        }.gradients
        for (p, q) in zip(g, g64) {
            for (s, t) in zip(p.toArray(), q.toArray()) { #expect(abs(s - t) < 1e-5) }
        }
    }

    @Test func mixedDtypesGiveEachInputItsOwnDtype() throws {
        let tape = Tape()
        let a = tape.variable(try Tensor([1, 2], dtype: .f32)), b = tape.variable(try Tensor([3, 4]))
        let y = try V.matmul(a, b)
        #expect(y.dtype == .f64)
        let g = try tape.gradient(of: y, withRespectTo: [a, b])
        #expect(g[0].dtype == .f32 && g[0].toArray() == [3, 4])
        #expect(g[1].dtype == .f64 && g[1].toArray() == [1, 2])
    }
}
