/// One entry of an index expression `x[a, b, …]`, following numpy's rules.
public enum IndexItem: Sendable, ExpressibleByIntegerLiteral {
    /// A single position; drops the axis. Negative values count from the end.
    case index(Int)
    /// `start:stop:step` with numpy's defaults and clamping; keeps the axis (a view).
    case slice(start: Int?, stop: Int?, step: Int?)
    /// `:` — the whole axis.
    case all
    /// A tensor of integer-valued indices picking positions along the axis (numpy's integer
    /// array indexing): `m[idx]` with `m` of shape (T, C) and `idx` of shape (B,) is (B, C).
    case gather(Tensor)
    /// `None`/`newaxis`: inserts an axis of size 1.
    case newAxis
    /// `...`: as many `:` as needed (at most one per expression).
    case ellipsis

    public init(integerLiteral value: Int) { self = .index(value) }
}

/// A basic-indexing view plus the gather items that still have to be applied to it.
struct IndexPlan {
    var view: Tensor
    /// (axis in `view`, axis in the original tensor, integer index tensor).
    var gathers: [(axis: Int, sourceAxis: Int, indices: Tensor)]
}

extension Tensor {
    /// The elements selected by `items` (numpy basic indexing plus integer-array gather).
    /// Integers drop their axis, slices keep it; missing trailing items mean `:`. Without a
    /// `.gather` the result is a view sharing storage; with one it is a new tensor.
    /// Errors: `.indexOutOfBounds` for positions outside an axis, `.invalidArgument` for too
    /// many indices, a zero step or non-integral gather values.
    public func subscripted(_ items: [IndexItem]) throws(TensorError) -> Tensor {
        let plan = try indexPlan(items)
        if plan.gathers.isEmpty { return plan.view }
        let (shape, offsets) = try Tensor.gatherOffsets(plan)
        let out = try Tensor(uninitialized: shape, dtype: dtype)
        switch dtype {
        case .f64:
            let src = storage.f64, dst = out.storage.f64
            for k in 0..<offsets.count { dst[k] = src[offsets[k]] }
        case .f32:
            let src = storage.f32, dst = out.storage.f32
            for k in 0..<offsets.count { dst[k] = src[offsets[k]] }
        case .bool:
            let src = storage.u8, dst = out.storage.u8
            for k in 0..<offsets.count { dst[k] = src[offsets[k]] }
        }
        return out
    }

    /// The element at a full multi-index (negative positions count from the end).
    public func element(at index: [Int]) throws(TensorError) -> Double {
        guard index.count == rank else {
            throw .invalidArgument("element(at:) needs \(rank) indices for a tensor of shape \(Shape.describe(shape)), got \(index.count)")
        }
        var o = offset
        for (axis, i) in index.enumerated() {
            o &+= try Tensor.normalise(i, axis: axis, bound: shape[axis]) &* strides[axis]
        }
        return load(o)
    }

    /// A position checked against `bound`, negative values counted from the end.
    static func normalise(_ i: Int, axis: Int, bound: Int) throws(TensorError) -> Int {
        let j = i < 0 ? i &+ bound : i
        guard j >= 0, j < bound else { throw .indexOutOfBounds(axis: axis, index: i, bound: bound) }
        return j
    }

    /// Start and count of a slice along an axis of size `n`, with numpy's clamping.
    static func sliceBounds(_ start: Int?, _ stop: Int?, _ step: Int?, n: Int) throws(TensorError) -> (start: Int, count: Int, step: Int) {
        let step = step ?? 1
        guard step != 0 else { throw .invalidArgument("slice step cannot be zero") }
        guard step != Int.min else { throw .invalidArgument("slice step \(step) is too large") }
        func clamp(_ v: Int, _ lo: Int, _ hi: Int) -> Int { Swift.min(Swift.max(v, lo), hi) }
        func wrap(_ v: Int) -> Int { v < 0 ? (v < -n ? -1 : v + n) : v }
        if step > 0 {
            let s = clamp(wrap(start ?? 0), 0, n)
            let e = clamp(wrap(stop ?? n), 0, n)
            return (s, e > s ? (e - s - 1) / step + 1 : 0, step)
        }
        let s = clamp(wrap(start ?? n - 1), -1, n - 1)
        let e = stop.map { clamp(wrap($0), -1, n - 1) } ?? -1
        return (s, s > e ? (s - e - 1) / (-step) + 1 : 0, step)
    }

    /// Applies integers, slices and new axes as a view; gather axes stay whole for later.
    func indexPlan(_ items: [IndexItem]) throws(TensorError) -> IndexPlan {
        let items = try expandingMasks(items)
        var consumed = 0, ellipses = 0
        var hasGather = false
        for it in items {
            switch it {
            case .newAxis: break
            case .ellipsis: ellipses += 1
            case .gather: hasGather = true; consumed += 1
            default: consumed += 1
            }
        }
        guard ellipses <= 1 else { throw .invalidArgument("an index can only have a single ellipsis (...)") }
        guard consumed <= rank else {
            throw .invalidArgument("too many indices for a tensor of rank \(rank): \(consumed) were given")
        }
        var expanded: [IndexItem] = []
        for it in items {
            if case .ellipsis = it {
                expanded += [IndexItem](repeating: .all, count: rank - consumed)
            } else if hasGather, case let .index(i) = it {
                // numpy treats integers as 0-d index arrays once any array index is present.
                expanded.append(.gather(Tensor(scalar: Double(i))))
            } else {
                expanded.append(it)
            }
        }
        var s: [Int] = [], st: [Int] = []
        var off = offset, src = 0
        var gathers: [(axis: Int, sourceAxis: Int, indices: Tensor)] = []
        for it in expanded {
            switch it {
            case let .index(i):
                off &+= try Tensor.normalise(i, axis: src, bound: shape[src]) &* strides[src]
                src += 1
            case let .slice(start, stop, step):
                let b = try Tensor.sliceBounds(start, stop, step, n: shape[src])
                if b.count > 0 { off &+= b.start &* strides[src] }
                s.append(b.count); st.append(strides[src] &* b.step)
                src += 1
            case .all:
                s.append(shape[src]); st.append(strides[src]); src += 1
            case let .gather(t):
                gathers.append((s.count, src, t))
                s.append(shape[src]); st.append(strides[src]); src += 1
            case .newAxis:
                s.append(1); st.append(0)
            case .ellipsis:
                break
            }
        }
        while src < rank { s.append(shape[src]); st.append(strides[src]); src += 1 }
        return IndexPlan(view: Tensor(storage: storage, shape: s, strides: st, offset: off), gathers: gathers)
    }
}
