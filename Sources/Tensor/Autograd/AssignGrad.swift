/// Differentiable index assignment, as a functional update: `x.assigning(items, v)` is `x`
/// with the selected elements replaced by `v` (broadcast), the value a language-level
/// `y[i] = v` gives `y` under `grad`.
/// - x̄ = g with the selected positions zeroed (they no longer depend on x)
/// - v̄ = g at the selected positions, summed back over v's broadcast axes; with repeated gather
///   indices only the last write of a position (the one that is kept) receives its gradient.
extension Variable {
    /// A copy of this value with `value` written at `items` (see `Tensor.assign`).
    public func assigning(_ items: [IndexItem], _ value: Variable) throws(TensorError) -> Variable {
        var out = self.value
        try out.assign(items, value.value)
        let xv = self.value, vv = value.value
        return try Variable.make(out, [self, value]) { g, needs throws(TensorError) in
            let base = try Tensor.zeros(xv.shape, dtype: xv.dtype)
            let plan = try base.indexPlan(items)
            let (selShape, offsets) = plan.gathers.isEmpty
                ? (plan.view.shape, plan.view.storageOffsets()) : try Tensor.gatherOffsets(plan)
            let gd = try Tensor.dense(g.converted(to: xv.dtype))
            var gx: Tensor? = nil, gv: Tensor? = nil
            if needs[0] {
                let t = try gd.contiguousCopy()
                switch t.dtype {
                case .f64: for o in offsets { t.storage.f64[o] = 0 }
                case .f32: for o in offsets { t.storage.f32[o] = 0 }
                case .bool: for o in offsets { t.storage.u8[o] = 0 }
                }
                gx = t
            }
            if needs[1] {
                // Later writes win: walk backwards and keep the first occurrence of each position.
                var seen = Set<Int>()
                var picked = [Double](repeating: 0, count: offsets.count)
                for k in stride(from: offsets.count - 1, through: 0, by: -1) where seen.insert(offsets[k]).inserted {
                    picked[k] = gd.load(offsets[k])
                }
                let sel = try Tensor(picked, shape: selShape, dtype: xv.dtype)
                var vshape = vv.shape
                while vshape.count > selShape.count, vshape.first == 1 { vshape.removeFirst() }
                gv = try Tensor.unbroadcast(sel, to: vshape, dtype: vv.dtype).reshape(vv.shape)
            }
            return [gx, gv]
        }
    }
}
