import Tensor

/// How values become text.
///
/// Two forms, as in Python:
/// - **display** (a cell's last expression, `dtr eval`, inside lists and records):
///   strings quoted with escapes, tensors with a `f64[shape]` header (``TensorFormat``);
/// - **print** (`print(…)`, `str(…)`): strings as they are, tensors as their body only.
///
/// Numbers follow ``NumberFormat`` (`3`, `0.1`, `1e-05`); booleans `true`/`false`;
/// lists `[1, "a", none]`; records `{alpha: 4, beta: 0.8}` (one field per line when long);
/// ranges `0..<10`; functions `<fn clamp(x, lo, hi)>`. `none` displays as nothing at the
/// top level (and as `none` inside containers).
extension Value {
    /// The text shown when this value is the result of a cell or `dtr eval` (empty for `none`).
    public func display(width: Int = 80, color: Bool = false) -> String {
        switch self {
        case .none: return ""
        case .tensor(let box): return TensorFormat.display(box.tensor)
        case .object(let o): return o.display(width: width, color: color)
        default: return nested()
        }
    }

    /// The text `print` writes for this value.
    public func printed(width: Int = 80) -> String {
        switch self {
        case .string(let s): return s
        case .none: return "none"
        case .tensor(let box): return TensorFormat.body(box.tensor)
        case .object(let o): return o.display(width: width, color: false)
        default: return nested()
        }
    }

    /// The display of a value inside a list or record (always one line unless a record is long).
    func nested(indent: Int = 0) -> String {
        if indent > 64 {
            switch self {
            case .list: return "[…]"
            case .record: return "{…}"
            default: break
            }
        }
        switch self {
        case .number(let x): return NumberFormat.format(x)
        case .bool(let b): return b ? "true" : "false"
        case .none: return "none"
        case .string(let s): return Value.quoted(s)
        case .tensor(let box):
            let t = box.tensor
            if t.count == 1 || (t.rank == 1 && t.count <= 10) { return TensorFormat.body(t) }
            if t.rank == 1 { return TensorFormat.header(t) + " " + TensorFormat.body(t, summarise: true) }
            return TensorFormat.header(t)
        case .list(let items):
            return "[" + items.map { $0.nested(indent: indent + 1) }.joined(separator: ", ") + "]"
        case .record(let r):
            if r.names.isEmpty { return "{}" }
            let parts = zip(r.names, r.values).map { "\($0): \($1.nested(indent: indent + 1))" }
            let oneLine = "{" + parts.joined(separator: ", ") + "}"
            if oneLine.count + indent <= TensorFormat.lineWidth && !oneLine.contains("\n") { return oneLine }
            return "{" + parts.joined(separator: ",\n" + String(repeating: " ", count: indent + 1)) + "}"
        case .function(let f): return "<fn \(f.code.name)(\(f.code.parameterNames.joined(separator: ", ")))>"
        case .builtin(let b): return "<builtin \(b.name)>"
        case .range(let r): return "\(r.lower)..<\(r.upper)"
        case .object(let o): return "<\(o.typeName)>"
        }
    }

    /// A string literal as dtr would write it: quotes and escapes.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for ch in s.unicodeScalars {
            switch ch {
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out + "\""
    }
}
