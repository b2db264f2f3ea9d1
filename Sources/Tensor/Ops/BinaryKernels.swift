/// Inner loops of the binary ops. `row` switches on the op once per row and runs a loop
/// specialised for the stride pattern (both contiguous, one side broadcast, general), so the
/// common cases compile to tight vectorised loops.
enum BinaryKernels {
    @inline(__always)
    static func loop<T: Elem>(_ n: Int, _ a: UnsafePointer<T>, _ sa: Int, _ b: UnsafePointer<T>, _ sb: Int,
                              _ o: UnsafeMutablePointer<T>, _ f: (T, T) -> T) {
        if sa == 1 && sb == 1 {
            for i in 0..<n { o[i] = f(a[i], b[i]) }
        } else if sa == 1 && sb == 0 {
            let y = b[0]
            for i in 0..<n { o[i] = f(a[i], y) }
        } else if sa == 0 && sb == 1 {
            let x = a[0]
            for i in 0..<n { o[i] = f(x, b[i]) }
        } else {
            for i in 0..<n { o[i] = f(a[i &* sa], b[i &* sb]) }
        }
    }

    /// numpy's floating remainder: the result has the sign of the divisor (Python's `%`).
    @inline(__always)
    static func mod<T: Elem>(_ a: T, _ b: T) -> T {
        var m = T.mfmod(a, b)
        if b == 0 { return m }
        if m != 0 {
            if (b < 0) != (m < 0) { m += b }
        } else {
            m = T(signOf: b, magnitudeOf: 0)
        }
        return m
    }

    @inline(__always)
    static func pow<T: Elem>(_ a: T, _ b: T) -> T { b == 2 ? a * a : T.mpow(a, b) }

    /// Applies `op` to `n` elements: `o[i] = a[i·sa] op b[i·sb]`.
    static func row<T: Elem>(_ op: BinaryOp, _ n: Int, _ a: UnsafePointer<T>, _ sa: Int,
                             _ b: UnsafePointer<T>, _ sb: Int, _ o: UnsafeMutablePointer<T>) {
        switch op {
        case .add: loop(n, a, sa, b, sb, o) { $0 + $1 }
        case .sub: loop(n, a, sa, b, sb, o) { $0 - $1 }
        case .mul: loop(n, a, sa, b, sb, o) { $0 * $1 }
        case .div: loop(n, a, sa, b, sb, o) { $0 / $1 }
        case .mod: loop(n, a, sa, b, sb, o) { mod($0, $1) }
        case .pow: loop(n, a, sa, b, sb, o) { pow($0, $1) }
        case .maximum: loop(n, a, sa, b, sb, o) { ($0 >= $1 || $0 != $0) ? $0 : $1 }
        case .minimum: loop(n, a, sa, b, sb, o) { ($0 <= $1 || $0 != $0) ? $0 : $1 }
        case .eq: loop(n, a, sa, b, sb, o) { $0 == $1 ? 1 : 0 }
        case .ne: loop(n, a, sa, b, sb, o) { $0 != $1 ? 1 : 0 }
        case .lt: loop(n, a, sa, b, sb, o) { $0 < $1 ? 1 : 0 }
        case .le: loop(n, a, sa, b, sb, o) { $0 <= $1 ? 1 : 0 }
        case .gt: loop(n, a, sa, b, sb, o) { $0 > $1 ? 1 : 0 }
        case .ge: loop(n, a, sa, b, sb, o) { $0 >= $1 ? 1 : 0 }
        }
    }

    /// Runs `op` over a contiguous output of `n` elements, from operands with element strides
    /// `sa`/`sb` (0 or 1 on the fast paths), in parallel chunks when large.
    @inline(__always)
    static func flat<T: Elem>(_ op: BinaryOp, _ n: Int, _ a: UnsafePointer<T>, _ sa: Int,
                              _ b: UnsafePointer<T>, _ sb: Int, _ o: UnsafeMutablePointer<T>) throws(TensorError) {
        if n < Parallel.threshold { row(op, n, a, sa, b, sb, o); return }
        try Parallel.forRanges(n) { lo, hi in row(op, hi - lo, a + lo &* sa, sa, b + lo &* sb, sb, o + lo) }
    }

    /// General broadcasting path over a plan with two operands.
    static func planned<T: Elem>(_ op: BinaryOp, _ plan: StridedPlan, _ count: Int, _ a: UnsafePointer<T>,
                                 _ b: UnsafePointer<T>, _ o: UnsafeMutablePointer<T>) throws(TensorError) {
        let sa = plan.innerStride(0), sb = plan.innerStride(1)
        if plan.shape.count == 1 {
            try flat(op, count, a + plan.offsets[0], sa, b + plan.offsets[1], sb, o)
            return
        }
        try Parallel.forRanges(count) { lo, hi in
            plan.forEachRow(lo, hi) { start, n, offs in
                row(op, n, a + offs[0], sa, b + offs[1], sb, o + start)
            }
        }
    }
}
