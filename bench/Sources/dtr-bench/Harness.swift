import Foundation

/// One benchmark workload: `run` performs one repetition of the work being timed.
/// Each suite's file contributes a function returning its cases (see main.swift).
struct BenchCase {
    let suite: String
    let name: String
    /// Repetitions after the warm-up at least (cases of many seconds use fewer).
    var minReps = 5
    let run: () throws -> Void
}

/// Timing of one case: the median and the number of repetitions behind it.
struct BenchResult {
    let suite: String
    let name: String
    let medianSeconds: Double
    let repetitions: Int
}

/// Runs `c` once to warm up, then repeatedly until `budget` seconds have passed (at least
/// `minReps`, at most `maxReps` repetitions), and reports the median wall time — the rule of
/// the peers' `peerlib.measure`, so microsecond cases get a whole second of samples on both sides.
func measure(_ c: BenchCase, budget: Double = 1.0, minReps: Int = 5, maxReps: Int = 5_000_000) throws -> BenchResult {
    try c.run()
    var times: [Double] = []
    let start = DispatchTime.now().uptimeNanoseconds
    while times.count < minReps
        || (times.count < maxReps && Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 < budget) {
        let t0 = DispatchTime.now().uptimeNanoseconds
        try c.run()
        let t1 = DispatchTime.now().uptimeNanoseconds
        times.append(Double(t1 - t0) / 1e9)
    }
    times.sort()
    return BenchResult(suite: c.suite, name: c.name, medianSeconds: times[times.count / 2], repetitions: times.count)
}

/// Keeps a value alive so the optimiser cannot drop the work that produced it.
@inline(never) func blackHole<T>(_ x: T) { withExtendedLifetime(x) {} }
