import Foundation
import Testing
import Tensor

/// The numpy reference values written by Fixtures/gen_fixtures.py.
enum Fixtures {
    typealias Record = [String: Any]

    /// The whole fixture file, parsed once (exactly: see `ExactJSON`).
    nonisolated(unsafe) static let root: Record = {
        guard let url = Bundle.module.url(forResource: "diffusion_fixtures", withExtension: "json", subdirectory: "Fixtures"),
              let data = try? Data(contentsOf: url),
              let obj = try? ExactJSON.object(from: data) as? Record
        else { return [:] }
        return obj
    }()

    /// The records of one section ("schedules", "masks", …).
    static func section(_ name: String) -> [Record] {
        root[name] as? [Record] ?? []
    }
}

/// A JSON number or one of the strings "inf", "-inf", "nan".
func number(_ v: Any?) -> Double {
    if let d = v as? Double { return d }
    if let n = v as? NSNumber { return n.doubleValue }
    switch v as? String {
    case "inf": return .infinity
    case "-inf": return -.infinity
    default: return .nan
    }
}

func numbers(_ v: Any?) -> [Double] {
    (v as? [Any] ?? []).map(number)
}

func int(_ v: Any?) -> Int {
    (v as? NSNumber)?.intValue ?? -1
}

/// nil for JSON null.
func optionalNumber(_ v: Any?) -> Double? {
    v is NSNull || v == nil ? nil : number(v)
}

/// Whether `a` and `b` agree to `rel` relative error (equal infinities and NaNs agree too).
func close(_ a: Double, _ b: Double, rel: Double = 1e-12) -> Bool {
    if a == b || (a.isNaN && b.isNaN) { return true }
    return abs(a - b) <= rel * max(abs(a), abs(b))
}

/// Expects element-wise agreement and reports the first mismatch with its index.
func expectClose(_ got: [Double], _ want: [Double], _ what: String, rel: Double = 1e-12,
                 sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(got.count == want.count, "\(what): \(got.count) values, expected \(want.count)", sourceLocation: sourceLocation)
    guard got.count == want.count else { return }
    for i in got.indices where !close(got[i], want[i], rel: rel) {
        Issue.record("\(what)[\(i)] = \(got[i]), expected \(want[i])", sourceLocation: sourceLocation)
        return
    }
}

/// The message of a thrown TensorError.invalidArgument, or nil.
func invalidMessage(_ body: () throws -> Void) -> String? {
    do { try body() } catch let e as TensorError {
        if case let .invalidArgument(m) = e { return m }
        return e.description
    } catch { return "\(error)" }
    return nil
}
