import Foundation

/// Reductions over one axis or the whole tensor.
public enum ReduceOp: String, Sendable, CaseIterable {
    /// Pairwise sum (0 when empty); NaN propagates.
    case sum
    /// Sum / count (NaN when empty).
    case mean
    /// Standard deviation, population by default (`ddof` 0), like numpy.
    case std
    /// Variance, population by default (`ddof` 0), like numpy.
    case `var`
    /// Largest element; NaN propagates; an error when empty.
    case max
    /// Smallest element; NaN propagates; an error when empty.
    case min
    /// Index of the first largest element (first NaN wins); an error when empty. Gives f64.
    case argmax
    /// Index of the first smallest element (first NaN wins); an error when empty. Gives f64.
    case argmin
    /// 1 if any element is non-zero (NaN counts), else 0.
    case any
    /// 1 if every element is non-zero, else 0 (1 when empty).
    case all
    /// Product (1 when empty).
    case prod
}

extension Tensor {
    /// Reduces `x` along `axis` (negative counts from the end), or over every element when
    /// `axis` is nil (giving a 0-d tensor). `keepdims` keeps the reduced axis with extent 1.
    /// `ddof` is subtracted from the count in `var`/`std` (numpy's delta degrees of freedom).
    ///
    /// Results keep `x`'s dtype except `argmax`/`argmin`, which give f64 indices.
    /// - Throws: `.invalidArgument` for an axis out of range or `max`/`min`/`argmax`/`argmin`
    ///   over an empty axis.
    ///
    /// ```swift
    /// try Tensor.reduce(.sum, Tensor([1, 2, 3, 4], shape: [2, 2]), axis: 0)  // [4, 6]
    /// ```
    public static func reduce(_ op: ReduceOp, _ x: Tensor, axis: Int? = nil, keepdims: Bool = false,
                              ddof: Int = 0) throws(TensorError) -> Tensor {
        if x.dtype == .bool { return try reduce(op, x.numeric(), axis: axis, keepdims: keepdims, ddof: ddof) }
        if let axis, x.rank > 0, let out = try reduceInPlace(op, x, axis: try Shape.axis(axis, rank: x.rank), keepdims: keepdims) {
            return out
        }
        let rows = try ReductionRows(x, axis: axis, keepdims: keepdims)
        if rows.length == 0, rows.outer > 0 {
            switch op {
            case .max, .min:
                throw .invalidArgument("zero-size array to reduction operation \(op.rawValue) which has no identity")
            case .argmax, .argmin:
                throw .invalidArgument("attempt to get \(op.rawValue) of an empty sequence")
            default: break
            }
        }
        let outType: DType = (op == .argmax || op == .argmin) ? .f64 : x.dtype
        let out = try Tensor(uninitialized: rows.outShape, dtype: outType)
        switch x.dtype {
        case .f64: try Reducer<Double>.run(op, rows, ddof: ddof, out)
        case .f32: try Reducer<Float>.run(op, rows, ddof: ddof, out)
        case .bool: break  // converted to f64 on entry
        }
        return out
    }
}

/// `x` rearranged as `outer` contiguous rows of `length` elements, one row per output element.
struct ReductionRows {
    let data: Tensor
    let outer: Int
    let length: Int
    let outShape: [Int]

    init(_ x: Tensor, axis: Int?, keepdims: Bool) throws(TensorError) {
        guard let axis, x.rank > 0 else {
            data = try Tensor.rowMajor(x)
            outer = 1
            length = x.count
            outShape = keepdims ? [Int](repeating: 1, count: x.rank) : []
            return
        }
        let a = try Shape.axis(axis, rank: x.rank)
        var shape = x.shape, strides = x.strides
        let len = shape.remove(at: a), st = strides.remove(at: a)
        outer = shape.reduce(1, &*)
        length = len
        var kept = x.shape
        kept[a] = 1
        outShape = keepdims ? kept : shape
        // Move the reduced axis last so that every row is contiguous.
        let view = Tensor(storage: x.storage, shape: shape + [len], strides: strides + [st], offset: x.offset)
        data = try Tensor.rowMajor(view)
    }
}

/// Runs one reduction over the rows, in parallel over rows or, for one long row, over chunks.
enum Reducer<T: Elem> {
    static func run(_ op: ReduceOp, _ rows: ReductionRows, ddof: Int, _ out: Tensor) throws(TensorError) {
        let n = rows.length, base = UnsafePointer(T.pointer(rows.data.storage)) + rows.data.offset
        let outer = rows.outer
        if outer == 0 { return }
        if outer == 1 && n >= Parallel.threshold {
            let v = try longRow(op, base, n, ddof: ddof)
            store(v, out, 0)
            return
        }
        let perItem = Swift.max(1, Parallel.grain / Swift.max(n, 1))
        let items = (outer + perItem - 1) / perItem
        try Parallel.forItems(items, parallel: outer * Swift.max(n, 1) >= Parallel.threshold) { item in
            for r in (item * perItem)..<Swift.min(outer, (item + 1) * perItem) {
                store(row(op, base + r * n, n, ddof: ddof), out, r)
            }
        }
    }

