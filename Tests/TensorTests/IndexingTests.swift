import Testing
@testable import Tensor

@Suite struct IndexingTests {
    let m = (try? Tensor.arange(0, 12).reshape([3, 4])) ?? Tensor.scalar(0)

    @Test func allNumpyFixtureCases() throws {
        guard let ix = StructureFixtures.root["indexing"] as? [String: Any],
              let cases = ix["cases"] as? [[String: Any]] else { Issue.record("missing fixture"); return }
        let base = try StructureFixtures.tensor(ix["base"])
        #expect(cases.count == 24)
        for c in cases {
            let items = try (c["items"] as? [[String: Any]] ?? []).map(StructureFixtures.item)
            let (shape, values) = StructureFixtures.array(c)
            let r = try base.subscripted(items)
            #expect(r.shape == shape, "\(c["items"] ?? "")")
            #expect(r.toArray() == values, "\(c["items"] ?? "")")
        }
    }

    @Test func integersDropAxesAndCountFromTheEnd() throws {
        #expect(try m.subscripted([1]).toArray() == [4, 5, 6, 7])
        #expect(try m.subscripted([-1, -1]).shape == [])
        #expect(try m.subscripted([-1, -1]).scalarValue == 11)
        #expect(try m.element(at: [2, 1]) == 9)
        #expect(try m.element(at: [-3, -4]) == 0)
    }

    @Test func slicesAreViews() throws {
        let s = try m.subscripted([.all, .slice(start: 1, stop: 4, step: 2)])
        #expect(s.storage === m.storage)
        #expect(s.toArray() == [1, 3, 5, 7, 9, 11])
        let r = try m.subscripted([.slice(start: nil, stop: nil, step: -1)])
        #expect(r.toArray() == [8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3])
        #expect(try m.subscripted([.slice(start: 10, stop: 20, step: nil)]).shape == [0, 4])
    }

    @Test func gatherPicksRowsForATimestepBatch() throws {
        // m[t_batch] with m T×C and t_batch of shape (B,) is B×C.
        let table = try Tensor.arange(0, 1000 * 8).reshape([1000, 8])
        let t = try Tensor([999, 0, 500, 0])
        let rows = try table.subscripted([.gather(t)])
        #expect(rows.shape == [4, 8])
        #expect(try rows.subscripted([0]).toArray() == (0..<8).map { Double(999 * 8 + $0) })
        #expect(try rows.subscripted([2, 3]).scalarValue == 4003)
    }

    @Test func f32TensorsAndReversedAssignment() throws {
        var f = try Tensor.arange(0, 6, dtype: .f32).reshape([2, 3])
        let g = try f.subscripted([.all, .gather(Tensor([2, 0]))])
        #expect(g.dtype == .f32)
        #expect(g.toArray() == [2, 0, 5, 3])
        try f.assign([1, .slice(start: nil, stop: nil, step: -1)], Tensor([7, 8, 9]))
        #expect(f.toArray() == [0, 1, 2, 9, 8, 7])
        try f.assign([.newAxis, 0], Tensor([1, 1, 1], shape: [1, 1, 3]))
        #expect(f.toArray() == [1, 1, 1, 9, 8, 7])
    }

    @Test func indexErrorsNameAxisIndexAndBound() throws {
        #expect(throws: TensorError.indexOutOfBounds(axis: 0, index: 3, bound: 3)) { try m.subscripted([3]) }
        #expect(throws: TensorError.indexOutOfBounds(axis: 1, index: -5, bound: 4)) { try m.subscripted([0, -5]) }
        #expect(throws: TensorError.indexOutOfBounds(axis: 0, index: 7, bound: 3)) {
            try m.subscripted([.gather(Tensor([0, 7]))])
        }
        #expect(throws: TensorError.invalidArgument("index 1.5 on axis 1 is not an integer: a float index tensor must hold whole positions (to select where a condition holds, index with a bool mask such as x[x > 0], or use where)")) {
            try m.subscripted([.all, .gather(Tensor([1.5]))])
        }
        #expect(throws: TensorError.self) { try m.subscripted([0, 0, 0]) }
        // Index arrays that broadcast to an enormous selection fail cleanly.
        let rows = try Tensor.zeros([1 << 20, 1]), cols = try Tensor.zeros([1, 1 << 20])
        #expect(throws: TensorError.self) { try m.subscripted([.gather(rows), .gather(cols)]) }
        #expect(throws: TensorError.self) { try m.subscripted([.slice(start: nil, stop: nil, step: 0)]) }
        #expect(throws: TensorError.self) { try m.subscripted([.ellipsis, .ellipsis]) }
        #expect(throws: TensorError.self) { try m.element(at: [0]) }
        #expect(throws: TensorError.indexOutOfBounds(axis: 1, index: 4, bound: 4)) { try m.element(at: [0, 4]) }
    }

    @Test func assignmentBroadcastsTheValue() throws {
        var x = m
        try x.assign([.all, 1], 0)
        #expect(x.toArray() == [0, 0, 2, 3, 4, 0, 6, 7, 8, 0, 10, 11])
        try x.assign([0], Tensor([9, 8, 7, 6]))
        #expect(try x.subscripted([0]).toArray() == [9, 8, 7, 6])
        try x.assign([.slice(start: 1, stop: nil, step: nil)], Tensor([1, 2, 3, 4], shape: [1, 4]))
        #expect(try x.subscripted([2]).toArray() == [1, 2, 3, 4])
        try x.assign([.gather(Tensor([2, 0])), 3], Tensor([-1, -2]))
        #expect(try x.subscripted([.all, 3]).toArray() == [-2, 4, -1])
        #expect(throws: TensorError.shapeMismatch(op: "index assignment", lhs: [3], rhs: [2])) {
            try x.assign([.all, 0], Tensor([1, 2]))
        }
        var f = try Tensor.zeros([3], dtype: .f32)
        try f.assign([1], 2.5)
        #expect(f.toArray() == [0, 2.5, 0])
    }
}
