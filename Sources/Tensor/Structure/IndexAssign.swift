/// Index assignment `x[items] = value` with copy-on-write.
extension Tensor {
    /// Writes `value` into the elements selected by `items` (same selection rules as
    /// `subscripted`). `value` is broadcast to the selected shape (numpy rules) and converted to
    /// this tensor's dtype; other tensors sharing the storage are not affected (copy-on-write).
    /// With repeated gather indices the last write wins.
    public mutating func assign(_ items: [IndexItem], _ value: Tensor) throws(TensorError) {
        try makeUnique()
        let plan = try indexPlan(items)
        let shape: [Int], offsets: [Int]
        if plan.gathers.isEmpty {
            shape = plan.view.shape
            offsets = plan.view.storageOffsets()
        } else {
            (shape, offsets) = try Tensor.gatherOffsets(plan)
        }
        var vshape = value.shape
        while vshape.count > shape.count, vshape.first == 1 { vshape.removeFirst() }
        guard vshape.count <= shape.count,
              let b = IndexPlan.broadcastShapes([vshape, shape]), b == shape else {
            throw .shapeMismatch(op: "index assignment", lhs: shape, rhs: value.shape)
        }
        if value.dtype != dtype, value.dtype == .bool || dtype == .bool {
            return try assign(items, value.converted(to: dtype))
        }
        let squeezed = Tensor(storage: value.storage, shape: vshape,
                              strides: Array(value.strides.suffix(vshape.count)), offset: value.offset)
        let src = IndexPlan.broadcastView(squeezed, to: shape)
        let srcOffs = src.storageOffsets()
        let n = offsets.count
        switch (dtype, value.dtype) {
        case (.f64, .f64):
            let d = storage.f64, s = value.storage.f64
            for k in 0..<n { d[offsets[k]] = s[srcOffs[k]] }
        case (.f32, .f32):
            let d = storage.f32, s = value.storage.f32
            for k in 0..<n { d[offsets[k]] = s[srcOffs[k]] }
        case (.f64, .f32):
            let d = storage.f64, s = value.storage.f32
            for k in 0..<n { d[offsets[k]] = Double(s[srcOffs[k]]) }
        case (.f32, .f64):
            let d = storage.f32, s = value.storage.f64
            for k in 0..<n { d[offsets[k]] = Float(s[srcOffs[k]]) }
        case (.bool, .bool):
            let d = storage.u8, s = value.storage.u8
            for k in 0..<n { d[offsets[k]] = s[srcOffs[k]] }
        default: break  // a bool with a float value was converted above
        }
    }

    /// Writes `value` into every element selected by `items`.
    public mutating func assign(_ items: [IndexItem], _ value: Double) throws(TensorError) {
        try assign(items, Tensor(scalar: value, dtype: dtype))
    }
}
