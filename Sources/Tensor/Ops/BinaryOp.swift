/// Elementwise binary operations with numpy broadcasting.
public enum BinaryOp: String, Sendable, CaseIterable {
    case add, sub, mul, div, mod, pow, maximum, minimum, eq, ne, lt, le, gt, ge

    /// The operator's symbol in the language, used in error messages ("+", "^", "max", "==").
    public var symbol: String {
        switch self {
        case .add: "+"
        case .sub: "-"
        case .mul: "*"
        case .div: "/"
        case .mod: "%"
        case .pow: "^"
        case .maximum: "max"
        case .minimum: "min"
        case .eq: "=="
        case .ne: "!="
        case .lt: "<"
        case .le: "<="
        case .gt: ">"
        case .ge: ">="
        }
    }
}

extension Tensor {
    /// `a op b` elementwise with numpy broadcasting.
    ///
    /// - dtype: f32 with f32 gives f32; anything with f64 gives f64.
    /// - Comparisons give 0/1 in that dtype; `mod` takes the sign of the divisor (Python's `%`);
    ///   `maximum`/`minimum` propagate NaN (numpy's `np.maximum`).
    /// - Throws: `.shapeMismatch(op: symbol, lhs:, rhs:)` when the shapes do not broadcast.
    ///
    /// ```swift
    /// try Tensor.binary(.add, Tensor([1, 2, 3]), Tensor([10, 20], shape: [2, 1]))  // 2×3: [[11, 12, 13], [21, 22, 23]]
    /// ```
    public static func binary(_ op: BinaryOp, _ a: Tensor, _ b: Tensor) throws(TensorError) -> Tensor {
        if a.dtype == .bool || b.dtype == .bool {
            // numpy: bool with a float computes in the float dtype; two bools in f64 here.
            let d = a.dtype.promoted(with: b.dtype).floatType
            return try binary(op, a.converted(to: d), b.converted(to: d))
        }
        let dtype = a.dtype
        // Fast path: same dtype, same shape, both dense in row-major order.
        if dtype == b.dtype, a.shape == b.shape, a.isContiguous, b.isContiguous {
            let n = a.count
            let out = Tensor(storage: try Storage(count: n, dtype: dtype), shape: a.shape, strides: a.strides, offset: 0)
            switch dtype {
            case .f64: try BinaryKernels.flat(op, n, a.storage.f64 + a.offset, 1, b.storage.f64 + b.offset, 1, out.storage.f64)
            case .f32: try BinaryKernels.flat(op, n, a.storage.f32 + a.offset, 1, b.storage.f32 + b.offset, 1, out.storage.f32)
            case .bool: break  // converted above
            }
            return out
        }
        return try broadcasting(op, a, b)
    }

    static func broadcasting(_ op: BinaryOp, _ a: Tensor, _ b: Tensor) throws(TensorError) -> Tensor {
        let shape = try Broadcast.shape(a.shape, b.shape, op: op.symbol)
        let dtype = a.dtype.promoted(with: b.dtype)
        let a = try cast(a, to: dtype), b = try cast(b, to: dtype)
        let out = try Tensor(uninitialized: shape, dtype: dtype)
        let n = out.count
        if n == 0 { return out }
        let plan = StridedPlan(shape: shape, strides: [Broadcast.strides(of: a, to: shape), Broadcast.strides(of: b, to: shape)],
                               offsets: [a.offset, b.offset])
        switch dtype {
        case .f64: try BinaryKernels.planned(op, plan, n, a.storage.f64, b.storage.f64, out.storage.f64)
        case .f32: try BinaryKernels.planned(op, plan, n, a.storage.f32, b.storage.f32, out.storage.f32)
        case .bool: break  // `binary` converts bool operands first
        }
        return out
    }

    /// `x op s` elementwise with an unboxed scalar (no tensor is made for `s`). The result keeps
    /// `x`'s dtype: a Double scalar is weak, as in numpy 2 (f32 tensor with a scalar gives f32).
    public static func binary(_ op: BinaryOp, _ x: Tensor, _ s: Double) throws(TensorError) -> Tensor {
        try scalarBinary(op, x, s, scalarOnLeft: false)
    }

    /// `s op x` elementwise with an unboxed scalar on the left (see `binary(_:_:_:)` with a Double).
    public static func binary(_ op: BinaryOp, _ s: Double, _ x: Tensor) throws(TensorError) -> Tensor {
        try scalarBinary(op, x, s, scalarOnLeft: true)
    }

    static func scalarBinary(_ op: BinaryOp, _ x: Tensor, _ s: Double, scalarOnLeft: Bool) throws(TensorError) -> Tensor {
        switch x.dtype {
        case .f64: return try scalarBinary(op, x, s, scalarOnLeft, Double.self)
        case .f32: return try scalarBinary(op, x, Float(s), scalarOnLeft, Float.self)
        case .bool: return try scalarBinary(op, x.converted(to: .f64), s, scalarOnLeft, Double.self)
        }
    }

    @inline(__always)
    static func scalarBinary<T: Elem>(_ op: BinaryOp, _ x: Tensor, _ s: T, _ left: Bool, _: T.Type) throws(TensorError) -> Tensor {
        let n = x.count
        let contiguous = x.isContiguous
        let out = contiguous
            ? Tensor(storage: try Storage(count: n, dtype: x.dtype), shape: x.shape, strides: x.strides, offset: 0)
            : try Tensor(uninitialized: x.shape, dtype: x.dtype)
        if n == 0 { return out }
        let xp = UnsafePointer(T.pointer(x.storage)), o = T.pointer(out.storage)
        var scalar = s
        try withUnsafePointer(to: &scalar) { (sp: UnsafePointer<T>) throws(TensorError) in
            if contiguous {
                if left { try BinaryKernels.flat(op, n, sp, 0, xp + x.offset, 1, o) } else {
                    try BinaryKernels.flat(op, n, xp + x.offset, 1, sp, 0, o)
                }
                return
            }
            let xs = Broadcast.strides(of: x, to: x.shape), zero = [Int](repeating: 0, count: x.rank)
            let plan = left ? StridedPlan(shape: x.shape, strides: [zero, xs], offsets: [0, x.offset])
                            : StridedPlan(shape: x.shape, strides: [xs, zero], offsets: [x.offset, 0])
            try BinaryKernels.planned(op, plan, n, left ? sp : xp, left ? xp : sp, o)
        }
        return out
    }
}
