/// Row kernels of the reductions: each reduces `n` contiguous elements. Sums are pairwise
/// (leaves of 128 elements summed with 8 accumulators, leaves combined as a balanced binary
/// tree), so rounding error grows like O(log n) as in numpy.
enum ReduceKernels {
    static let leaf = 128

    /// Sum of one leaf (n ≤ leaf) with 8 interleaved accumulators.
    @inline(__always)
    static func leafSum<T: Elem>(_ p: UnsafePointer<T>, _ n: Int, _ f: (T) -> T) -> T {
        var a0: T = 0, a1: T = 0, a2: T = 0, a3: T = 0, a4: T = 0, a5: T = 0, a6: T = 0, a7: T = 0
        var i = 0
        while i &+ 8 <= n {
            a0 += f(p[i]); a1 += f(p[i &+ 1]); a2 += f(p[i &+ 2]); a3 += f(p[i &+ 3])
            a4 += f(p[i &+ 4]); a5 += f(p[i &+ 5]); a6 += f(p[i &+ 6]); a7 += f(p[i &+ 7])
            i &+= 8
        }
        var s = ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7))
        while i < n { s += f(p[i]); i &+= 1 }
        return s
    }

    /// Pairwise sum of `f(p[i])` for i in 0..<n.
    @inline(__always)
    static func sum<T: Elem>(_ p: UnsafePointer<T>, _ n: Int, _ f: (T) -> T) -> T {
        if n <= leaf { return leafSum(p, n, f) }
        return cascade((n + leaf - 1) / leaf) { i in leafSum(p + i * leaf, Swift.min(leaf, n - i * leaf), f) }
    }

    /// Combines `count` consecutive subtree sums as a balanced binary tree (a binary counter
    /// of partial sums), folding the leftovers from the smallest up. Splitting a row into
    /// chunks of a power-of-two number of leaves and cascading the chunk sums gives exactly
    /// the unsplit row's result.
    @inline(__always)
    static func cascade<T: Elem>(_ count: Int, _ part: (Int) -> T) -> T {
        withUnsafeTemporaryAllocation(of: T.self, capacity: 64) { stack in
            for i in 0..<count {
                var s = part(i)
                var k = i, level = 0
                while k & 1 == 1 { s = stack[level] + s; level += 1; k >>= 1 }
                stack[level] = s
            }
            var total: T = 0, first = true
            for level in 0..<64 where (count >> level) & 1 == 1 {
                total = first ? stack[level] : stack[level] + total
                first = false
            }
            return total
        }
    }

    /// Pairwise (cascaded) sum of chunk partial sums.
    static func sum<T: Elem>(_ parts: [T]) -> T {
        parts.withUnsafeBufferPointer { b in cascade(b.count) { b[$0] } }
    }

    /// NaN-propagating maximum (or minimum when `isMax` is false) of n ≥ 1 elements.
    @inline(__always)
    static func extreme<T: Elem>(_ p: UnsafePointer<T>, _ n: Int, isMax: Bool) -> T {
        isMax ? extremeLoop(p, n) { x, m in x > m || x != x } : extremeLoop(p, n) { x, m in x < m || x != x }
    }

    @inline(__always)
    static func extremeLoop<T: Elem>(_ p: UnsafePointer<T>, _ n: Int, _ better: (T, T) -> Bool) -> T {
        var m0 = p[0], m1 = p[0], m2 = p[0], m3 = p[0], m4 = p[0], m5 = p[0], m6 = p[0], m7 = p[0]
        var i = 0
        while i &+ 8 <= n {
            let x0 = p[i], x1 = p[i &+ 1], x2 = p[i &+ 2], x3 = p[i &+ 3]
            let x4 = p[i &+ 4], x5 = p[i &+ 5], x6 = p[i &+ 6], x7 = p[i &+ 7]
            m0 = better(x0, m0) ? x0 : m0; m1 = better(x1, m1) ? x1 : m1
            m2 = better(x2, m2) ? x2 : m2; m3 = better(x3, m3) ? x3 : m3
            m4 = better(x4, m4) ? x4 : m4; m5 = better(x5, m5) ? x5 : m5
            m6 = better(x6, m6) ? x6 : m6; m7 = better(x7, m7) ? x7 : m7
            i &+= 8
        }
        for x in [m1, m2, m3, m4, m5, m6, m7] where better(x, m0) { m0 = x }
        while i < n { if better(p[i], m0) { m0 = p[i] }; i &+= 1 }
        return m0
    }

    /// Index of the first maximum (or minimum); the first NaN wins, as in numpy.
    static func argExtreme<T: Elem>(_ p: UnsafePointer<T>, _ n: Int, isMax: Bool) -> Int {
        var best = 0, m = p[0]
        if m != m { return 0 }
        for i in 1..<Swift.max(n, 1) {
            let x = p[i]
            if x != x { return i }
            if isMax ? x > m : x < m { m = x; best = i }
        }
        return best
    }

    static func product<T: Elem>(_ p: UnsafePointer<T>, _ n: Int) -> T {
        var r: T = 1
        for i in 0..<n { r *= p[i] }
        return r
    }

    /// Whether any element is non-zero (NaN counts as non-zero).
    static func any<T: Elem>(_ p: UnsafePointer<T>, _ n: Int) -> Bool {
        for i in 0..<n where p[i] != 0 { return true }
        return false
    }

    /// Whether every element is non-zero.
    static func all<T: Elem>(_ p: UnsafePointer<T>, _ n: Int) -> Bool {
        for i in 0..<n where p[i] == 0 { return false }
        return true
    }
}
