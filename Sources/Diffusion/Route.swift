import Tensor
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The routing mask names `route(name:…)` accepts.
public let routeNames = ["dtr", "random", "dense", "interval"]

/// A T×C f64 mask of zeros and ones: row t holds the channels a block reads for denoising
/// task (timestep) t.
///
/// - `"dtr"`: Denoising Task Routing (Park et al., ICLR 2024), identical to the official
///   `create_mask_tasks`: k = int(C·β) (Python's float product, truncated);
///   start_t = round(linspace(0, 1, T)[t]^α · (C − k)) with numpy's linspace and half-to-even
///   rounding; ones on [start_t, start_t + k). The window slides slowly at small t and fast at
///   large t when α > 1. Defaults β = 0.8 (sharing ratio), α = 4.
/// - `"random"`: Task Routing (Strezoski et al., ICCV 2019; the DTR paper's R-TR baseline):
///   k = int(C·β) channels chosen uniformly at random per task, reproducibly from `seed`
///   (the engine's Philox generator for that seed, as `rand(…, seed:)`, driving Floyd's subset
///   sampling of the smaller of the on/off sets).
/// - `"dense"`: all ones (no routing).
/// - `"interval"`: `clusters` K groups of timesteps; tasks in [int(T·i/K), int(T·(i+1)/K))
///   share row i of `route("dtr", T: K, C, …)` (the DTR code's cluster bounds).
///
/// Errors: T < 1, C < 1, β outside (0, 1], int(C·β) = 0, α ≤ 0 or not finite, clusters missing
/// or outside 1…T (interval), an unknown name.
public func route(name: String, T: Int, C: Int, beta: Double = 0.8, alpha: Double = 4,
                  seed: UInt64 = 0, clusters: Int? = nil) throws(TensorError) -> Tensor {
    guard routeNames.contains(name) else {
        throw .invalidArgument("unknown route \"\(name)\"; valid names: \(routeNames.joined(separator: ", ")) (or a function)")
    }
    guard T >= 1 else { throw .invalidArgument("route needs T ≥ 1 tasks, got T = \(T)") }
    guard C >= 1 else { throw .invalidArgument("route needs C ≥ 1 channels, got C = \(C)") }
    let m = try Tensor(uninitialized: [T, C])
    let p = m.storage.f64
    if name == "dense" {
        p.initialize(repeating: 1, count: T * C)
        return m
    }
    let k = try activeChannels(C: C, beta: beta)
    switch name {
    case "dtr":
        let starts = try dtrStarts(T: T, C: C, k: k, alpha: alpha)
        try fillWindows(p, C: C, k: k, starts: starts)
    case "random":
        try fillRandom(p, T: T, C: C, k: k, seed: seed)
    default: // interval
        guard let K = clusters else { throw .invalidArgument("route \"interval\" needs clusters: K") }
        guard K >= 1, K <= T else {
            throw .invalidArgument("route \"interval\" needs 1 ≤ clusters ≤ T = \(T), got \(K)")
        }
        let rowStarts = try dtrStarts(T: K, C: C, k: k, alpha: alpha)
        var starts = [Int](repeating: 0, count: T)
        for i in 0..<K {
            // int(T*i/K) in Python: the float quotient of integers below 2^53 truncates to the
            // same value as integer division (its distance from an integer is ≥ 1/K > ulp).
            let lo = T * i / K, hi = T * (i + 1) / K
            for t in lo..<hi { starts[t] = rowStarts[i] }
        }
        try fillWindows(p, C: C, k: k, starts: starts)
    }
    return m
}

/// k = int(C·β), validated.
func activeChannels(C: Int, beta: Double) throws(TensorError) -> Int {
    guard beta > 0, beta <= 1 else { throw .invalidArgument("route needs beta in (0, 1], got \(beta)") }
    let product = Double(C) * beta
    guard let k = Numpy.int(product), k >= 1 else {
        throw .invalidArgument("route keeps no channel: int(C·beta) = int(\(C)·\(beta)) = 0")
    }
    return Swift.min(k, C)
}

/// start_t = round(linspace(0, 1, T)[t]^α · (C − k)), half to even, as `create_mask_tasks`.
func dtrStarts(T: Int, C: Int, k: Int, alpha: Double) throws(TensorError) -> [Int] {
    guard alpha > 0, alpha.isFinite else { throw .invalidArgument("route needs alpha > 0, got \(alpha)") }
    let free = Double(C - k)
    var out = [Int](repeating: 0, count: T)
    for t in 0..<T {
        let s = Numpy.round(pow(Numpy.linspace(0, 1, T, t), alpha) * free)
        // 0 ≤ s ≤ C − k since the linspace lies in [0, 1]; clamp defensively.
        out[t] = Swift.max(0, Swift.min(C - k, Int(exactly: s) ?? 0))
    }
    return out
}

/// Row t: zeros, then ones on [starts[t], starts[t] + k).
func fillWindows(_ p: UnsafeMutablePointer<Double>, C: Int, k: Int, starts: [Int]) throws(TensorError) {
    let rowsPerCheck = Swift.max(1, Interrupt.chunkElements / C)
    for t in 0..<starts.count {
        if t % rowsPerCheck == 0 { try Interrupt.check() }
        let row = p + t * C, s = starts[t]
        if s > 0 { row.initialize(repeating: 0, count: s) }
        (row + s).initialize(repeating: 1, count: k)
        if s + k < C { (row + s + k).initialize(repeating: 0, count: C - s - k) }
    }
}

/// Each row: k of the C channels on, uniformly at random. Floyd's algorithm picks
/// m = min(k, C − k) distinct channels (marking them in the row itself), which become the
/// ones when k ≤ C/2 and the zeros otherwise. Its T×m random draws are the uniforms
/// `Random.rand([T, m], seed:)` of the engine's Philox generator (step j takes
/// ⌊u·(j + 1)⌋, within 2⁻⁴⁰ of uniform for any C a mask can have).
func fillRandom(_ p: UnsafeMutablePointer<Double>, T: Int, C: Int, k: Int, seed: UInt64) throws(TensorError) {
    let pickOnes = k <= C - k
    let m = pickOnes ? k : C - k
    let background: Double = pickOnes ? 0 : 1, mark: Double = pickOnes ? 1 : 0
    let uniforms = m == 0 ? nil : try Random.rand([T, m], seed: seed)
    let rowsPerCheck = Swift.max(1, Interrupt.chunkElements / C)
    for t in 0..<T {
        if t % rowsPerCheck == 0 { try Interrupt.check() }
        let row = p + t * C
        row.initialize(repeating: background, count: C)
        guard let uniforms else { continue }
        let u = uniforms.storage.f64 + uniforms.offset + t * m
        for (i, j) in ((C - m)..<C).enumerated() {
            let r = Swift.min(j, Int(u[i] * Double(j + 1)))
            if row[r] == mark { row[j] = mark } else { row[r] = mark }
        }
    }
}
