import Foundation
import Testing
@testable import Tensor

/// Every compute op compared with numpy's results on the inputs of Fixtures/gen_ops.py
/// (NaN, ±inf, -0.0, ties, half-way values): ≤ 1e-12 relative for f64, 2e-6 for f32.
struct OpsFixture: Decodable {
    struct Array: Decodable {
        let shape: [Int]
        let data: [String]
        var values: [Double] { data.map { Double($0) ?? .nan } }
        func tensor(_ dtype: DType) throws -> Tensor { try Tensor(values, shape: shape, dtype: dtype) }
    }
    struct Case: Decodable, CustomStringConvertible {
        let kind: String, op: String, dtype: String
        let inputs: [Array]
        let out: Array
        let axis: Int?
        let keepdims: Bool?
        let ddof: Int?
        let scalar: String?
        var description: String {
            "\(kind) \(op) \(dtype) \(inputs.map { Shape.describe($0.shape) }) axis \(axis.map(String.init) ?? "nil")"
                + (scalar.map { " scalar \($0)" } ?? "")
        }
    }
    let cases: [Case]

    static let loaded: OpsFixture? = {
        guard let url = Bundle.module.url(forResource: "ops", withExtension: "json", subdirectory: "Fixtures"),
              let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode(OpsFixture.self, from: data)
    }()

    static func cases(_ kind: String) -> [Case] { loaded?.cases.filter { $0.kind == kind } ?? [] }
}

/// Runs one fixture case through the engine.
func evaluate(_ c: OpsFixture.Case) throws -> Tensor {
    let dtype = DType(rawValue: c.dtype) ?? .f64
    let x = try c.inputs[0].tensor(dtype)
    switch c.kind {
    case "unary":
        return try Tensor.unary(UnaryOp(rawValue: c.op) ?? .neg, x)
    case "binary":
        let op = BinaryOp(rawValue: c.op) ?? .add
        if c.scalar == "right" { return try Tensor.binary(op, x, c.inputs[1].values[0]) }
        let y = try c.inputs[1].tensor(dtype)
        if c.scalar == "left" { return try Tensor.binary(op, c.inputs[0].values[0], y) }
        return try Tensor.binary(op, x, y)
    case "reduce":
        return try Tensor.reduce(ReduceOp(rawValue: c.op) ?? .sum, x, axis: c.axis, keepdims: c.keepdims ?? false,
                                 ddof: c.ddof ?? 0)
    case "scan":
        return try Tensor.scan(ScanOp(rawValue: c.op) ?? .cumsum, x, axis: c.axis)
    case "sort":
        return c.op == "sort" ? try Tensor.sort(x, axis: c.axis ?? -1) : try Tensor.argsort(x, axis: c.axis ?? -1)
    case "softmax":
        return try Tensor.softmax(x, axis: c.axis ?? -1)
    case "norm":
        return try Tensor.norm(x, axis: c.axis)
    case "outer":
        return try Tensor.outer(x, try c.inputs[1].tensor(dtype))
    case "where":
        return try Tensor.where(x, try c.inputs[1].tensor(dtype), try c.inputs[2].tensor(dtype))
    case "clip":
        return try Tensor.clip(x, c.inputs[1].values[0], c.inputs[2].values[0])
    default:
        throw TensorError.invalidArgument("unknown fixture kind \(c.kind)")
    }
}

/// Whether `got` matches numpy's `want`: NaN with NaN, infinities exactly, else within `rtol`.
func close(_ got: Double, _ want: Double, rtol: Double, atol: Double) -> Bool {
    if want.isNaN { return got.isNaN }
    if want.isInfinite { return got == want }
    return Swift.abs(got - want) <= rtol * Swift.abs(want) + atol
}

func mismatches(_ c: OpsFixture.Case, _ got: Tensor) -> [String] {
    if got.shape != c.out.shape { return ["shape \(Shape.describe(got.shape)) != \(Shape.describe(c.out.shape))"] }
    let f32 = c.dtype == "f32"
    let rtol = f32 ? 2e-6 : 1e-12, atol = f32 ? 1e-37 : 1e-300
    let g = got.toArray(), w = c.out.values
    var bad: [String] = []
    for i in 0..<w.count where !close(g[i], w[i], rtol: rtol, atol: atol) {
        bad.append("[\(i)] got \(g[i]) want \(w[i]) input \(c.inputs.map { $0.values.count > i ? $0.values[i] : $0.values.first ?? .nan })")
    }
    return bad
}

@Suite struct OpsFixtureTests {
    @Test func fixtureLoads() {
        #expect((OpsFixture.loaded?.cases.count ?? 0) > 500)
    }

    @Test(arguments: ["unary", "binary", "reduce", "scan", "sort", "softmax", "norm", "outer", "where", "clip"])
    func matchesNumpy(kind: String) throws {
        let cases = OpsFixture.cases(kind)
        #expect(!cases.isEmpty)
        for c in cases {
            let got = try evaluate(c)
            let bad = mismatches(c, got)
            #expect(bad.isEmpty, "\(c): \(bad.prefix(4).joined(separator: "; "))")
        }
    }
}
