import CBLAS
import Synchronization

/// How one matrix operand is handed to BLAS: transposed or not, with its leading dimension.
struct BLASOperand {
    let transposed: Bool
    let ld: Int

    /// The BLAS description of a rows×cols matrix with element strides (rs, cs) in row-major
    /// terms, or nil when the layout needs a copy (gaps in both directions, negative or 0 strides).
    init?(rows: Int, cols: Int, rs: Int, cs: Int) {
        if cs == 1 || cols == 1 {
            let ld = rows == 1 ? Swift.max(cols, 1) : rs
            if ld >= Swift.max(cols, 1) { self.transposed = false; self.ld = ld; return }
        }
        if rs == 1 || rows == 1 {
            let ld = cols == 1 ? Swift.max(rows, 1) : cs
            if ld >= Swift.max(rows, 1) { self.transposed = true; self.ld = ld; return }
        }
        return nil
    }
}

extension Tensor {
    /// Floating-point operations per uninterruptible f64 BLAS call (twice this for f32): large
    /// products are split into row panels of about this size (~50 ms at full speed) with
    /// interrupt checks between them.
    static let panelFlops = Atomic<Int>(6_000_000_000)

    /// Matrix product with numpy's `matmul` rules: 1-D @ 1-D is a 0-d dot product; a 1-D
    /// left (right) operand is treated as a row (column) and that axis is removed from the
    /// result; leading axes are batch axes and broadcast. f32 @ f32 uses `sgemm`, anything
    /// else is computed in f64 with `dgemm` (OpenBLAS, loaded on first use).
    /// Errors: `.shapeMismatch(op: "@", …)` when inner sizes or batch axes disagree,
    /// `.invalidArgument` for 0-d operands or when OpenBLAS cannot be loaded.
    public static func matmul(_ a: Tensor, _ b: Tensor) throws(TensorError) -> Tensor {
        guard a.rank > 0, b.rank > 0 else {
            throw .invalidArgument("matmul operands need at least one axis, got shapes \(Shape.describe(a.shape)) and \(Shape.describe(b.shape))")
        }
        let dtype: DType = a.dtype == .f32 && b.dtype == .f32 ? .f32 : .f64
        var a2 = try a.converted(to: dtype), b2 = try b.converted(to: dtype)
        if a.rank == 1 { a2 = try a2.expandDims(axis: 0) }
        if b.rank == 1 { b2 = try b2.expandDims(axis: 1) }
        let m = a2.shape[a2.rank - 2], k = a2.shape[a2.rank - 1]
        let n = b2.shape[b2.rank - 1]
        let batchA = Array(a2.shape.dropLast(2)), batchB = Array(b2.shape.dropLast(2))
        guard b2.shape[b2.rank - 2] == k, let batch = IndexPlan.broadcastShapes([batchA, batchB]) else {
            throw .shapeMismatch(op: "@", lhs: a.shape, rhs: b.shape)
        }
        var resultShape = batch
        if a.rank > 1 { resultShape.append(m) }
        if b.rank > 1 { resultShape.append(n) }
        let limit = Int(Int32.max)
        guard m <= limit, n <= limit, k <= limit else {
            throw .invalidArgument("matmul dimensions beyond \(limit) are not supported")
        }
        let out = try Tensor(uninitialized: batch + [m, n], dtype: dtype)
        let batchCount = try Shape.count(batch)
        if m == 0 || n == 0 || batchCount == 0 { return try out.reshape(resultShape) }
        if k == 0 {
            out.storage.raw.initializeMemory(as: UInt8.self, repeating: 0, count: out.count * dtype.size)
            return try out.reshape(resultShape)
        }
        let blas = try BLAS.get()
        let (va, opA) = try matmulOperand(a2, batch: batch)
        let (vb, opB) = try matmulOperand(b2, batch: batch)
        guard opA.ld <= limit, opB.ld <= limit else {
            throw .invalidArgument("matmul operand strides beyond \(limit) are not supported")
        }
        let offA = va.storageOffsets(), offB = vb.storageOffsets()
        let flopsPerRow = 2 * Double(k) * Double(n)
        // f32 runs about twice as fast as f64, so its panels may hold twice the work.
        let budget = Double(panelFlops.load(ordering: .relaxed)) * (dtype == .f32 ? 2 : 1)
        let panel = budget / flopsPerRow >= Double(m) ? m : Swift.max(16, Int(budget / flopsPerRow) / 16 * 16)
        let ta = opA.transposed ? CblasTrans : CblasNoTrans, tb = opB.transposed ? CblasTrans : CblasNoTrans
        BLASThreads.prepare(blas, flops: flopsPerRow * Double(Swift.min(panel, m)))
        for i in 0..<batchCount {
            var r0 = 0
            while r0 < m {
                try Interrupt.check()
                let rows = Swift.min(panel, m - r0)
                // Row r of A starts at r·lda (not transposed) or at r (transposed).
                let aStart = offA[i] + (opA.transposed ? r0 : r0 * opA.ld)
                let cStart = i * m * n + r0 * n
                switch dtype {
                case .f64:
                    blas.dgemm(CblasRowMajor, ta, tb, blasint(rows), blasint(n), blasint(k), 1,
                               va.storage.f64 + aStart, blasint(opA.ld), vb.storage.f64 + offB[i], blasint(opB.ld),
                               0, out.storage.f64 + cStart, blasint(n))
                case .f32:
                    blas.sgemm(CblasRowMajor, ta, tb, blasint(rows), blasint(n), blasint(k), 1,
                               va.storage.f32 + aStart, blasint(opA.ld), vb.storage.f32 + offB[i], blasint(opB.ld),
                               0, out.storage.f32 + cStart, blasint(n))
                case .bool: break  // matmul computes in f32 or f64
                }
                r0 += rows
            }
        }
        return try out.reshape(resultShape)
    }

    /// `self @ other` (see `Tensor.matmul(_:_:)`).
    public func matmul(_ other: Tensor) throws(TensorError) -> Tensor { try Tensor.matmul(self, other) }

    /// A view of the batch axes of `t` (broadcast to `batch`) whose element offsets are the
    /// matrix start positions, plus the BLAS layout of its matrices (copying `t` if needed).
    static func matmulOperand(_ t: Tensor, batch: [Int]) throws(TensorError) -> (Tensor, BLASOperand) {
        var t = t
        let r = t.rank
        var op = BLASOperand(rows: t.shape[r - 2], cols: t.shape[r - 1], rs: t.strides[r - 2], cs: t.strides[r - 1])
        if op == nil {
            t = try t.contiguousCopy()
            op = BLASOperand(rows: t.shape[r - 2], cols: t.shape[r - 1], rs: t.strides[r - 2], cs: t.strides[r - 1])
        }
        guard let op else { throw .invalidArgument("matmul: unsupported operand layout") }
        let lead = batch.count - (r - 2)
        var st = [Int](repeating: 0, count: batch.count)
        for i in 0..<(r - 2) where t.shape[i] != 1 || batch[lead + i] == 1 { st[lead + i] = t.strides[i] }
        return (Tensor(storage: t.storage, shape: batch, strides: st, offset: t.offset), op)
    }
}
