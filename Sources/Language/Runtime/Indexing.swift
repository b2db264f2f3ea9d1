import Tensor

/// One evaluated item of `base[…]`.
enum IndexArg {
    case index(Int)
    case slice(Int?, Int?, Int?)
    case gather(Tensor)
}

/// A compiled item of `base[…]`: an expression or a slice with optional parts.
enum IndexSpec {
    case expr(Node)
    case slice(Node?, Node?, Node?)

    /// Evaluates the item (an integer, a slice, or an index tensor for gathers).
    func evaluate(_ c: Context) throws(Unwind) -> IndexArg {
        switch self {
        case .expr(let node):
            let v = try node.eval(c)
            switch v {
            case .number(let x): return .index(try integer(x, node.span))
            case .bool(let b): return .index(b ? 1 : 0)
            case .tensor(let box):
                if box.tensor.rank == 0 { return .index(try integer(box.tensor.load(box.tensor.offset), node.span)) }
                return .gather(box.tensor)
            case .list:
                if let t = Conversions.asTensor(v) { return .gather(t) }
            case .range(let r):
                return .slice(r.lower, r.upper, 1)
            default: break
            }
            throw Unwind.error("an index must be an integer, a slice or a tensor of integers, got a \(v.typeName)", node.span)
        case .slice(let a, let b, let s):
            return .slice(try part(a, c), try part(b, c), try part(s, c))
        }
    }

    private func part(_ node: Node?, _ c: Context) throws(Unwind) -> Int? {
        guard let node else { return nil }
        let v = try node.eval(c)
        switch v {
        case .none: return nil
        case .number(let x): return try integer(x, node.span)
        default: throw Unwind.error("a slice bound must be an integer, got a \(v.typeName)", node.span)
        }
    }
}

/// `x` as an exact integer index, or a diagnostic at `span`.
func integer(_ x: Double, _ span: SourceSpan, _ what: String = "index") throws(Unwind) -> Int {
    try engine(span) { () throws(TensorError) in try Shape.integer(x, what) }
}

enum Indexing {
    /// Longest sequence built element by element from a range.
    static let maxMaterialised = 10_000_000

    /// `base[args]` for tensors, lists, strings, ranges and records (`r["name"]`).
    static func get(_ base: Value, _ args: [IndexArg], _ span: SourceSpan) throws(Unwind) -> Value {
        switch base {
        case .tensor(let box):
            let t = box.tensor
            let r = try engine(span) { () throws(TensorError) in try t.subscripted(engineItems(args)) }
            return Conversions.result(r)
        case .list(let items):
            return try sequence(items, args, span, rebuild: { .list($0) })
        case .string(let s):
            let chars = s.map { Value.string(String($0)) }
            return try sequence(chars, args, span, rebuild: { parts in
                .string(parts.map { if case .string(let p) = $0 { return p } else { return "" } }.joined())
            })
        case .range(let r):
            guard args.count == 1 else { throw Unwind.error("a range takes one index, got \(args.count)", span) }
            switch args[0] {
            case .index(let i): return .number(Double(r.lower + (try position(i, r.count, span))))
            case .slice(let a, let b, let s) where (s ?? 1) == 1:
                let n = r.count
                func clamp(_ v: Int?, _ d: Int) -> Int {
                    guard var v else { return d }
                    if v < 0 { v += n }
                    return Swift.min(Swift.max(v, 0), n)
                }
                let lo = clamp(a, 0), hi = clamp(b, n)
                return .range(RangeValue(lower: r.lower + lo, upper: r.lower + Swift.max(lo, hi)))
            default:
                guard r.count <= Indexing.maxMaterialised else {
                    throw Unwind.error("this range is too long to index that way (\(r.count) values)", span)
                }
                let items = (r.lower..<Swift.max(r.lower, r.upper)).map { Value.number(Double($0)) }
                return try sequence(items, args, span, rebuild: { Conversions.listLiteral($0) })
            }
        default:
            throw Unwind.error("cannot index a \(base.typeName)", span)
        }
    }

    /// Index or slice a sequence (lists, strings, ranges) with Python's rules.
    static func sequence(_ items: [Value], _ args: [IndexArg], _ span: SourceSpan, rebuild: ([Value]) -> Value) throws(Unwind) -> Value {
        guard args.count == 1, let arg = args.first else {
            throw Unwind.error("a list takes one index, got \(args.count)", span)
        }
        switch arg {
        case .index(let i):
            return items[try position(i, items.count, span)]
        case .slice(let a, let b, let s):
            let sel = try sliceIndices(a, b, s, items.count, span)
            return rebuild(sel.map { items[$0] })
        case .gather:
            throw Unwind.error("a list cannot be indexed by a tensor", span)
        }
    }

