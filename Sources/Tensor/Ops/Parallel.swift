import Dispatch
import Foundation
import Synchronization

/// Splits elementwise work over the cores. Work below `threshold` elements runs inline on the
/// caller's thread (no dispatch, no interrupt check: it is short). Larger work is cut into
/// `grain`-sized chunks handed out to one worker per core; every worker checks `Interrupt`
/// before each chunk, so a long kernel stops within a chunk's time of a request.
enum Parallel {
    /// Element count from which a kernel is split over the cores.
    static let threshold = 1 << 17
    /// Elements per chunk of parallel work (also the interrupt-check granularity).
    static let grain = 1 << 16
    /// Worker count: the number of active processors.
    static let workers = Swift.max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Throws `.interrupted` if `Interrupt` asks to stop.
    @inline(__always)
    static func check() throws(TensorError) { try Interrupt.check() }

    /// Whether to stop: `Interrupt` or, in tests, an injected request (the process-wide flag
    /// would also stop other tests' kernels).
    @inline(__always)
    static func stopping(_ extra: (() -> Bool)?) -> Bool { Interrupt.isRequested || extra?() == true }

    /// Calls `body(lo, hi)` over disjoint ranges covering `0..<n`, in parallel when `n` is large.
    /// Ranges are multiples of `grain` (except the last), independent of the worker count.
    @inline(__always)
    static func forRanges(_ n: Int, minimum: Int = threshold, stop: (() -> Bool)? = nil,
                          _ body: (Int, Int) -> Void) throws(TensorError) {
        if n < minimum || workers == 1 {
            if n >= minimum { try chunkedSerial(n, stop: stop, body) } else { body(0, n) }
            return
        }
        try parallel(n, stop: stop, body)
    }

    static func chunkedSerial(_ n: Int, stop: (() -> Bool)? = nil, _ body: (Int, Int) -> Void) throws(TensorError) {
        var lo = 0
        while lo < n {
            if stopping(stop) { throw .interrupted }
            let hi = Swift.min(n, lo + grain)
            body(lo, hi)
            lo = hi
        }
    }

    static func parallel(_ n: Int, stop: (() -> Bool)? = nil, _ body: (Int, Int) -> Void) throws(TensorError) {
        let chunks = (n + grain - 1) / grain
        let stop = stop.map { UncheckedBox($0) }
        let next = Atomic<Int>(0)
        let stopped = Atomic<Bool>(false)
        withoutActuallyEscaping(body) { body in
            let box = UncheckedBox(body)
            DispatchQueue.concurrentPerform(iterations: Swift.min(workers, chunks)) { _ in
                while true {
                    if stopping(stop?.value) { stopped.store(true, ordering: .relaxed); return }
                    let c = next.wrappingAdd(1, ordering: .relaxed).oldValue
                    if c >= chunks { return }
                    let lo = c * grain
                    box.value(lo, Swift.min(n, lo + grain))
                }
            }
        }
        if stopped.load(ordering: .relaxed) { throw .interrupted }
    }

    /// Runs `body(i)` for `i` in `0..<count` items in parallel (each item is a larger unit of work,
    /// e.g. a block of rows), checking `Interrupt` between items.
    static func forItems(_ count: Int, parallel: Bool, stop: (() -> Bool)? = nil, _ body: (Int) -> Void) throws(TensorError) {
        if !parallel || workers == 1 || count < 2 {
            for i in 0..<count {
                if stopping(stop) { throw .interrupted }
                body(i)
            }
            return
        }
        let stop = stop.map { UncheckedBox($0) }
        let next = Atomic<Int>(0)
        let stopped = Atomic<Bool>(false)
        withoutActuallyEscaping(body) { body in
            let box = UncheckedBox(body)
            DispatchQueue.concurrentPerform(iterations: Swift.min(workers, count)) { _ in
                while true {
                    if stopping(stop?.value) { stopped.store(true, ordering: .relaxed); return }
                    let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
                    if i >= count { return }
                    box.value(i)
                }
            }
        }
        if stopped.load(ordering: .relaxed) { throw .interrupted }
    }
}

/// Carries a non-Sendable value (a kernel closure over raw pointers to disjoint output ranges)
/// into the workers of `concurrentPerform`, which all finish before the caller continues.
struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
