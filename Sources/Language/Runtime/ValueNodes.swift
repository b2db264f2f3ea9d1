import Tensor

/// `[a, b, c]` (see ``Conversions/listLiteral(_:)``).
final class ListNode: Node {
    let items: [Node]
    init(_ items: [Node], span: SourceSpan) {
        self.items = items
        super.init(span: span)
    }
    override func eval(_ c: Context) throws(Unwind) -> Value {
        var values: [Value] = []
        values.reserveCapacity(items.count)
        for item in items { values.append(try item.eval(c)) }
        return Conversions.listLiteral(values)
    }
}

/// `{name: value, …}`.
final class RecordNode: Node {
    let names: [String]
    let values: [Node]
    init(names: [String], values: [Node], span: SourceSpan) {
        self.names = names
        self.values = values
        super.init(span: span)
    }
    override func eval(_ c: Context) throws(Unwind) -> Value {
        var r = Record()
        for i in 0..<names.count { r[names[i]] = try values[i].eval(c) }
        return .record(r)
    }
}

/// `base.name`.
final class FieldNode: Node {
    let base: Node
    let name: String
    init(_ base: Node, name: String, span: SourceSpan) {
        self.base = base
        self.name = name
        super.init(span: span)
    }
    override func eval(_ c: Context) throws(Unwind) -> Value {
        try Fields.get(try base.eval(c), name, span)
    }
}

enum Fields {
    /// `value.name`: record fields; an unknown field suggests the closest one.
    static func get(_ value: Value, _ name: String, _ span: SourceSpan) throws(Unwind) -> Value {
        if case .tensor(let box) = value { return try TensorProperties.get(box, name, span) }
        guard case .record(let r) = value else {
            throw Unwind.error("a \(value.typeName) has no fields (looking for .\(name))", span)
        }
        if let v = r[name] { return v }
        let hint = Suggestions.closest(to: name, among: r.names).map(Diagnostic.didYouMean)
        let known = r.names.isEmpty ? "the record has no fields" : "fields: " + r.names.joined(separator: ", ")
        throw Unwind.error("the record has no field \"\(name)\"", span, suggestion: hint, notes: [.init(known)])
    }
}

/// `base[items]`.
final class IndexNode: Node {
    let base: Node
    let items: [IndexSpec]
    init(_ base: Node, items: [IndexSpec], span: SourceSpan) {
        self.base = base
        self.items = items
        super.init(span: span)
    }
    override func eval(_ c: Context) throws(Unwind) -> Value {
        let b = try base.eval(c)
        if case .record = b, items.count == 1, case .expr(let e) = items[0] {
            let key = try e.eval(c)
            guard case .string(let name) = key else {
                throw Unwind.error("a record is indexed by a field name string, got a \(key.typeName)", e.span)
            }
            return try Fields.get(b, name, span)
        }
        var args: [IndexArg] = []
        args.reserveCapacity(items.count)
        for item in items { args.append(try item.evaluate(c)) }
        return try Indexing.get(b, args, span)
    }
}

/// `lower ..< upper` / `lower ... upper`: integer ranges.
final class RangeNode: Node {
    let lower: Node, upper: Node
    let inclusive: Bool
    init(_ lower: Node, _ upper: Node, inclusive: Bool, span: SourceSpan) {
        self.lower = lower
        self.upper = upper
        self.inclusive = inclusive
        super.init(span: span)
    }
    override func eval(_ c: Context) throws(Unwind) -> Value {
        let lo = try bound(try lower.eval(c), lower.span)
        let hi = try bound(try upper.eval(c), upper.span)
        return .range(RangeValue(lower: lo, upper: inclusive ? hi + 1 : hi))
    }
    private func bound(_ v: Value, _ span: SourceSpan) throws(Unwind) -> Int {
        if case .number(let x) = v { return try integer(x, span, "range bound") }
        if case .tensor(let b) = v, let x = b.tensor.scalarValue { return try integer(x, span, "range bound") }
        throw Unwind.error("a range bound must be an integer, got a \(v.typeName)", span)
    }
}
