import Foundation

/// Elementwise functions of one tensor. Results keep the input's dtype.
public enum UnaryOp: String, Sendable, CaseIterable {
    /// -x
    case neg
    /// |x|
    case abs
    /// e^x (vectorised polynomial, within ~2 ulp)
    case exp
    /// natural logarithm (NaN below 0, -inf at 0)
    case log
    /// log(1 + x), accurate near 0
    case log1p
    /// square root (NaN below 0)
    case sqrt
    case sin, cos, tanh
    /// 1 / (1 + e^-x)
    case sigmoid
    /// max(x, 0); NaN stays NaN
    case relu
    /// Exact GELU, x·Φ(x) = x/2·(1 + erf(x/√2)), computed as x/2·erfc(-x/√2) (PyTorch's default, not the tanh approximation)
    case gelu
    /// x·sigmoid(x) (a.k.a. swish)
    case silu
    /// Rounds half to even, like numpy (`round(2.5) == 2`)
    case round
    case floor
    /// 1 where x is NaN, else 0
    case isnan
    /// -1, 0 or 1 (NaN stays NaN)
    case sign
    /// x·x
    case square
}

extension Tensor {
    /// Applies `op` to every element.
    ///
    /// ```swift
    /// try Tensor.unary(.exp, Tensor([0, 1]))  // [1, 2.718281828459045]
    /// ```
    public static func unary(_ op: UnaryOp, _ x: Tensor) throws(TensorError) -> Tensor {
        if x.dtype == .bool { return try unary(op, x.numeric()) }
        let n = x.count
        if x.isContiguous {
            let out = Tensor(storage: try Storage(count: n, dtype: x.dtype), shape: x.shape, strides: x.strides, offset: 0)
            switch x.dtype {
            case .f64: try UnaryKernels.flat(op, n, x.storage.f64 + x.offset, 1, out.storage.f64)
            case .f32: try UnaryKernels.flat(op, n, x.storage.f32 + x.offset, 1, out.storage.f32)
            case .bool: break  // converted to f64 on entry
            }
            return out
        }
        let out = try Tensor(uninitialized: x.shape, dtype: x.dtype)
        if n == 0 { return out }
        let plan = StridedPlan(shape: x.shape, strides: [Broadcast.strides(of: x, to: x.shape)], offsets: [x.offset])
        switch x.dtype {
        case .f64: try UnaryKernels.planned(op, plan, n, x.storage.f64, out.storage.f64)
        case .f32: try UnaryKernels.planned(op, plan, n, x.storage.f32, out.storage.f32)
        case .bool: break  // converted to f64 on entry
        }
        return out
    }

    /// `x` itself when its elements are row-major and gap-free from `x.offset` (the layout
    /// the row kernels read), else a dense copy.
    static func rowMajor(_ x: Tensor) throws(TensorError) -> Tensor {
        x.isContiguous ? x : try dense(x)
    }

    /// A dense row-major copy of `x` made with the strided kernels (self when already dense).
    static func dense(_ x: Tensor) throws(TensorError) -> Tensor {
        if x.isContiguous && x.offset == 0 && x.storage.count == x.count { return x }
        if x.dtype == .bool { return try x.contiguousCopy() }
        let out = try Tensor(uninitialized: x.shape, dtype: x.dtype)
        let n = x.count
        if n == 0 { return out }
        let plan = StridedPlan(shape: x.shape, strides: [Broadcast.strides(of: x, to: x.shape)], offsets: [x.offset])
        switch x.dtype {
        case .f64: try UnaryKernels.copy(plan, n, x.storage.f64, out.storage.f64)
        case .f32: try UnaryKernels.copy(plan, n, x.storage.f32, out.storage.f32)
        case .bool: break  // copied above
        }
        return out
    }
}

enum UnaryKernels {
    @inline(__always)
    static func loop<T: Elem>(_ n: Int, _ x: UnsafePointer<T>, _ sx: Int, _ o: UnsafeMutablePointer<T>, _ f: (T) -> T) {
        if sx == 1 {
            for i in 0..<n { o[i] = f(x[i]) }
        } else {
            for i in 0..<n { o[i] = f(x[i &* sx]) }
        }
    }

