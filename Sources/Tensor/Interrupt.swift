import Synchronization

/// A process-wide interrupt request (Ctrl-C, a cell timeout). The engine polls it between
/// chunks of long kernels and throws `TensorError.interrupted`; the language layer sets it
/// from its signal handler and clears it when control returns to the user.
public enum Interrupt {
    private static let flag = Atomic<Bool>(false)

    /// Ask running computations to stop at their next safe point.
    public static func request() { flag.store(true, ordering: .relaxed) }
    /// Forget a pending request.
    public static func clear() { flag.store(false, ordering: .relaxed) }
    /// Whether a request is pending.
    public static var isRequested: Bool { flag.load(ordering: .relaxed) }

    /// Throws `TensorError.interrupted` if a request is pending. Cheap: one relaxed load.
    @inline(__always)
    public static func check() throws(TensorError) {
        if flag.load(ordering: .relaxed) { throw .interrupted }
    }

    /// Elements processed per chunk by long kernels between interrupt checks.
    public static let chunkElements = 1 << 20
}
