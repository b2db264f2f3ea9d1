import Synchronization
import Testing
@testable import Tensor

/// A strided (non-contiguous) view: the transpose of a row-major `rows × cols` matrix.
func transposed(_ t: Tensor) -> Tensor {
    Tensor(storage: t.storage, shape: [t.shape[1], t.shape[0]], strides: [t.strides[1], t.strides[0]], offset: t.offset)
}

@Suite struct BinaryOpTests {
    @Test func sameShapeAddition() throws {
        let r = try Tensor.binary(.add, Tensor([1, 2, 3]), Tensor([10, 20, 30]))
        #expect(r.shape == [3])
        #expect(r.toArray() == [11, 22, 33])
    }

    @Test func columnBroadcastsAgainstRow() throws {
        let col = try Tensor([1, 2], shape: [2, 1]), row = try Tensor([10, 20, 30])
        let r = try Tensor.binary(.add, col, row)
        #expect(r.shape == [2, 3])
        #expect(r.toArray() == [11, 21, 31, 12, 22, 32])
    }

    @Test func zeroDimensionalBroadcastsAgainstAnything() throws {
        let r = try Tensor.binary(.mul, Tensor(scalar: 3), Tensor([1, 2, 3, 4], shape: [2, 2]))
        #expect(r.shape == [2, 2])
        #expect(r.toArray() == [3, 6, 9, 12])
        let s = try Tensor.binary(.sub, Tensor(scalar: 5), Tensor(scalar: 7))
        #expect(s.shape == [])
        #expect(s.scalarValue == -2)
    }

