import CBLAS
import Synchronization

/// Differentiable matrix products:
/// - matmul (numpy rules, 1-D operands and broadcast batch axes included), with A (…, m, k),
///   B (…, k, n): Ā = G·Bᵀ, B̄ = Aᵀ·G, then summed over the batch axes the operand was
///   broadcast along; a 1-D operand is treated as a row (left) or column (right) and its
///   added axis removed again. Transposes are strided views handed to BLAS without copies.
/// - outer(a, b) over the flattened inputs: ā = G·b, b̄ = Gᵀ·a.
/// - linear(x, w, b) = x·w + b in one BLAS call (the bias is written first and the product
///   accumulated onto it): x̄ = G·wᵀ, w̄ = xᵀ·G, b̄ = column sums of G.
extension Variable {
    /// Matrix product with numpy's `matmul` rules (see `Tensor.matmul`), differentiable.
    public static func matmul(_ a: Variable, _ b: Variable) throws(TensorError) -> Variable {
        let out = try Tensor.matmul(a.value, b.value)
        let av = a.value, bv = b.value
        return try make(out, [a, b]) { g, needs throws(TensorError) in
            let a1 = av.rank == 1 ? try av.expandDims(axis: 0) : av
            let b1 = bv.rank == 1 ? try bv.expandDims(axis: 1) : bv
            let batch = Array(out.shape.dropLast((av.rank > 1 ? 1 : 0) + (bv.rank > 1 ? 1 : 0)))
            let g1 = try g.reshape(batch + [a1.shape[a1.rank - 2], b1.shape[b1.rank - 1]])
            var ga: Tensor? = nil, gb: Tensor? = nil
            if needs[0] {
                let full = try Tensor.matmul(g1, b1.swappingLastAxes())
                ga = try Tensor.unbroadcast(full, to: a1.shape, dtype: av.dtype).reshape(av.shape)
            }
            if needs[1] {
                let full = try Tensor.matmul(a1.swappingLastAxes(), g1)
                gb = try Tensor.unbroadcast(full, to: b1.shape, dtype: bv.dtype).reshape(bv.shape)
            }
            return [ga, gb]
        }
    }

    /// Outer product of the flattened inputs (see `Tensor.outer`), differentiable.
    public static func outer(_ a: Variable, _ b: Variable) throws(TensorError) -> Variable {
        let out = try Tensor.outer(a.value, b.value)
        let av = a.value, bv = b.value
        return try make(out, [a, b]) { g, needs throws(TensorError) in
            let af = try av.reshape([-1]), bf = try bv.reshape([-1])
            let ga = needs[0] ? try Tensor.matmul(g, bf).reshape(av.shape).converted(to: av.dtype) : nil
            let gb = needs[1] ? try Tensor.matmul(af, g).reshape(bv.shape).converted(to: bv.dtype) : nil
            return [ga, gb]
        }
    }

    /// `x @ w + b` for a batch of rows x (m, k), weights w (k, n) and bias b (n,), fused into
    /// one BLAS call when all three share a dtype; otherwise the composition of
    /// `matmul` and `+` (same values and gradients).
    public static func linear(_ x: Variable, _ w: Variable, _ b: Variable) throws(TensorError) -> Variable {
        let xv = x.value, wv = w.value, bv = b.value
        guard xv.rank == 2, wv.rank == 2, bv.rank == 1, xv.shape[1] == wv.shape[0], bv.shape[0] == wv.shape[1],
              xv.dtype == wv.dtype, wv.dtype == bv.dtype,
              let out = try Tensor.affine(xv, wv, bv) else {
            return try matmul(x, w) + b
        }
        return try make(out, [x, w, b]) { g, needs throws(TensorError) in
            let g = try Tensor.dense(g.converted(to: out.dtype))
            let gx = needs[0] ? try Tensor.matmul(g, wv.swappingLastAxes()) : nil
            let gw = needs[1] ? try Tensor.matmul(xv.swappingLastAxes(), g) : nil
            let gb = needs[2] ? try Tensor.columnSum(g, outer: g.shape[0], inner: g.shape[1]) : nil
            return [gx, gw, gb]
        }
    }
}

extension Tensor {
    /// A view with the last two axes exchanged (no copy).
    func swappingLastAxes() throws(TensorError) -> Tensor {
        guard rank >= 2 else { return self }
        var perm = Array(0..<rank)
        perm.swapAt(rank - 1, rank - 2)
        return try transpose(axes: perm)
    }

    /// `x @ w + b` (x m×k, w k×n, b n, one dtype) with the bias written into the output first
    /// and the product accumulated onto it by one gemm call; nil when the layout or size calls
    /// for the general path (huge products are split by `matmul` for interrupt checks).
    static func affine(_ x: Tensor, _ w: Tensor, _ b: Tensor) throws(TensorError) -> Tensor? {
        let m = x.shape[0], k = x.shape[1], n = w.shape[1]
        let limit = Int(Int32.max)
        guard m > 0, n > 0, k > 0, m <= limit, n <= limit, k <= limit,
              m.multipliedReportingOverflow(by: n).partialValue <= limit,
              let opX = BLASOperand(rows: m, cols: k, rs: x.strides[0], cs: x.strides[1]),
              let opW = BLASOperand(rows: k, cols: n, rs: w.strides[0], cs: w.strides[1]),
              opX.ld <= limit, opW.ld <= limit else { return nil }
        let flops: Double = 2 * Double(m) * Double(n) * Double(k)
        guard flops <= Double(panelFlops.load(ordering: .relaxed)) else { return nil }
        let blas = try BLAS.get()
        let out = try Tensor(uninitialized: [m, n], dtype: x.dtype)
        let bias = try dense(b)
        let esize = x.dtype.size
        for r in 0..<m {
            (out.storage.raw + r * n * esize).copyMemory(from: bias.storage.raw, byteCount: n * esize)
        }
        let tx = opX.transposed ? CblasTrans : CblasNoTrans, tw = opW.transposed ? CblasTrans : CblasNoTrans
        switch x.dtype {
        case .f64:
            blas.dgemm(CblasRowMajor, tx, tw, blasint(m), blasint(n), blasint(k), 1,
                       x.storage.f64 + x.offset, blasint(opX.ld), w.storage.f64 + w.offset, blasint(opW.ld),
                       1, out.storage.f64, blasint(n))
        case .f32:
            blas.sgemm(CblasRowMajor, tx, tw, blasint(m), blasint(n), blasint(k), 1,
                       x.storage.f32 + x.offset, blasint(opX.ld), w.storage.f32 + w.offset, blasint(opW.ld),
                       1, out.storage.f32, blasint(n))
        case .bool: break  // gradients are float tensors
        }
        return out
    }
}
