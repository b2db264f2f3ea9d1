import Testing
@testable import Tensor

@Suite struct LayoutTests {
    @Test func reshapeInfersOneAxisAndIsAViewWhenContiguous() throws {
        let x = try Tensor.arange(0, 6)
        let r = try x.reshape([2, -1])
        #expect(r.shape == [2, 3])
        #expect(r.storage === x.storage)
        #expect(throws: TensorError.self) { try x.reshape([4, -1]) }
        #expect(throws: TensorError.self) { try x.reshape([-1, -1]) }
        #expect(throws: TensorError.self) { try x.reshape([5]) }
        let t = try r.transpose()
        let c = try t.reshape([6])
        #expect(c.toArray() == [0, 3, 1, 4, 2, 5])
        #expect(try t.flatten().shape == [6])
    }

    @Test func transposeIsAViewAndPermutes() throws {
        let x = try Tensor.arange(0, 24).reshape([2, 3, 4])
        let t = try x.transpose(axes: [2, 0, 1])
        #expect(t.shape == [4, 2, 3])
        #expect(t.storage === x.storage)
        #expect(try t.element(at: [3, 1, 2]) == x.element(at: [1, 2, 3]))
        #expect(try x.transpose().shape == [4, 3, 2])
        #expect(throws: TensorError.self) { try x.transpose(axes: [0, 0, 1]) }
        #expect(throws: TensorError.self) { try x.transpose(axes: [0, 1]) }
    }

    @Test func squeezeAndExpandDims() throws {
        let x = try Tensor.zeros([1, 3, 1])
        #expect(try x.squeeze().shape == [3])
        #expect(try x.squeeze(axis: -1).shape == [1, 3])
        #expect(throws: TensorError.self) { try x.squeeze(axis: 1) }
        #expect(try x.expandDims(axis: 0).shape == [1, 1, 3, 1])
        #expect(try x.expandDims(axis: -1).shape == [1, 3, 1, 1])
    }

    @Test func concatAndStack() throws {
        let a = try Tensor([1, 2, 3, 4], shape: [2, 2]), b = try Tensor([5, 6], shape: [1, 2])
        #expect(try Tensor.concat([a, b]).toArray() == [1, 2, 3, 4, 5, 6])
        #expect(try Tensor.concat([a, a.transpose()], axis: 1).toArray() == [1, 2, 1, 3, 3, 4, 2, 4])
        #expect(throws: TensorError.self) { try Tensor.concat([a, b], axis: 1) }
        #expect(throws: TensorError.self) { try Tensor.concat([]) }
        let s = try Tensor.stack([Tensor([1, 2]), Tensor([3, 4], dtype: .f32)], axis: 1)
        #expect(s.shape == [2, 2])
        #expect(s.dtype == .f64)
        #expect(s.toArray() == [1, 3, 2, 4])
        #expect(throws: TensorError.self) { try Tensor.stack([Tensor([1, 2]), Tensor([1])]) }
    }
}
