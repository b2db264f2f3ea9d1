/// Integer-array indexing (numpy "advanced" indexing with integer arrays): turns an
/// `IndexPlan` into the result shape and the storage offset of every selected element.
extension IndexPlan {
    /// The broadcast of several shapes (numpy rules), or nil when they are incompatible.
    static func broadcastShapes(_ shapes: [[Int]]) -> [Int]? {
        let r = shapes.map(\.count).max() ?? 0
        var out = [Int](repeating: 1, count: r)
        for s in shapes {
            for (i, d) in s.enumerated() {
                let j = r - s.count + i
                if out[j] == 1 { out[j] = d } else if d != 1 && d != out[j] { return nil }
            }
        }
        return out
    }

    /// A read-only view of `t` repeated (stride 0) to `shape`, which must be a broadcast of it.
    static func broadcastView(_ t: Tensor, to shape: [Int]) -> Tensor {
        var st = [Int](repeating: 0, count: shape.count)
        let lead = shape.count - t.rank
        for i in 0..<t.rank where t.shape[i] != 1 || shape[lead + i] == 1 { st[lead + i] = t.strides[i] }
        return Tensor(storage: t.storage, shape: shape, strides: st, offset: t.offset)
    }

    /// Storage offsets (relative to 0) of a view's elements in row-major order.
    static func relativeOffsets(_ view: Tensor, axes: [Int]) -> [Int] {
        let t = Tensor(storage: view.storage, shape: axes.map { view.shape[$0] },
                       strides: axes.map { view.strides[$0] }, offset: 0)
        return t.storageOffsets()
    }
}

extension Tensor {
    /// Result shape and source offsets for a plan with gathers. Index arrays broadcast together
    /// to shape B; B replaces the gathered axes in place when they are adjacent, else it leads.
    static func gatherOffsets(_ plan: IndexPlan) throws(TensorError) -> (shape: [Int], offsets: [Int]) {
        let view = plan.view
        guard let b = IndexPlan.broadcastShapes(plan.gathers.map { $0.indices.shape }) else {
            let shapes = plan.gathers.map { $0.indices.shape }
            throw .shapeMismatch(op: "indexing", lhs: shapes.first ?? [], rhs: shapes.last ?? [])
        }
        let bCount = try Shape.count(b)
        try checkOffsetsFit(bCount)
        var bOffs = [Int](repeating: 0, count: bCount)
        for g in plan.gathers {
            let bound = view.shape[g.axis], stride = view.strides[g.axis]
            let idx = IndexPlan.broadcastView(g.indices, to: b)
            let offs = idx.storageOffsets()
            for k in 0..<bCount {
                let v = idx.load(offs[k])
                guard v.isFinite, v == v.rounded(.towardZero) else {
                    throw .invalidArgument("index \(v) on axis \(g.sourceAxis) is not an integer: a float index tensor must hold whole positions (to select where a condition holds, index with a bool mask such as x[x > 0], or use where)")
                }
                guard Swift.abs(v) < 9.2e18 else {
                    throw .invalidArgument("index \(v) is out of bounds for axis \(g.sourceAxis) with size \(bound)")
                }
                bOffs[k] &+= try normalise(Int(v), axis: g.sourceAxis, bound: bound) &* stride
            }
        }
        let gAxes = plan.gathers.map(\.axis)
        let adjacent = zip(gAxes, gAxes.dropFirst()).allSatisfy { $1 == $0 + 1 }
        let rest = (0..<view.rank).filter { !gAxes.contains($0) }
        let aAxes = adjacent ? rest.filter { $0 < gAxes[0] } : []
        let cAxes = adjacent ? rest.filter { $0 > gAxes[0] } : rest
        let shape = aAxes.map { view.shape[$0] } + b + cAxes.map { view.shape[$0] }
        let n = try Shape.count(shape)
        try checkOffsetsFit(n)
        let aOffs = IndexPlan.relativeOffsets(view, axes: aAxes)
        let cOffs = IndexPlan.relativeOffsets(view, axes: cAxes)
        var out = [Int]()
        out.reserveCapacity(n)
        if n == 0 { return (shape, out) }
        for a in aOffs {
            for bo in bOffs {
                let base = view.offset &+ a &+ bo
                for c in cOffs { out.append(base &+ c) }
                if out.count % Interrupt.chunkElements < cOffs.count { try Interrupt.check() }
            }
        }
        return (shape, out)
    }

    /// Throws `.tooLarge` when `count` offsets (8 bytes each) would exceed the memory cap.
    static func checkOffsetsFit(_ count: Int) throws(TensorError) {
        let (bytes, o) = count.multipliedReportingOverflow(by: 8)
        guard !o, bytes <= Limits.maxBytes else { throw .tooLarge(bytes: o ? Int.max : bytes, limit: Limits.maxBytes) }
    }
}
