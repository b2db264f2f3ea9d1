import Foundation
import Testing
@testable import Tensor

@Suite struct MatmulTests {
    @Test func handComputedProducts() throws {
        let a = try Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3])
        let b = try Tensor([7, 8, 9, 10, 11, 12], shape: [3, 2])
        let c = try Tensor.matmul(a, b)
        #expect(c.shape == [2, 2])
        #expect(c.toArray() == [58, 64, 139, 154])
        let d = try Tensor.matmul(Tensor([1, 2, 3]), Tensor([4, 5, 6]))
        #expect(d.shape == [])
        #expect(d.scalarValue == 32)
        #expect(try Tensor.matmul(Tensor([1, 1]), a).toArray() == [5, 7, 9])
        #expect(try a.matmul(Tensor([1, 0, 1])).toArray() == [4, 10])
        // Transposed views go to BLAS with the Trans flag.
        #expect(try Tensor.matmul(a.transpose(), a).toArray() == [17, 22, 27, 22, 29, 36, 27, 36, 45])
        // Strided (non-BLAS-compatible) operands are copied first.
        let every2 = try Tensor.arange(0, 12).reshape([3, 4]).subscripted([.all, .slice(start: nil, stop: nil, step: 2)])
        #expect(try Tensor.matmul(every2, Tensor([1, 1])).toArray() == [2, 10, 18])
        #expect(try Tensor.matmul(Tensor.zeros([2, 0]), Tensor.zeros([0, 3])).toArray() == [0, 0, 0, 0, 0, 0])
    }

    @Test func dtypes() throws {
        let a = try Tensor([1, 2, 3, 4], shape: [2, 2], dtype: .f32)
        #expect(try Tensor.matmul(a, a).dtype == .f32)
        #expect(try Tensor.matmul(a, a).toArray() == [7, 10, 15, 22])
        #expect(try Tensor.matmul(a, a.converted(to: .f64)).dtype == .f64)
    }

    @Test func mismatchesAreErrors() {
        #expect(throws: TensorError.shapeMismatch(op: "@", lhs: [2, 3], rhs: [2, 3])) {
            try Tensor.matmul(Tensor.zeros([2, 3]), Tensor.zeros([2, 3]))
        }
        #expect(throws: TensorError.shapeMismatch(op: "@", lhs: [2, 2, 3], rhs: [3, 3, 1])) {
            try Tensor.matmul(Tensor.zeros([2, 2, 3]), Tensor.zeros([3, 3, 1]))
        }
        #expect(throws: TensorError.self) { try Tensor.matmul(Tensor.scalar(1), Tensor([1])) }
    }

    @Test func matchesNumpyFixtures() throws {
        let cases = StructureFixtures.list("matmul")
        #expect(cases.count == 10)
        for c in cases {
            var a = try StructureFixtures.tensor(c["a"])
            if c["transpose_a"] as? Bool == true {
                var axes = Array(0..<a.rank); axes.swapAt(a.rank - 1, a.rank - 2)
                a = try a.transpose(axes: axes)
            }
            let b = try StructureFixtures.tensor(c["b"])
            let (shape, values) = StructureFixtures.array(c)
            for dtype in [DType.f64, .f32] {
                let r = try Tensor.matmul(a.converted(to: dtype), b.converted(to: dtype))
                #expect(r.shape == shape)
                let tol = dtype == .f64 ? 1e-12 : 1e-4
                for (x, y) in zip(r.toArray(), values) { #expect(Swift.abs(x - y) <= tol * Swift.max(1, Swift.abs(y))) }
            }
        }
    }

    @Test func productsSplitIntoPanelsStayCorrect() throws {
        // With a tiny panel budget a 100-row product runs as 16-row panels (and transposed A).
        let saved = Tensor.panelFlops.load(ordering: .relaxed)
        Tensor.panelFlops.store(1, ordering: .relaxed)
        defer { Tensor.panelFlops.store(saved, ordering: .relaxed) }
        let a = try Random.rand([100, 30], seed: 1), b = try Random.rand([30, 20], seed: 2)
        for (lhs, f32) in [(a, false), (try a.transpose().contiguous().transpose(), false), (a, true)] {
            let l = f32 ? try lhs.converted(to: .f32) : lhs, r = f32 ? try b.converted(to: .f32) : b
            let c = try Tensor.matmul(l, r)
            for (i, j) in [(0, 0), (99, 19), (55, 7), (16, 3), (17, 4)] {
                var s = 0.0
                for p in 0..<30 { s += try a.element(at: [i, p]) * b.element(at: [p, j]) }
                #expect(Swift.abs(try c.element(at: [i, j]) - s) < (f32 ? 1e-4 : 1e-12) * s)
            }
        }
    }

    @Test func chosenKernelSuitsThisCPU() {
        let name = Tensor.blasCoreName
        print("OpenBLAS core:", name ?? "none")
        #expect(name != nil)
        let userSet = BLAS.shared.map { $0.chosenCoreType == nil }
        if case .success(false) = userSet, CPUFeatures.openBLASCoreType(for: CPUFeatures.flags) == "SKYLAKEX" {
            #expect(name?.lowercased() == "skylakex")
        }
        #expect(CPUFeatures.openBLASCoreType(for: ["avx2", "fma"]) == "HASWELL")
        #expect(CPUFeatures.openBLASCoreType(for: ["sse2"]) == nil)
        #expect(CPUFeatures.parseFlags(" fpu avx512f\tsse2\n") == ["fpu", "avx512f", "sse2"])
    }
}
