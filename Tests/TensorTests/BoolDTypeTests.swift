import Testing
@testable import Tensor

/// The `bool` dtype (one byte per element) and boolean-mask indexing, as numpy.
struct BoolDTypeTests {
    @Test func boolTensorsHoldOneBytePerElementAndConvertLikeNumpyAstype() throws {
        let x = try Tensor([0, 2, -1, .nan, 0.5])
        let b = try x.converted(to: .bool)
        #expect(b.dtype == .bool && b.storage.count * b.dtype.size == 5)
        #expect(b.toArray() == [0, 1, 1, 1, 1])  // non-zero and nan are true
        #expect(try b.converted(to: .f32).dtype == .f32)
        #expect(try b.converted(to: .f64).toArray() == [0, 1, 1, 1, 1])
    }

    @Test func promotionGivesTheOtherOperandsFloatType() throws {
        let m = try Tensor([1, 0, 1], dtype: .bool)
        #expect(DType.bool.promoted(with: .f32) == .f32)
        #expect(DType.f64.promoted(with: .bool) == .f64)
        #expect(DType.f32.promoted(with: .f64) == .f64)
        let f = try Tensor([2, 3, 4], dtype: .f32)
        let p = try Tensor.binary(.mul, f, m)
        #expect(p.dtype == .f32 && p.toArray() == [2, 0, 4])
        #expect(try Tensor.binary(.mul, m, 2.5).toArray() == [2.5, 0, 2.5])
        #expect(try Tensor.reduce(.sum, m).toArray() == [2])
    }

    @Test func floatArithmeticIsUnchangedBitForBit() throws {
        let a = try Tensor([0.1, -2.5, 1e300], dtype: .f64), b = try Tensor([0.2, 3, 1e10], dtype: .f64)
        let sum = try Tensor.binary(.add, a, b).toArray()
        #expect(sum.map(\.bitPattern) == [0.1 + 0.2, 0.5, 1e300 + 1e10].map(\.bitPattern))
        let fa = try Tensor([0.1, 0.7], dtype: .f32), fb = try Tensor([0.2, 0.3], dtype: .f32)
        let fsum = try Tensor.binary(.add, fa, fb).toArray()
        #expect(fsum.map { Float($0).bitPattern } == [Float(0.1) + Float(0.2), Float(0.7) + Float(0.3)].map(\.bitPattern))
    }

    @Test func aMaskSelectsInRowMajorOrderAndItsShapeMustFit() throws {
        let x = try Tensor((0..<6).map(Double.init), shape: [2, 3])
        let mask = try Tensor([0, 1, 0, 1, 1, 0], shape: [2, 3], dtype: .bool)
        #expect(try x.subscripted([.gather(mask)]).toArray() == [1, 3, 4])
        let rows = try Tensor([0, 1], dtype: .bool)
        #expect(try x.subscripted([.gather(rows)]).shape == [1, 3])
        let cols = try Tensor([1, 0, 1], dtype: .bool)
        #expect(try x.subscripted([.all, .gather(cols)]).toArray() == [0, 2, 3, 5])
        let wrong = try Tensor([1, 0, 1], dtype: .bool)
        #expect(throws: TensorError.self) { try x.subscripted([.gather(wrong)]) }
        var y = x
        try y.assign([.gather(mask)], Tensor([10, 20, 30]))
        #expect(y.toArray() == [0, 10, 2, 20, 30, 5])
    }

    @Test func nonzeroGivesOneIndexTensorPerAxis() throws {
        let x = try Tensor([0, 3, 0, 5], shape: [2, 2])
        let nz = try x.nonzero()
        #expect(nz.count == 2 && nz[0].toArray() == [0, 1] && nz[1].toArray() == [1, 1])
    }

    @Test func floorDivideMatchesNumpySigns() throws {
        #expect(Tensor.floorDivide(-7.0, 2.0) == -4)
        #expect(Tensor.floorDivide(7.0, -2.0) == -4)
        #expect(Tensor.floorDivide(-7.5, 2.0) == -4)
        #expect(Tensor.floorDivide(1.0, 0.0) == .infinity)
        #expect(Tensor.floorDivide(0.0, 0.0).isNaN)
        #expect(Tensor.floorDivide(-0.0, 5.0).sign == .minus)
    }
}
