import Synchronization

/// How many OpenBLAS threads a matrix product gets, by its size: small products run on one
/// thread, large ones on all of OpenBLAS's threads (as OpenBLAS's own interface and numpy
/// switch by size, but with a threshold measured for this kind of product: OpenBLAS's own,
/// m·n·k ≥ 262 144, wakes the pool for products that are over in microseconds, and its idle
/// threads then spin in `sched_yield`, which showed up as as much `sys` as `user` time in
/// the training notebooks).
///
/// Crossover, measured on the project's 2-core machine (AVX2; Debian's OpenBLAS 0.3.21 with
/// Haswell kernels), dgemm time on 2 threads / 1 thread, best of 5, on two occasions while
/// other engineers' builds loaded the machine (load 14 and 10), so noisy:
///
/// | m×n×k | 2·m·n·k | load 14 | load 10 |
/// |---|---|---|---|
/// | 256×64×64 | 2.1 M | 1.26 | 13.98 |
/// | 128³ | 4.2 M | 1.23 | 1.46 |
/// | 192³ | 14 M | 1.62 | 2.27 |
/// | 256³ | 34 M | 1.25 | 1.32 |
/// | 384³ | 113 M | 1.01 | 0.84 |
/// | 512³ | 268 M | 0.96 | 0.81 |
///
/// Two threads start to pay between 256³ and 384³; the threshold, 2·m·n·k ≥ 64 MFLOP
/// (≈ 320³), sits between them and keeps every product of the training notebooks' MLPs
/// (batch 256, hidden 64: ≤ 8 MFLOP) on one thread. `OPENBLAS_NUM_THREADS` or
/// `OMP_NUM_THREADS`, when set, is respected instead.
enum BLASThreads {
    /// Products of at least this many floating-point operations (2·m·n·k) use every thread.
    static let threadedFlops = 64_000_000.0
    /// The thread count last set (0: not set yet), so switching costs a call only on change.
    private static let current = Atomic<Int>(0)

    /// The threads a product of `flops` operations gets out of `available`.
    static func threads(forFlops flops: Double, available: Int) -> Int {
        flops >= threadedFlops ? available : 1
    }

    /// Sets OpenBLAS's thread count for a product of `flops` operations.
    static func prepare(_ blas: BLAS, flops: Double) {
        guard let set = blas.setThreads else { return }
        let want = threads(forFlops: flops, available: blas.maxThreads)
        guard current.exchange(want, ordering: .relaxed) != want else { return }
        set(Int32(want))
    }
}
