import Foundation

/// JSON read into the same `Any` tree as `JSONSerialization` (NSNumber, String, NSNull,
/// [Any], [String: Any]) but with every number correctly rounded: Foundation's
/// `JSONSerialization` on Linux is off by an ulp for some literals (it read numpy's
/// 0.00011991991991991993 as …9199), which would hide or fake last-bit differences in the
/// exactness tests. `JSONDecoder` parses doubles exactly.
enum ExactJSON {
    static func object(from data: Data) throws -> Any {
        try JSONDecoder().decode(Node.self, from: data).value
    }

    private enum Node: Decodable {
        case number(Double), string(String), bool(Bool), null, array([Node]), object([String: Node])

        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() {
                self = .null
            } else if let b = try? c.decode(Bool.self) {
                self = .bool(b)
            } else if let d = try? c.decode(Double.self) {
                self = .number(d)
            } else if let s = try? c.decode(String.self) {
                self = .string(s)
            } else if let a = try? c.decode([Node].self) {
                self = .array(a)
            } else {
                self = .object(try c.decode([String: Node].self))
            }
        }

        var value: Any {
            switch self {
            case .number(let d): return NSNumber(value: d)
            case .string(let s): return s
            case .bool(let b): return NSNumber(value: b)
            case .null: return NSNull()
            case .array(let a): return a.map(\.value)
            case .object(let o): return o.mapValues(\.value)
            }
        }
    }
}
