/// `x` laid out as contiguous rows along one axis, for ops that map each row to a row of the
/// same length (scans, sorts, softmax). The result rows are written to a fresh dense tensor
/// in the same layout and `result(_:)` views it back in the original axis order.
struct AxisRows {
    let data: Tensor
    let rows: Int
    let length: Int
    /// The axis the rows run along, or nil when `x` was flattened.
    let axis: Int?
    let shape: [Int]

    /// Rows along `axis` (negative counts from the end); nil flattens `x` to one row.
    init(_ x: Tensor, axis: Int?) throws(TensorError) {
        guard let axis else {
            data = try Tensor.rowMajor(x)
            rows = 1
            length = x.count
            self.axis = nil
            shape = [x.count]
            return
        }
        if x.rank == 0 {
            _ = try Shape.axis(axis, rank: 0)
            data = x
            rows = 1
            length = 1
            self.axis = nil
            shape = []
            return
        }
        let a = try Shape.axis(axis, rank: x.rank)
        var s = x.shape, st = x.strides
        let len = s.remove(at: a), stride = st.remove(at: a)
        data = try Tensor.rowMajor(Tensor(storage: x.storage, shape: s + [len], strides: st + [stride], offset: x.offset))
        rows = s.reduce(1, &*)
        length = len
        self.axis = a
        shape = x.shape
    }

    /// A fresh dense output of `rows × length` elements.
    func makeOutput(dtype: DType) throws(TensorError) -> Tensor {
        try Tensor(uninitialized: [rows * length], dtype: dtype)
    }

    /// `out` (rows × length, dense) viewed with the original shape.
    func result(_ out: Tensor) -> Tensor {
        guard let a = axis else {
            return Tensor(storage: out.storage, shape: shape, strides: Shape.contiguousStrides(shape), offset: 0)
        }
        var s = shape
        let len = s.remove(at: a)
        var st = Shape.contiguousStrides(s + [len])
        let last = st.removeLast()
        st.insert(last, at: a)
        return Tensor(storage: out.storage, shape: shape, strides: st, offset: 0)
    }

    /// Runs `body(r)` for every row, in parallel blocks when the tensor is large, checking
    /// for interrupts between blocks.
    func forEachRow(_ body: (Int) -> Void) throws(TensorError) {
        let perItem = Swift.max(1, Parallel.grain / Swift.max(length, 1))
        let items = (rows + perItem - 1) / perItem
        try Parallel.forItems(items, parallel: rows > 1 && rows * length >= Parallel.threshold) { item in
            for r in (item * perItem)..<Swift.min(rows, (item + 1) * perItem) { body(r) }
        }
    }
}