    @Test func emptyTensorsBroadcastToEmpty() throws {
        let e = try Tensor(uninitialized: [0, 3])
        let r = try Tensor.binary(.add, e, Tensor([1, 2, 3]))
        #expect(r.shape == [0, 3])
        #expect(try Tensor.binary(.add, e, Tensor([5], shape: [1, 1])).shape == [0, 3])
        #expect(throws: TensorError.shapeMismatch(op: "+", lhs: [0, 3], rhs: [2, 1])) {
            try Tensor.binary(.add, e, try Tensor([1, 2], shape: [2, 1]))
        }
        let one = try Tensor.binary(.mul, try Tensor(uninitialized: [0]), Tensor(scalar: 2))
        #expect(one.shape == [0])
    }

    @Test func mismatchNamesOperatorAndBothShapes() throws {
        #expect(throws: TensorError.shapeMismatch(op: "+", lhs: [2, 3], rhs: [4])) {
            try Tensor.binary(.add, try Tensor(repeating: 0, shape: [2, 3]), try Tensor(repeating: 0, shape: [4]))
        }
        let e = TensorError.shapeMismatch(op: "^", lhs: [2], rhs: [3])
        #expect(e.description == "shapes (2,) and (3,) are not compatible for ^")
        #expect(throws: TensorError.shapeMismatch(op: "^", lhs: [2], rhs: [3])) {
            try Tensor.binary(.pow, try Tensor([1, 2]), try Tensor([1, 2, 3]))
        }
    }

    @Test func dtypePromotion() throws {
        let f = try Tensor([1, 2], dtype: .f32), d = try Tensor([0.5, 0.25])
        #expect(try Tensor.binary(.add, f, f).dtype == .f32)
        let mixed = try Tensor.binary(.add, f, d)
        #expect(mixed.dtype == .f64)
        #expect(mixed.toArray() == [1.5, 2.25])
        // A Double scalar is weak: an f32 tensor stays f32 (numpy 2).
        let weak = try Tensor.binary(.mul, f, 0.1)
        #expect(weak.dtype == .f32)
        #expect(weak.toArray() == [Double(Float(1) * Float(0.1)), Double(Float(2) * Float(0.1))])
        #expect(try Tensor.binary(.lt, f, d).dtype == .f64)
    }

    @Test func scalarOnEitherSide() throws {
        let x = try Tensor([1, 2, 4])
        #expect(try Tensor.binary(.sub, x, 1).toArray() == [0, 1, 3])
        #expect(try Tensor.binary(.sub, 1, x).toArray() == [0, -1, -3])
        #expect(try Tensor.binary(.div, 8, x).toArray() == [8, 4, 2])
        #expect(try Tensor.binary(.pow, 2, x).toArray() == [2, 4, 16])
        #expect(try Tensor.binary(.pow, x, 2).toArray() == [1, 4, 16])
    }

    @Test func comparisonsGiveZeroOrOne() throws {
        let a = try Tensor([1, 2, .nan]), b = try Tensor([2, 2, .nan])
        #expect(try Tensor.binary(.lt, a, b).toArray() == [1, 0, 0])
        #expect(try Tensor.binary(.eq, a, b).toArray() == [0, 1, 0])
        #expect(try Tensor.binary(.ne, a, b).toArray() == [1, 0, 1])
    }

    @Test func modTakesTheSignOfTheDivisor() throws {
        let r = try Tensor.binary(.mod, Tensor([7, -7, 7, -7]), Tensor([3, 3, -3, -3]))
        #expect(r.toArray() == [1, 2, -2, -1])
        #expect(try Tensor.binary(.mod, Tensor([5]), 0).toArray()[0].isNaN)
    }

    @Test func maximumAndMinimumPropagateNaN() throws {
        let a = try Tensor([1, .nan, 3]), b = try Tensor([.nan, 2, 1])
        let mx = try Tensor.binary(.maximum, a, b).toArray()
        #expect(mx[0].isNaN && mx[1].isNaN && mx[2] == 3)
        let mn = try Tensor.binary(.minimum, a, b).toArray()
        #expect(mn[0].isNaN && mn[1].isNaN && mn[2] == 1)
    }

    @Test func stridedOperandsMatchContiguousOnes() throws {
        let m = try Tensor((0..<12).map(Double.init), shape: [3, 4])
        let t = transposed(m)  // 4×3, not contiguous
        #expect(!t.isContiguous)
        let r = try Tensor.binary(.add, t, Tensor([100, 200, 300]))
        #expect(r.shape == [4, 3])
        #expect(r.toArray() == [100, 204, 308, 101, 205, 309, 102, 206, 310, 103, 207, 311])
        #expect(try Tensor.binary(.mul, t, 2).toArray() == t.toArray().map { $0 * 2 })
        #expect(try Tensor.binary(.sub, 1, t).toArray() == t.toArray().map { 1 - $0 })
        #expect(try Tensor.unary(.neg, t).toArray() == t.toArray().map { -$0 })
    }

    @Test func largeInputsTakeTheParallelPathWithTheSameResults() throws {
        let n = 3 * Parallel.threshold + 17
        let a = try Tensor((0..<n).map { Double($0 % 1000) / 7 }), b = try Tensor((0..<n).map { Double($0 % 13) })
        let r = try Tensor.binary(.mul, a, b).toArray()
        let av = a.toArray(), bv = b.toArray()
        #expect(r.indices.allSatisfy { r[$0] == av[$0] * bv[$0] })
        let col = try Tensor((0..<n).map { Double($0 % 5) }, shape: [n, 1])
        let s = try Tensor.binary(.add, col, Tensor([0, 10]))
        #expect(s.shape == [n, 2])
        let sv = s.toArray()
        #expect(sv[2 * (n - 1)] == Double((n - 1) % 5) && sv[2 * (n - 1) + 1] == Double((n - 1) % 5) + 10)
    }

    @Test func aStopRequestEndsParallelWorkBetweenChunks() throws {
        // Injected request: the process-wide Interrupt flag would also stop other tests' kernels.
        let n = 40 * Parallel.grain
        let done = Atomic<Int>(0)
        let stop = { done.load(ordering: .relaxed) >= 3 }
        #expect(throws: TensorError.interrupted) {
            try Parallel.forRanges(n, stop: stop) { lo, hi in done.add(1, ordering: .relaxed) }
        }
        #expect(done.load(ordering: .relaxed) < 40)
        #expect(throws: TensorError.interrupted) { try Parallel.chunkedSerial(n, stop: { true }) { _, _ in } }
        #expect(throws: TensorError.interrupted) { try Parallel.forItems(8, parallel: true, stop: { true }) { _ in } }
        #expect(throws: TensorError.interrupted) { try Parallel.forItems(8, parallel: false, stop: { true }) { _ in } }
        var count = 0
        try Parallel.forRanges(100, stop: { true }) { lo, hi in count += hi - lo }  // short work is never stopped
        #expect(count == 100)
    }
}