    /// `n - ddof` as a divisor, 0 when not positive (numpy then gives inf or NaN), never overflowing.
    static func dof(_ n: Int, _ ddof: Int) -> T {
        let (d, overflow) = n.subtractingReportingOverflow(ddof)
        return overflow ? (ddof < 0 ? T.infinity : 0) : T(Swift.max(d, 0))
    }

    @inline(__always)
    static func store(_ v: Double, _ out: Tensor, _ i: Int) {
        switch out.dtype {
        case .f64: out.storage.f64[i] = v
        case .f32: out.storage.f32[i] = Float(v)
        case .bool: out.storage.u8[i] = v != 0 ? 1 : 0
        }
    }

    /// The reduction of one row, as a Double (exact for T's values and for indices).
    static func row(_ op: ReduceOp, _ p: UnsafePointer<T>, _ n: Int, ddof: Int) -> Double {
        switch op {
        case .sum: return T.sumRow(p, n).double
        case .mean: return (T.sumRow(p, n) / T(n)).double
        case .var, .std:
            let m = T.sumRow(p, n) / T(n)
            let ss = ReduceKernels.sum(p, n) { ($0 - m) * ($0 - m) }
            let v = ss / dof(n, ddof)
            return (op == .std ? v.squareRoot() : v).double
        case .max: return T.maxRow(p, n).double
        case .min: return T.minRow(p, n).double
        case .argmax: return Double(ReduceKernels.argExtreme(p, n, isMax: true))
        case .argmin: return Double(ReduceKernels.argExtreme(p, n, isMax: false))
        case .any: return ReduceKernels.any(p, n) ? 1 : 0
        case .all: return ReduceKernels.all(p, n) ? 1 : 0
        case .prod: return ReduceKernels.product(p, n).double
        }
    }

    /// One long row split into `Parallel.grain` chunks reduced in parallel, then combined.
    /// Chunks are whole subtrees of the pairwise sum, so the result equals the serial one.
    static func longRow(_ op: ReduceOp, _ p: UnsafePointer<T>, _ n: Int, ddof: Int) throws(TensorError) -> Double {
        let g = Parallel.grain, chunks = (n + g - 1) / g
        func partials(_ f: (UnsafePointer<T>, Int) -> T) throws(TensorError) -> [T] {
            var parts = [T](repeating: 0, count: chunks)
            try parts.withUnsafeMutableBufferPointer { (b: inout UnsafeMutableBufferPointer<T>) throws(TensorError) in
                let dst = b
                try Parallel.forItems(chunks, parallel: true) { c in
                    dst[c] = f(p + c * g, Swift.min(g, n - c * g))
                }
            }
            return parts
        }
        switch op {
        case .sum: return ReduceKernels.sum(try partials { q, k in T.sumRow(q, k) }).double
        case .mean: return (ReduceKernels.sum(try partials { q, k in T.sumRow(q, k) }) / T(n)).double
        case .var, .std:
            let m = ReduceKernels.sum(try partials { q, k in T.sumRow(q, k) }) / T(n)
            let ss = ReduceKernels.sum(try partials { q, k in ReduceKernels.sum(q, k) { ($0 - m) * ($0 - m) } })
            let v = ss / dof(n, ddof)
            return (op == .std ? v.squareRoot() : v).double
        case .max, .min:
            let isMax = op == .max
            let parts = try partials { q, k in isMax ? T.maxRow(q, k) : T.minRow(q, k) }
            return parts.withUnsafeBufferPointer { b in
                guard let base = b.baseAddress else { return Double.nan }
                return ReduceKernels.extreme(base, b.count, isMax: isMax).double
            }
        case .prod:
            return try partials { q, k in ReduceKernels.product(q, k) }.reduce(1, *).double
        case .argmax, .argmin, .any, .all:
            // Sequential scans with early exit; checked for interrupts between chunks.
            var c = 0
            switch op {
            case .any, .all:
                while c < chunks {
                    try Parallel.check()
                    let hit = op == .any ? ReduceKernels.any(p + c * g, Swift.min(g, n - c * g))
                                         : !ReduceKernels.all(p + c * g, Swift.min(g, n - c * g))
                    if hit { return op == .any ? 1 : 0 }
                    c += 1
                }
                return op == .any ? 0 : 1
            default:
                let isMax = op == .argmax
                var best = 0, m = p[0]
                while c < chunks {
                    try Parallel.check()
                    let lo = c * g, k = Swift.min(g, n - lo)
                    let i = lo + ReduceKernels.argExtreme(p + lo, k, isMax: isMax)
                    let x = p[i]
                    if x != x { return Double(i) }
                    if c == 0 || (isMax ? x > m : x < m) { m = x; best = i }
                    c += 1
                }
                return Double(best)
            }
        }
    }
}
