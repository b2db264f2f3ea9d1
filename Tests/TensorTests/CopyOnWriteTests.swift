import Testing
@testable import Tensor

@Suite struct CopyOnWriteTests {
    @Test func assigningToACopyLeavesTheOriginal() throws {
        let x = try Tensor([1, 2, 3])
        var y = x
        try y.assign([0], 5)
        #expect(x.toArray() == [1, 2, 3])
        #expect(y.toArray() == [5, 2, 3])
    }

    @Test func assigningToAViewLeavesTheBase() throws {
        let x = try Tensor.arange(0, 6).reshape([2, 3])
        var row = try x.subscripted([1])
        try row.assign([0], 100)
        #expect(x.toArray() == [0, 1, 2, 3, 4, 5])
        #expect(row.toArray() == [100, 4, 5])
        var t = try x.transpose()
        try t.assign([0, 1], -1)
        #expect(x.toArray() == [0, 1, 2, 3, 4, 5])
        #expect(t.toArray() == [0, -1, 1, 4, 2, 5])
    }

    @Test func assigningFromItselfUsesTheOldValues() throws {
        var x = try Tensor([1, 2, 3, 4])
        let shifted = try x.subscripted([.slice(start: nil, stop: -1, step: nil)])
        try x.assign([.slice(start: 1, stop: nil, step: nil)], shifted)
        #expect(x.toArray() == [1, 1, 2, 3])
    }

    @Test func uniqueContiguousTensorsAreWrittenInPlace() throws {
        var x = try Tensor.zeros([4])
        let before = x.storage.raw
        try x.assign([2], 1)
        #expect(x.storage.raw == before)
    }
}
