import Dispatch
import Synchronization

/// A seeded source of random tensors, built on Philox-4x32-10 (see `Philox`).
///
/// Reproducibility contract: the numbers depend only on the seed and on the sequence of calls,
/// never on the machine, the run or the number of threads. Each call takes fresh stream ids
/// from the generator (one per block of `RandomGenerator.blockSize` elements); block `i` of a call
/// always reads Philox stream `first + i` from position 0, so blocks can be filled in
/// parallel in any order and give the same tensor.
public struct RandomGenerator: Sendable {
    /// The seed (the 64-bit Philox key).
    public let seed: UInt64
    /// The next unused stream id.
    var nextStream: UInt64 = 0

    /// Elements per block (one Philox stream each); also the interrupt granularity.
    static let blockSize = 1 << 16

    /// A generator at the start of the sequence for `seed`.
    public init(seed: UInt64) { self.seed = seed }

    /// Reserves `count` consecutive stream ids and returns the first.
    mutating func reserve(_ count: Int) -> UInt64 {
        let first = nextStream
        nextStream &+= UInt64(Swift.max(count, 1))
        return first
    }
}

/// A pointer that may cross into worker threads (each worker writes disjoint ranges).
struct SendablePointer<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
}

extension RandomGenerator {
    /// Upper bound on worker threads used to fill large tensors (results never depend on it).
    static let threadLimit = Atomic<Int>(defaultThreads())

    static func defaultThreads() -> Int {
        let n = sysconf(Int32(_SC_NPROCESSORS_ONLN))
        return Swift.max(1, Swift.min(n, 8))
    }

    /// Calls `body(block, stream)` for every block of an `n`-element fill, on up to
    /// `threadLimit` threads; checks `Interrupt` between blocks.
    mutating func forEachBlock(_ n: Int, _ body: @Sendable (_ range: Range<Int>, _ stream: inout PhiloxStream) -> Void) throws(TensorError) {
        let bs = RandomGenerator.blockSize
        let blocks = (n + bs - 1) / bs
        let first = reserve(blocks)
        let seed = self.seed
        let threads = Swift.min(RandomGenerator.threadLimit.load(ordering: .relaxed), blocks)
        if threads <= 1 {
            for b in 0..<blocks {
                try Interrupt.check()
                PhiloxStream.with(seed: seed, stream: first &+ UInt64(b)) { s in
                    body(b * bs ..< Swift.min(n, (b + 1) * bs), &s)
                }
            }
            return
        }
        let nextBlock = Atomic<Int>(0)
        withoutActuallyEscaping(body) { body in
            DispatchQueue.concurrentPerform(iterations: threads) { _ in
                while !Interrupt.isRequested {
                    let b = nextBlock.add(1, ordering: .relaxed).oldValue
                    if b >= blocks { break }
                    PhiloxStream.with(seed: seed, stream: first &+ UInt64(b)) { s in
                        body(b * bs ..< Swift.min(n, (b + 1) * bs), &s)
                    }
                }
            }
        }
        try Interrupt.check()
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
