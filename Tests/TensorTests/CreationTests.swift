import Testing
@testable import Tensor

@Suite struct CreationTests {
    @Test func constantFills() throws {
        #expect(try Tensor.zeros([2, 3]).toArray() == [0, 0, 0, 0, 0, 0])
        #expect(try Tensor.ones([2], dtype: .f32).dtype == .f32)
        #expect(try Tensor.full([2, 2], 7.5).toArray() == [7.5, 7.5, 7.5, 7.5])
        #expect(try Tensor.eye(3).toArray() == [1, 0, 0, 0, 1, 0, 0, 0, 1])
        #expect(Tensor.scalar(4).shape == [])
        #expect(Tensor.scalar(4).scalarValue == 4)
        #expect(try Tensor.zeros([0, 5]).count == 0)
    }

    @Test func arangeMatchesNumpy() throws {
        let cases = StructureFixtures.list("arange")
        #expect(cases.count == 8)
        for c in cases {
            let (shape, values) = StructureFixtures.array(c)
            let t = try Tensor.arange(c["start"] as? Double ?? 0, c["stop"] as? Double ?? 0, step: c["step"] as? Double ?? 1)
            #expect(t.shape == shape, "\(c)")
            for (x, y) in zip(t.toArray(), values) { #expect(Swift.abs(x - y) <= 1e-12 * Swift.max(1, Swift.abs(y))) }
        }
    }

    @Test func linspaceMatchesNumpy() throws {
        for c in StructureFixtures.list("linspace") {
            let (shape, values) = StructureFixtures.array(c)
            let t = try Tensor.linspace(c["a"] as? Double ?? 0, c["b"] as? Double ?? 0, count: c["n"] as? Int ?? 0)
            #expect(t.shape == shape)
            for (x, y) in zip(t.toArray(), values) { #expect(Swift.abs(x - y) <= 1e-15) }
        }
        #expect(try Tensor.linspace(0, 1, count: 11).toArray().last == 1)
    }

    @Test func badSizesAreErrors() throws {
        #expect(throws: TensorError.self) { try Shape.dims([2, .nan]) }
        #expect(throws: TensorError.self) { try Shape.dims([-1]) }
        #expect(throws: TensorError.self) { try Shape.dims([1.5]) }
        #expect(throws: TensorError.self) { try Shape.dims([1e300]) }
        #expect(try Shape.dims([2, 3]) == [2, 3])
        #expect(throws: TensorError.self) { try Tensor.zeros([-2]) }
        #expect(throws: TensorError.self) { try Tensor.arange(0, 1, step: 0) }
        #expect(throws: TensorError.self) { try Tensor.arange(0, .infinity) }
        #expect(throws: TensorError.self) { try Tensor.arange(0, 1e300, step: 1) }
        #expect(throws: TensorError.self) { try Tensor.linspace(0, 1, count: -1) }
        #expect(throws: TensorError.self) { try Tensor.eye(-1) }
    }

    @Test func overTheMemoryCapIsTooLarge() {
        do {
            _ = try Tensor.zeros([1 << 50])
            Issue.record("expected tooLarge")
        } catch {
            guard case .tooLarge = error else { Issue.record("got \(error)"); return }
        }
        #expect(throws: TensorError.self) { try Tensor.eye(1 << 30) }
    }
}