    /// The tensor inside `v`, leaving `none` behind (the box dies with this call, so the
    /// caller holds the only reference to the storage when nothing else shares it).
    @inline(never)
    static func takeTensor(_ v: inout Value) -> Tensor {
        guard case .tensor(let box) = v else { return Tensor(scalar: 0) }
        let t = box.tensor
        v = .none
        return t
    }

    /// The items of a list value, leaving `none` behind; nil (and `v` untouched) otherwise.
    @inline(never)
    static func takeList(_ v: inout Value) -> [Value]? {
        guard case .list(let items) = v else { return nil }
        v = .none
        return items
    }

    /// A possibly negative index checked against `count`.
    static func position(_ i: Int, _ count: Int, _ span: SourceSpan) throws(Unwind) -> Int {
        let j = i < 0 ? i + count : i
        guard j >= 0, j < count else {
            throw Unwind.error("index \(i) is out of bounds for length \(count)", span)
        }
        return j
    }

    /// Positions selected by a slice (Python's clamping).
    static func sliceIndices(_ a: Int?, _ b: Int?, _ s: Int?, _ n: Int, _ span: SourceSpan) throws(Unwind) -> [Int] {
        let step = s ?? 1
        guard step != 0 else { throw Unwind.error("slice step cannot be zero", span) }
        func clamp(_ v: Int?, _ dflt: Int, _ lo: Int, _ hi: Int) -> Int {
            guard var v else { return dflt }
            if v < 0 { v += n }
            return Swift.min(Swift.max(v, lo), hi)
        }
        var out: [Int] = []
        if step > 0 {
            var i = clamp(a, 0, 0, n)
            let end = clamp(b, n, 0, n)
            while i < end { out.append(i); i += step }
        } else {
            var i = clamp(a, n - 1, -1, n - 1)
            let end = clamp(b, -1, -1, n - 1)
            while i > end { out.append(i); i += step }
        }
        return out
    }

    /// Writes `value` into `base[args]` (tensors and lists), keeping value semantics:
    /// `base` is the caller's own copy.
    static func set(_ base: inout Value, _ args: [IndexArg], _ value: Value, _ span: SourceSpan) throws(Unwind) {
        // Decided outside any `switch base`: a switch keeps a copy of its subject alive,
        // which would make the tensor's storage look shared and force a copy.
        if base.tensorValue != nil {
            // Move the tensor out and drop the box, so its storage can be written in place.
            var t = takeTensor(&base)
            let result: Result<Tensor, TensorError>
            do throws(TensorError) {
                switch value {
                case .number(let x): try t.assign(engineItems(args), Tensor(scalar: x))
                case .bool(let b): try t.assign(engineItems(args), Tensor(scalar: b ? 1 : 0))
                default:
                    guard let v = Conversions.asTensor(value) else {
                        throw TensorError.invalidArgument("cannot store a \(value.typeName) in a tensor")
                    }
                    try t.assign(engineItems(args), v)
                }
                result = .success(t)
            } catch {
                result = .failure(error)
            }
            base = Value(t)
            if case .failure(let e) = result { throw Unwind.tensor(e, span) }
            return
        }
        guard var items = takeList(&base) else {
            throw Unwind.error("cannot assign into an index of a \(base.typeName)", span)
        }
        defer { base = .list(items) }
        guard args.count == 1, case .index(let i) = args[0] else {
            throw Unwind.error("list assignment takes one integer index", span)
        }
        items[try position(i, items.count, span)] = value
    }
}

// The engine's `IndexItem` is reached through type inference (the closures below), because
// the language's AST has its own `IndexItem` that shadows it by name.
extension Tensor {
    /// `subscripted` with language index arguments.
    func subscripted(_ args: [IndexArg]) throws(TensorError) -> Tensor {
        try subscripted(args.map { a in
            switch a {
            case .index(let i): return .index(i)
            case .slice(let s, let e, let st): return .slice(start: s, stop: e, step: st)
            case .gather(let t): return .gather(t)
            }
        })
    }

    /// `assign` with language index arguments.
    mutating func assign(_ args: [IndexArg], _ value: Tensor) throws(TensorError) {
        try assign(args.map { a in
            switch a {
            case .index(let i): return .index(i)
            case .slice(let s, let e, let st): return .slice(start: s, stop: e, step: st)
            case .gather(let t): return .gather(t)
            }
        }, value)
    }
}

/// Identity: lets call sites read `t.subscripted(engineItems(args))` uniformly.
@inline(__always) func engineItems(_ args: [IndexArg]) -> [IndexArg] { args }
