import Testing
@testable import Tensor

@Suite struct AutogradStructureTests {
    typealias V = Variable

    @Test func reshapeTransposeAndAxes() throws {
        let x = try GradCheck.sample([2, 3, 4], seed: 100)
        try GradCheck.expectMatches([x], "reshape") { v in try v[0].reshape([4, -1]) * v[0].reshape([4, 6]) }
        try GradCheck.expectMatches([x], "transpose") { v in try v[0].transpose() }
        try GradCheck.expectMatches([x], "transpose axes") { v in try v[0].transpose(axes: [1, -1, 0]) }
        try GradCheck.expectMatches([x], "flatten/expand/squeeze") { v in
            try v[0].flatten().expandDims(axis: 0).expandDims(axis: -1).squeeze(axis: 0)
        }
        try GradCheck.expectMatches([x], "broadcast") { v in try v[0].reshape([2, 1, 3, 4]).broadcast(to: [2, 5, 3, 4]) }
        let tape = Tape()
        let t = tape.variable(try Tensor([1, 2]))
        let y = try V.reduce(.sum, t.converted(to: .f32) * 2)
        #expect(y.dtype == .f32)
        let g = try tape.gradient(of: y, withRespectTo: [t])[0]
        #expect(g.dtype == .f64 && g.toArray() == [2, 2])
    }

    @Test func concatAndStack() throws {
        let a = try GradCheck.sample([2, 3], seed: 101), b = try GradCheck.sample([2, 1], seed: 102)
        let c = try GradCheck.sample([2, 3], seed: 103)
        try GradCheck.expectMatches([a, b, c], "concat axis 1") { v in try V.concat([v[0], v[1], v[2]], axis: 1) }
        try GradCheck.expectMatches([a, c], "concat axis 0") { v in try V.concat([v[0], v[1], v[0]], axis: 0) }
        for axis in [0, 1, 2, -1] {
            try GradCheck.expectMatches([a, c], "stack \(axis)") { v in try V.stack([v[0], v[1]], axis: axis) }
        }
    }

    @Test func basicIndexing() throws {
        let x = try GradCheck.sample([4, 5], seed: 104)
        let selections: [[IndexItem]] = [
            [1], [-1, 2], [.all, 3], [.slice(start: 1, stop: nil, step: 2)],
            [.slice(start: nil, stop: nil, step: -2), .slice(start: 4, stop: 0, step: -3)],
            [.newAxis, .ellipsis, 1], [.slice(start: 1, stop: 3, step: nil), .newAxis],
        ]
        for items in selections {
            try GradCheck.expectMatches([x], "index \(items)") { v in try v[0].subscripted(items) }
        }
    }

    @Test func gatherWithRepeatedIndicesAccumulates() throws {
        let x = try GradCheck.sample([4, 3], seed: 105)
        let rows = try Tensor([0, 2, 0, -1, 0])
        try GradCheck.expectMatches([x], "gather rows") { v in try v[0].subscripted([.gather(rows)]) }
        let cols = try Tensor([2, 2, 0], shape: [3, 1])
        try GradCheck.expectMatches([x], "gather 2-D index, columns") { v in try v[0].subscripted([.all, .gather(cols)]) }
        try GradCheck.expectMatches([x], "gather pairs") { v in
            try v[0].subscripted([.gather(Tensor([1, 1, 3])), .gather(Tensor([0, 0, 2]))])
        }
        let tape = Tape()
        let t = tape.variable(try Tensor([10, 20, 30]))
        let y = try V.reduce(.sum, t.subscripted([.gather(Tensor([0, 0, 2, 0]))]))
        #expect(try tape.gradient(of: y, withRespectTo: [t])[0].toArray() == [3, 0, 1])
    }

    @Test func sortScattersBack() throws {
        let x = try GradCheck.sample([3, 4], seed: 106)
        try GradCheck.expectMatches([x], "sort last") { v in try V.sort(v[0]) }
        try GradCheck.expectMatches([x], "sort axis 0") { v in try V.sort(v[0], axis: 0) }
    }
}

@Suite struct AutogradAssignTests {
    typealias V = Variable

    @Test func assignmentIsAFunctionalUpdate() throws {
        let x = try GradCheck.sample([3, 4], seed: 107), v = try GradCheck.sample([4], seed: 108)
        try GradCheck.expectMatches([x, v], "row assign") { a in try a[0].assigning([1], a[1]) * a[0] }
        let w = try GradCheck.sample([2, 1], seed: 109)
        try GradCheck.expectMatches([x, w], "broadcast block") { a in
            try a[0].assigning([.slice(start: 0, stop: 2, step: nil), .slice(start: nil, stop: nil, step: 2)], a[1])
        }
        let s = try GradCheck.sample([], seed: 110)
        try GradCheck.expectMatches([x, s], "gather assign") { a in try a[0].assigning([.all, .gather(Tensor([3, 0]))], a[1]) }
    }

    @Test func repeatedIndicesGiveTheGradientToTheLastWrite() throws {
        let tape = Tape()
        let x = tape.variable(try Tensor([1, 2, 3])), v = tape.variable(try Tensor([10, 20, 30]))
        let y = try x.assigning([.gather(Tensor([0, 2, 0]))], v)
        #expect(y.value.toArray() == [30, 2, 20])
        let g = try tape.gradient(of: V.reduce(.sum, y * V(constant: Tensor([1, 2, 3]))), withRespectTo: [x, v])
        #expect(g[0].toArray() == [0, 2, 0])
        #expect(g[1].toArray() == [0, 3, 1])
    }
}
