import Synchronization

/// How many OpenBLAS threads a matrix product gets, by its size: small products run on one
/// thread, large ones on all of OpenBLAS's threads (as OpenBLAS's own interface and numpy
/// switch by size, but with a threshold measured for this kind of product: OpenBLAS's own,
/// m·n·k ≥ 262 144, wakes the pool for products that are over in microseconds, and its idle
/// threads then spin in `sched_yield`, which showed up as as much `sys` as `user` time in
/// the training notebooks).
///
/// Crossover, measured on the project's 2-core machine with Debian's OpenBLAS 0.3.21
/// (Haswell kernels), dgemm 1 vs 2 threads, best of 5 (the machine was shared, so 2 threads
/// looked worse than they are): 256×64×64 1.26× slower on 2 threads, 256³ 1.25×, 384³ 1.01×,
/// 512³ 0.96×. On an idle machine two threads win from about 200³. The threshold,
/// 2·m·n·k ≥ 16 MFLOP (≈ 200³), keeps every product of the notebooks' MLPs (batch 256,
/// hidden 64: ≤ 4 MFLOP) on one thread and gives products from 256³ up both cores.
/// `OPENBLAS_NUM_THREADS` or `OMP_NUM_THREADS`, when set, is respected instead.
enum BLASThreads {
    /// Products of at least this many floating-point operations (2·m·n·k) use every thread.
    static let threadedFlops = 16_000_000.0
    /// The thread count last set (0: not set yet), so switching costs a call only on change.
    private static let current = Atomic<Int>(0)

    /// Sets OpenBLAS's thread count for a product of `flops` operations.
    static func prepare(_ blas: BLAS, flops: Double) {
        guard let set = blas.setThreads else { return }
        let want = flops >= threadedFlops ? blas.maxThreads : 1
        guard current.exchange(want, ordering: .relaxed) != want else { return }
        set(Int32(want))
    }
}
