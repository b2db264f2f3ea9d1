import Foundation
import Testing
@testable import Language
import Tensor

/// dtr agrees with numpy on ≥ 2,000 random programs (SPEC §4 "Numpy habits"): broadcasting,
/// slicing with negative steps, integer and boolean indexing (read and assign), reductions
/// with axis/keepdims, comparisons, where, concat/stack, reshape/transpose, matmul shapes,
/// floor division and modulo of negative numbers, and dtype promotion. The programs and
/// numpy's answers come from `NumpyFixtures/gen_numpy_programs.py` (run by hand, committed).
///
/// Agreement: the same shape and dtype, values exact (`ulps: 0`) or within the stated ulps
/// (`**`: 1 ulp, numpy may use a vectorised pow), and an error exactly where numpy raises.
struct NumpyAgreementTests {
    struct Program: Decodable {
        let src: String
        let kind: String
        let ulps: Int
        let error: Bool
        let shape: [Int]?
        let dtype: String?
        let values: [Number]?
        let list: [Expected]?
    }
    struct Expected: Decodable {
        let shape: [Int]
        let dtype: String
        let values: [Number]
    }
    /// A JSON number, or "nan" / "inf" / "-inf".
    struct Number: Decodable {
        let value: Double
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let d = try? c.decode(Double.self) { value = d; return }
            switch try c.decode(String.self) {
            case "nan": value = .nan
            case "inf": value = .infinity
            case "-inf": value = -.infinity
            case let s: throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a number: \(s)")
            }
        }
    }
    struct Fixture: Decodable { let programs: [Program] }

    static func load() throws -> [Program] {
        let url = try #require(Bundle.module.url(forResource: "NumpyFixtures/numpy_programs", withExtension: "json"))
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url)).programs
    }

    /// Distance in units in the last place of `dtype` (0 when bit-equal or both nan).
    static func ulps(_ a: Double, _ b: Double, f32: Bool) -> Int {
        if a.isNaN && b.isNaN { return 0 }
        if a == b { return 0 }
        if a.isNaN || b.isNaN || a.isInfinite || b.isInfinite { return Int.max }
        if f32 {
            let x = Float(a), y = Float(b)
            func key(_ f: Float) -> Int64 { let u = Int64(Int32(bitPattern: f.bitPattern)); return u < 0 ? Int64(Int32.min) - u : u }
            return Int(Swift.min(Swift.abs(key(x) - key(y)), Int64(Int.max)))
        }
        func key(_ d: Double) -> Int64 { let u = Int64(bitPattern: d.bitPattern); return u < 0 ? Int64.min - u : u }
        let (diff, o) = key(a).subtractingReportingOverflow(key(b))
        return o ? Int.max : Int(diff.magnitude > UInt64(Int.max) ? UInt64(Int.max) : diff.magnitude)
    }

    /// Why `v` differs from `e`, or nil when it agrees.
    static func mismatch(_ v: Value, shape: [Int], dtype: String, values: [Double], ulps bound: Int) -> String? {
        var gotShape: [Int] = [], gotValues: [Double] = [], gotDtype = "f64"
        switch v {
        case .number(let x): gotValues = [x]
        case .bool(let b): gotValues = [b ? 1 : 0]; gotDtype = "bool"
        case .tensor(let box):
            gotShape = box.tensor.shape; gotValues = box.tensor.toArray(); gotDtype = box.tensor.dtype.rawValue
        default: return "a \(v.typeName), not a tensor or number"
        }
        if gotShape != shape { return "shape \(gotShape), numpy \(shape)" }
        // 0-d results are dtr numbers (f64) or booleans; their values are compared in numpy's dtype.
        if !shape.isEmpty, gotDtype != dtype { return "dtype \(gotDtype), numpy \(dtype)" }
        if shape.isEmpty, (dtype == "bool") != (gotDtype == "bool") { return "a \(gotDtype) scalar, numpy \(dtype)" }
        for (k, (g, e)) in zip(gotValues, values).enumerated() where Self.ulps(g, e, f32: dtype == "f32") > bound {
            return "element \(k): \(g), numpy \(e)"
        }
        return nil
    }

    @Test func thereAreAtLeast2000Programs() throws {
        #expect(try Self.load().count >= 2000)
    }

    @Test func dtrAgreesWithNumpyOnEveryProgram() throws {
        let programs = try Self.load()
        let session = Session(options: SessionOptions(root: FileManager.default.currentDirectoryPath), output: CapturedOutput())
        var agree = 0
        var failures: [String] = []
        for (i, p) in programs.enumerated() {
            session.set("r", .none)
            let outcome = session.run(p.src, name: "numpy#\(i)")
            let problem: String?
            if p.error {
                problem = outcome.diagnostics.isEmpty ? "numpy raises an error, dtr gave \(session.value(of: "r").map { session.displayText(of: $0) } ?? "nothing")" : nil
            } else if let d = outcome.diagnostics.first {
                problem = "numpy succeeds, dtr failed: \(d.message)"
            } else if let r = session.value(of: "r") {
                if let list = p.list {
                    if case .list(let items) = r, items.count == list.count {
                        problem = zip(items, list).lazy.compactMap {
                            Self.mismatch($0, shape: $1.shape, dtype: $1.dtype, values: $1.values.map(\.value), ulps: p.ulps)
                        }.first
                    } else {
                        problem = "expected a list of \(list.count) index tensors, got \(session.displayText(of: r))"
                    }
                } else {
                    problem = Self.mismatch(r, shape: p.shape ?? [], dtype: p.dtype ?? "f64",
                                            values: (p.values ?? []).map(\.value), ulps: p.ulps)
                }
            } else {
                problem = "no result"
            }
            if let problem { failures.append("#\(i) [\(p.kind)] \(problem)\n  \(p.src.replacingOccurrences(of: "\n", with: "\n  "))") }
            else { agree += 1 }
        }
        print("numpy agreement: \(agree) of \(programs.count) programs agree")
        #expect(failures.isEmpty, "\(failures.count) of \(programs.count) disagree:\n\(failures.prefix(40).joined(separator: "\n"))")
    }
}
