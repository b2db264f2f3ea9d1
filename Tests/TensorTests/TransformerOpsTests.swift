import Foundation
import Testing
@testable import Tensor

/// The engine pieces of the tiny DiT (SPEC §5 "A tiny DiT"): layer_norm and its gradient,
/// the attention pattern's gradients (batched 4-D matmul with broadcast batch axes, softmax
/// along an axis, transpose and reshape), eigh and frechet_distance against numpy/scipy
/// (Fixtures/gen_frechet.py).
@Suite struct TransformerOpsTests {
    typealias V = Variable

    nonisolated(unsafe) static let fixture: [String: Any] = {
        guard let url = Bundle.module.url(forResource: "frechet", withExtension: "json", subdirectory: "Fixtures"),
              let data = try? Data(contentsOf: url),
              let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        return obj
    }()

    static func matrix(_ key: String) throws -> Tensor {
        let rows = try #require(fixture[key] as? [[Double]], "frechet.json lacks \(key)")
        return try Tensor(rows.flatMap { $0 }, shape: [rows.count, rows.first?.count ?? 0])
    }

    @Test func layerNormNormalisesTheLastAxis() throws {
        let x = try Tensor([1, 2, 3, 4, 10, 10, 10, 10], shape: [2, 4])
        let y = try Tensor.layerNorm(x, eps: 0).toArray()
        let s = 1 / 1.25.squareRoot()
        for (a, b) in zip(y, [-1.5 * s, -0.5 * s, 0.5 * s, 1.5 * s]) { #expect(abs(a - b) < 1e-12) }
        // A constant row is 0 with eps > 0 (and 0/0 = NaN with eps = 0, as torch).
        #expect(try Tensor.layerNorm(x, eps: 1e-6).toArray()[4...] == [0, 0, 0, 0])
        let f = try Tensor.layerNorm(x.converted(to: .f32), eps: 1e-6)
        #expect(f.dtype == .f32)
        #expect(throws: TensorError.self) { try Tensor.layerNorm(Tensor(scalar: 1), eps: 0) }
    }

    @Test func layerNormGradientMatchesFiniteDifferences() throws {
        let x = try GradCheck.sample([3, 2, 6], seed: 301, scale: 2, shift: 0.5)
        try GradCheck.expectMatches([x], "layer_norm") { v in try V.layerNorm(v[0], eps: 1e-6) }
        try GradCheck.expectMatches([x], "layer_norm of a transposed view") { v in
            try V.layerNorm(v[0].transpose(axes: [2, 1, 0]), eps: 1e-5)
        }
    }

    /// softmax(q·kᵀ/√d)·v per head, with heads split by reshape and transpose, as dit_attention.
    @Test func attentionGradientsMatchFiniteDifferences() throws {
        let x = try GradCheck.sample([2, 3, 8], seed: 302)            // n × tokens × C
        let w = try GradCheck.sample([8, 24], seed: 303, scale: 0.4)  // C × 3C
        try GradCheck.expectMatches([x, w], "attention") { v in
            let qkv = try V.matmul(v[0].reshape([6, 8]), v[1]).reshape([2, 3, 3, 2, 4]).transpose(axes: [2, 0, 3, 1, 4])
            func part(_ i: Int) throws -> V { try qkv.subscripted([.index(i)]) }
            let scores = try V.binary(.mul, V.matmul(part(0), part(1).transpose(axes: [0, 1, 3, 2])), 0.5)
            let att = try V.softmax(scores, axis: -1)
            return try V.matmul(att, part(2)).transpose(axes: [0, 2, 1, 3]).reshape([2, 3, 8])
        }
    }

    @Test func batchedMatmulBroadcastsBatchAxesWithGradients() throws {
        let a = try GradCheck.sample([2, 3, 4, 5], seed: 304), b = try GradCheck.sample([3, 5, 2], seed: 305)
        try GradCheck.expectMatches([a, b], "[2,3,4,5] @ [3,5,2]") { v in try V.matmul(v[0], v[1]) }
        let c = try GradCheck.sample([1, 3, 4, 5], seed: 306), d = try GradCheck.sample([2, 1, 5, 2], seed: 307)
        try GradCheck.expectMatches([c, d], "[1,3,4,5] @ [2,1,5,2]") { v in try V.matmul(v[0], v[1]) }
    }

    @Test func eighMatchesNumpy() throws {
        let a = try Self.matrix("sym")
        let (w, v) = try Tensor.eigh(a)
        let expected = try #require(Self.fixture["values"] as? [Double])
        for (p, q) in zip(w.toArray(), expected) { #expect(abs(p - q) < 1e-12) }
        // a·v = v·diag(w), and vᵀv = I (eigenvectors are unique only up to sign).
        let av = try Tensor.matmul(a, v).toArray(), vv = v.toArray(), ww = w.toArray()
        for i in 0..<5 { for j in 0..<5 { #expect(abs(av[i * 5 + j] - vv[i * 5 + j] * ww[j]) < 1e-12) } }
        let gram = try Tensor.matmul(v.transpose(axes: [1, 0]), v).toArray()
        for i in 0..<5 { for j in 0..<5 { #expect(abs(gram[i * 5 + j] - (i == j ? 1 : 0)) < 1e-12) } }
        #expect(throws: TensorError.self) { try Tensor.eigh(Tensor.zeros([2, 3])) }
    }

    @Test func frechetDistanceMatchesScipy() throws {
        let fd = try Tensor.frechetDistance(Self.matrix("a"), Self.matrix("b"))
        let expected = try #require(Self.fixture["fd"] as? Double)
        #expect(abs(fd - expected) < 1e-9 * expected)
        // 1-D: (μ_a − μ_b)² + (σ_a − σ_b)² exactly.
        let x = try Tensor([0, 2], shape: [2, 1]), y = try Tensor([1, 7], shape: [2, 1])
        #expect(abs(try Tensor.frechetDistance(x, y) - (9 + pow(2.0.squareRoot() - 18.0.squareRoot(), 2))) < 1e-12)
        #expect(abs(try Tensor.frechetDistance(Self.matrix("a"), Self.matrix("a"))) < 1e-9)
        #expect(throws: TensorError.self) { try Tensor.frechetDistance(Tensor.zeros([1, 2]), Tensor.zeros([3, 2])) }
    }
}
