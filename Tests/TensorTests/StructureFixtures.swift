import Foundation
@testable import Tensor

/// Reads Fixtures/structure.json (written by Fixtures/gen_structure.py with numpy).
enum StructureFixtures {
    nonisolated(unsafe) static let root: [String: Any] = {
        guard let url = Bundle.module.url(forResource: "structure", withExtension: "json", subdirectory: "Fixtures"),
              let data = try? Data(contentsOf: url),
              let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        return obj
    }()

    static func list(_ key: String) -> [[String: Any]] { root[key] as? [[String: Any]] ?? [] }

    /// Shape and values of a fixture array object.
    static func array(_ obj: Any?) -> (shape: [Int], values: [Double]) {
        let d = obj as? [String: Any] ?? [:]
        return ((d["shape"] as? [Int]) ?? [], (d["values"] as? [Double]) ?? [])
    }

    static func tensor(_ obj: Any?) throws -> Tensor {
        let (s, v) = array(obj)
        return try Tensor(v, shape: s)
    }

    /// Decodes one index item of the fixture format.
    static func item(_ obj: [String: Any]) throws -> IndexItem {
        if let i = obj["i"] as? Int { return .index(i) }
        if let s = obj["s"] as? [Any] {
            return .slice(start: s[0] as? Int, stop: s[1] as? Int, step: s[2] as? Int)
        }
        if obj["n"] != nil { return .newAxis }
        if obj["e"] != nil { return .ellipsis }
        return .gather(try tensor(obj["g"]))
    }
}