    static func row<T: Elem>(_ op: UnaryOp, _ n: Int, _ x: UnsafePointer<T>, _ sx: Int, _ o: UnsafeMutablePointer<T>) {
        switch op {
        case .neg: loop(n, x, sx, o) { -$0 }
        case .abs: loop(n, x, sx, o) { Swift.abs($0) }
        case .exp: if sx == 1 { T.expRow(x, o, n) } else { loop(n, x, sx, o) { T.mexp($0) } }
        case .log: if sx == 1 { T.logRow(x, o, n) } else { loop(n, x, sx, o) { T.mlog($0) } }
        case .log1p: if sx == 1 { T.log1pRow(x, o, n) } else { loop(n, x, sx, o) { T.mlog1p($0) } }
        case .sqrt: loop(n, x, sx, o) { $0.squareRoot() }
        case .sin: loop(n, x, sx, o) { T.msin($0) }
        case .cos: loop(n, x, sx, o) { T.mcos($0) }
        case .tanh: if sx == 1 { T.tanhRow(x, o, n) } else { loop(n, x, sx, o) { T.mtanh($0) } }
        case .sigmoid: if sx == 1 { T.sigmoidRow(x, o, n) } else { loop(n, x, sx, o) { 1 / (1 + T.mexp(-$0)) } }
        case .relu: loop(n, x, sx, o) { $0 > 0 ? $0 : ($0 != $0 ? $0 : 0) }
        case .gelu: if sx == 1 { T.geluRow(x, o, n) } else { loop(n, x, sx, o) { T.mgelu($0) } }
        case .silu: if sx == 1 { T.siluRow(x, o, n) } else { loop(n, x, sx, o) { $0 / (1 + T.mexp(-$0)) } }
        case .round: loop(n, x, sx, o) { $0.rounded(.toNearestOrEven) }
        case .floor: loop(n, x, sx, o) { $0.rounded(.down) }
        case .isnan: loop(n, x, sx, o) { $0 != $0 ? 1 : 0 }
        case .sign: loop(n, x, sx, o) { $0 > 0 ? 1 : ($0 < 0 ? -1 : ($0 == 0 ? 0 : $0)) }
        case .square: loop(n, x, sx, o) { $0 * $0 }
        }
    }

    @inline(__always)
    static func flat<T: Elem>(_ op: UnaryOp, _ n: Int, _ x: UnsafePointer<T>, _ sx: Int, _ o: UnsafeMutablePointer<T>) throws(TensorError) {
        if n < Parallel.threshold { row(op, n, x, sx, o); return }
        try Parallel.forRanges(n) { lo, hi in row(op, hi - lo, x + lo &* sx, sx, o + lo) }
    }

    static func planned<T: Elem>(_ op: UnaryOp, _ plan: StridedPlan, _ count: Int, _ x: UnsafePointer<T>,
                                 _ o: UnsafeMutablePointer<T>) throws(TensorError) {
        let sx = plan.innerStride(0)
        if plan.shape.count == 1 { try flat(op, count, x + plan.offsets[0], sx, o); return }
        try Parallel.forRanges(count) { lo, hi in
            plan.forEachRow(lo, hi) { start, n, offs in row(op, n, x + offs[0], sx, o + start) }
        }
    }

    static func copy<T: Elem>(_ plan: StridedPlan, _ count: Int, _ x: UnsafePointer<T>, _ o: UnsafeMutablePointer<T>) throws(TensorError) {
        let sx = plan.innerStride(0)
        try Parallel.forRanges(count) { lo, hi in
            plan.forEachRow(lo, hi) { start, n, offs in
                let p = x + offs[0], q = o + start
                if sx == 1 { q.update(from: p, count: n) } else { for i in 0..<n { q[i] = p[i &* sx] } }
            }
        }
    }
}
