/// Cumulative operations: element i of each output row combines elements 0...i of the input
/// row, sequentially (the same order as numpy).
public enum ScanOp: String, Sendable, CaseIterable {
    case cumsum, cumprod
}

extension Tensor {
    /// Running sum along `axis`; nil (the default) flattens first, like numpy's `axis=None`.
    public static func cumsum(_ x: Tensor, axis: Int? = nil) throws(TensorError) -> Tensor {
        try scan(.cumsum, x, axis: axis)
    }

    /// Running product along `axis`; nil (the default) flattens first, like numpy's `axis=None`.
    public static func cumprod(_ x: Tensor, axis: Int? = nil) throws(TensorError) -> Tensor {
        try scan(.cumprod, x, axis: axis)
    }

    /// `cumsum` or `cumprod` along `axis` (nil flattens). Keeps the dtype.
    public static func scan(_ op: ScanOp, _ x: Tensor, axis: Int? = nil) throws(TensorError) -> Tensor {
        if x.dtype == .bool { return try scan(op, x.numeric(), axis: axis) }
        let rows = try AxisRows(x, axis: axis)
        let out = try rows.makeOutput(dtype: x.dtype)
        switch x.dtype {
        case .f64: try ScanKernels.run(op, rows, UnsafePointer(rows.data.storage.f64) + rows.data.offset, out.storage.f64)
        case .f32: try ScanKernels.run(op, rows, UnsafePointer(rows.data.storage.f32) + rows.data.offset, out.storage.f32)
        case .bool: break  // converted to f64 on entry
        }
        return rows.result(out)
    }
}

enum ScanKernels {
    static func run<T: Elem>(_ op: ScanOp, _ rows: AxisRows, _ x: UnsafePointer<T>, _ o: UnsafeMutablePointer<T>) throws(TensorError) {
        let n = rows.length
        if rows.rows == 1 && n >= Parallel.threshold {
            // One long row: sequential by nature; check for interrupts between chunks.
            var acc: T = op == .cumsum ? 0 : 1, lo = 0
            while lo < n {
                try Parallel.check()
                let hi = Swift.min(n, lo + Interrupt.chunkElements)
                acc = op == .cumsum ? sum(x + lo, o + lo, hi - lo, acc) : product(x + lo, o + lo, hi - lo, acc)
                lo = hi
            }
            return
        }
        try rows.forEachRow { r in
            if op == .cumsum { _ = sum(x + r * n, o + r * n, n, 0) } else { _ = product(x + r * n, o + r * n, n, 1) }
        }
    }

    @inline(__always)
    static func sum<T: Elem>(_ x: UnsafePointer<T>, _ o: UnsafeMutablePointer<T>, _ n: Int, _ start: T) -> T {
        var acc = start
        for i in 0..<n { acc += x[i]; o[i] = acc }
        return acc
    }

    @inline(__always)
    static func product<T: Elem>(_ x: UnsafePointer<T>, _ o: UnsafeMutablePointer<T>, _ n: Int, _ start: T) -> T {
        var acc = start
        for i in 0..<n { acc *= x[i]; o[i] = acc }
        return acc
    }
}
