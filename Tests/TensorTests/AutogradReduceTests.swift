import Testing
@testable import Tensor

@Suite struct AutogradReduceTests {
    typealias V = Variable

    @Test(arguments: [ReduceOp.sum, .mean, .std, .var, .max, .min, .prod])
    func reductionsOverEveryAxis(op: ReduceOp) throws {
        let x = try GradCheck.sample([3, 4], seed: 60, shift: op == .prod ? 1.5 : 0)
        for axis in [nil, 0, 1, -1] as [Int?] {
            for keepdims in [false, true] {
                try GradCheck.expectMatches([x], "\(op) axis \(String(describing: axis)) keepdims \(keepdims)") { v in
                    try V.reduce(op, v[0], axis: axis, keepdims: keepdims)
                }
            }
        }
        let cube = try GradCheck.sample([2, 3, 2], seed: 61, shift: op == .prod ? 1.5 : 0)
        try GradCheck.expectMatches([cube], "\(op) middle axis") { v in try V.reduce(op, v[0], axis: 1) }
    }

    @Test func varianceWithDdof() throws {
        let x = try GradCheck.sample([5], seed: 62)
        try GradCheck.expectMatches([x], "var ddof 1") { v in try V.reduce(.var, v[0], ddof: 1) }
        try GradCheck.expectMatches([x], "std ddof 1") { v in try V.reduce(.std, v[0], ddof: 1) }
    }

    @Test func maxSplitsTiesEvenly() throws {
        let tape = Tape()
        let x = tape.variable(try Tensor([1, 3, 3, 0], shape: [2, 2]))
        let all = try tape.gradient(of: V.reduce(.max, x), withRespectTo: [x])[0]
        #expect(all.toArray() == [0, 0.5, 0.5, 0])
        let rows = try tape.gradient(of: V.reduce(.sum, V.reduce(.min, x, axis: 1)), withRespectTo: [x])[0]
        #expect(rows.toArray() == [1, 0, 0, 1])
    }

    @Test func scans() throws {
        let x = try GradCheck.sample([3, 4], seed: 63, scale: 0.5, shift: 1)
        for axis in [nil, 0, 1, -1] as [Int?] {
            try GradCheck.expectMatches([x], "cumsum \(String(describing: axis))") { v in try V.cumsum(v[0], axis: axis) }
            try GradCheck.expectMatches([x], "cumprod \(String(describing: axis))") { v in try V.cumprod(v[0], axis: axis) }
        }
    }

    @Test func softmaxAndNorm() throws {
        let x = try GradCheck.sample([3, 4], seed: 64)
        for axis in [0, 1, -1] {
            try GradCheck.expectMatches([x], "softmax \(axis)") { v in try V.softmax(v[0], axis: axis) }
        }
        for axis in [nil, 0, 1] as [Int?] {
            try GradCheck.expectMatches([x], "norm \(String(describing: axis))") { v in try V.norm(v[0], axis: axis) }
            try GradCheck.expectMatches([x], "norm keepdims") { v in try V.norm(v[0], axis: axis, keepdims: true) }
        }
        // The norm's gradient at 0 is the zero subgradient, not NaN.
        let tape = Tape()
        let z = tape.variable(try Tensor.zeros([3]))
        #expect(try tape.gradient(of: V.norm(z), withRespectTo: [z])[0].toArray() == [0, 0, 0])
    }

    @Test func whereAndClip() throws {
        let cond = Variable(constant: try Tensor([1, 0, 1], shape: [1, 3]))
        let a = try GradCheck.sample([2, 3], seed: 65), b = try GradCheck.sample([2, 1], seed: 66)
        try GradCheck.expectMatches([a, b], "where") { v in try V.where(cond, v[0], v[1]) }
        let x = try Tensor([-2.1, -0.3, 0.2, 0.7, 1.9])
        try GradCheck.expectMatches([x], "clip") { v in try V.clip(v[0], -0.5, 0.5) }
        let lo = try Tensor([-1, 0, 0.3, -1, 1.5]), hi = try Tensor([1, 1, 1, 0.5, 2.5])
        try GradCheck.expectMatches([x, lo, hi], "clip tensor bounds") { v in try V.clip(v[0], v[1], v[2]) }
        let tape = Tape()
        let t = tape.variable(x)
        let g = try tape.gradient(of: V.reduce(.sum, V.clip(t, -0.5, 0.5)), withRespectTo: [t])[0]
        #expect(g.toArray() == [0, 1, 1, 0, 0])
    }

    @Test func argmaxIsNotDifferentiable() throws {
        let tape = Tape()
        let x = tape.variable(try Tensor([1, 5, 2]))
        let i = try V.reduce(.argmax, x)
        #expect(i.value.scalarValue == 1)
        #expect(throws: TensorError.invalidArgument("argmax is not differentiable: its result (an index) cannot carry a gradient; use it to index instead")) {
            try tape.gradient(of: i * x[0], withRespectTo: [x])
        }
        // Used as an index, it is fine: the gradient flows to the picked element.
        let picked = try x.subscripted([.gather(i.value)])
        #expect(try tape.gradient(of: picked, withRespectTo: [x])[0].toArray() == [0, 1, 0])
        #expect(throws: TensorError.self) {
            try tape.gradient(of: V.reduce(.sum, V.argsort(x)), withRespectTo: [x])
        }
    }
}
