extension Tensor {
    /// Sorted copy along `axis` (default: last). Stable; NaN sorts last, as in numpy.
    public static func sort(_ x: Tensor, axis: Int = -1) throws(TensorError) -> Tensor {
        try sorted(x, axis: axis, indices: false)
    }

    /// Indices (as f64) that would sort `x` along `axis` (default: last). Stable: equal
    /// elements keep their order; NaN sorts last.
    public static func argsort(_ x: Tensor, axis: Int = -1) throws(TensorError) -> Tensor {
        try sorted(x, axis: axis, indices: true)
    }

    static func sorted(_ x: Tensor, axis: Int, indices: Bool) throws(TensorError) -> Tensor {
        if x.dtype == .bool {
            let r = try sorted(x.numeric(), axis: axis, indices: indices)
            return indices ? r : try r.converted(to: .bool)
        }
        let rows = try AxisRows(x, axis: axis)
        let out = try rows.makeOutput(dtype: indices ? .f64 : x.dtype)
        switch x.dtype {
        case .f64: try SortKernels.run(rows, UnsafePointer(rows.data.storage.f64) + rows.data.offset, out, indices: indices)
        case .f32: try SortKernels.run(rows, UnsafePointer(rows.data.storage.f32) + rows.data.offset, out, indices: indices)
        case .bool: break  // converted to f64 on entry
        }
        return rows.result(out)
    }
}

enum SortKernels {
    /// Strict weak order: numbers ascending, NaN after every number, ties by position.
    @inline(__always)
    static func before<T: Elem>(_ p: UnsafePointer<T>, _ i: Int, _ j: Int) -> Bool {
        let a = p[i], b = p[j]
        if a < b { return true }
        if b < a { return false }
        let an = a != a, bn = b != b
        if an != bn { return bn }
        return i < j
    }

    /// Rows up to this length are sorted in one go; longer rows by a blocked merge sort.
    static let block = 1 << 14

    static func run<T: Elem>(_ rows: AxisRows, _ x: UnsafePointer<T>, _ out: Tensor, indices: Bool) throws(TensorError) {
        let n = rows.length
        if n > block {
            // Few long rows: each is sorted with parallel, interruptible passes.
            for r in 0..<rows.rows {
                let p = x + r * n
                let idx = UnsafeMutablePointer<Int>.allocate(capacity: n)
                defer { idx.deallocate() }
                try mergeSort(p, idx, n)
                emit(p, UnsafePointer(idx), n, out, r, indices: indices)
            }
            return
        }
        try rows.forEachRow { r in
            let p = x + r * n
            withUnsafeTemporaryAllocation(of: Int.self, capacity: n) { buffer in
                var idx = buffer
                for i in 0..<n { idx[i] = i }
                idx.sort { before(p, $0, $1) }
                if let base = idx.baseAddress { emit(p, UnsafePointer(base), n, out, r, indices: indices) }
            }
        }
    }

    /// Writes row `r` of the result: the indices (as f64) or the values they pick.
    static func emit<T: Elem>(_ p: UnsafePointer<T>, _ idx: UnsafePointer<Int>, _ n: Int, _ out: Tensor, _ r: Int,
                              indices: Bool) {
        if indices {
            let o = out.storage.f64 + r * n
            for i in 0..<n { o[i] = Double(idx[i]) }
        } else {
            let o = T.pointer(out.storage) + r * n
            for i in 0..<n { o[i] = p[idx[i]] }
        }
    }

    /// Sorts the indices 0..<n of `p` into `idx`: blocks sorted in parallel, then merged pairwise
    /// (each pass in parallel, interruptible between merges). Ties are broken by index, so the
    /// order is total and the result stable.
    static func mergeSort<T: Elem>(_ p: UnsafePointer<T>, _ idx: UnsafeMutablePointer<Int>, _ n: Int) throws(TensorError) {
        let blocks = (n + block - 1) / block
        try Parallel.forItems(blocks, parallel: true) { b in
            let lo = b * block, hi = Swift.min(n, lo + block)
            for i in lo..<hi { idx[i] = i }
            var run = UnsafeMutableBufferPointer(start: idx + lo, count: hi - lo)
            run.sort { before(p, $0, $1) }
        }
        let tmp = UnsafeMutablePointer<Int>.allocate(capacity: n)
        defer { tmp.deallocate() }
        var src = idx, dst = tmp, width = block
        while width < n {
            let pairs = (n + 2 * width - 1) / (2 * width)
            let (from, to, w) = (src, dst, width)
            try Parallel.forItems(pairs, parallel: true) { k in
                let lo = k * 2 * w, mid = Swift.min(n, lo + w), hi = Swift.min(n, lo + 2 * w)
                var i = lo, j = mid, o = lo
                while i < mid && j < hi {
                    if before(p, from[j], from[i]) { to[o] = from[j]; j += 1 } else { to[o] = from[i]; i += 1 }
                    o += 1
                }
                while i < mid { to[o] = from[i]; i += 1; o += 1 }
                while j < hi { to[o] = from[j]; j += 1; o += 1 }
            }
            swap(&src, &dst)
            width *= 2
        }
        if src != idx { idx.update(from: src, count: n) }
    }
}
