import Testing
import Tensor
@testable import Diffusion

/// Row t: ones on [starts[t], starts[t] + k).
func windowMask(C: Int, k: Int, starts: [Double]) -> [Double] {
    var m = [Double](repeating: 0, count: starts.count * C)
    for (t, s) in starts.enumerated() {
        let s = Int(s)
        for c in s..<(s + k) { m[t * C + c] = 1 }
    }
    return m
}

@Suite("Routing masks")
struct RouteTests {
    @Test("dtr masks equal the official create_mask_tasks, half-way ties included")
    func dtrMatchesOfficial() throws {
        let records = Fixtures.section("masks")
        #expect(records.count >= 30)
        #expect(records.reduce(0) { $0 + int($1["ties"]) } >= 100)
        for rec in records {
            let T = int(rec["T"]), C = int(rec["C"]), k = int(rec["k"])
            let beta = number(rec["beta"]), alpha = number(rec["alpha"])
            #expect(try activeChannels(C: C, beta: beta) == k, "k for C=\(C) β=\(beta)")
            let m = try route(name: "dtr", T: T, C: C, beta: beta, alpha: alpha)
            #expect(m.shape == [T, C])
            let want = windowMask(C: C, k: k, starts: numbers(rec["starts"]))
            #expect(m.toArray() == want, "dtr T=\(T) C=\(C) β=\(beta) α=\(alpha)")
        }
    }

    @Test("k = int(C·β) uses Python's float product: int(10·0.3) = 3, int(1152·0.8) = 921")
    func truncation() throws {
        #expect(try activeChannels(C: 10, beta: 0.3) == 3)
        #expect(try activeChannels(C: 1152, beta: 0.8) == 921)
        #expect(try activeChannels(C: 100, beta: 0.29) == 28) // 100·0.29 = 28.999999999999996
        let m = try route(name: "dtr", T: 1000, C: 1152)
        let rows = m.toArray()
        #expect(rows[0..<1152].firstIndex(of: 1) == 0)
        #expect(rows[(999 * 1152)..<(1000 * 1152)].firstIndex(of: 1) == 999 * 1152 + 231)
    }

    @Test("interval masks share row i of route(\"dtr\", K, C) over [int(T·i/K), int(T·(i+1)/K))")
    func interval() throws {
        for rec in Fixtures.section("intervals") {
            let T = int(rec["T"]), C = int(rec["C"]), K = int(rec["clusters"]), k = int(rec["k"])
            let m = try route(name: "interval", T: T, C: C, beta: number(rec["beta"]), alpha: number(rec["alpha"]),
                              clusters: K)
            #expect(m.toArray() == windowMask(C: C, k: k, starts: numbers(rec["starts"])), "interval T=\(T) K=\(K)")
        }
        #expect(invalidMessage { _ = try route(name: "interval", T: 10, C: 4) }?.contains("clusters") == true)
        #expect(invalidMessage { _ = try route(name: "interval", T: 10, C: 4, clusters: 11) } != nil)
        #expect(invalidMessage { _ = try route(name: "interval", T: 10, C: 4, clusters: 0) } != nil)
    }

    @Test("random masks keep exactly k channels per task, reproducibly from the seed")
    func random() throws {
        for (C, beta) in [(1152, 0.8), (100, 0.3), (7, 0.5), (5, 1.0)] {
            let m = try route(name: "random", T: 200, C: C, beta: beta, seed: 42)
            let k = try activeChannels(C: C, beta: beta)
            let v = m.toArray()
            for t in 0..<200 {
                let row = v[(t * C)..<((t + 1) * C)]
                #expect(row.allSatisfy { $0 == 0 || $0 == 1 })
                #expect(row.reduce(0, +) == Double(k), "row \(t) of C=\(C)")
            }
            #expect(try route(name: "random", T: 200, C: C, beta: beta, seed: 42).toArray() == v)
        }
        let a = try route(name: "random", T: 50, C: 64, beta: 0.5, seed: 1).toArray()
        let b = try route(name: "random", T: 50, C: 64, beta: 0.5, seed: 2).toArray()
        #expect(a != b)
        // Every channel is used about T·β times (binomial: mean 2000·0.3 = 600, sd ≈ 20.5).
        let u = try usage(try route(name: "random", T: 2000, C: 40, beta: 0.3, seed: 7)).toArray()
        #expect(u.allSatisfy { abs($0 - 600) < 110 })
    }

    @Test("dense is all ones; bad arguments are clear errors")
    func denseAndErrors() throws {
        #expect(try route(name: "dense", T: 3, C: 2).toArray() == [1, 1, 1, 1, 1, 1])
        #expect(invalidMessage { _ = try route(name: "dtrr", T: 3, C: 2) }?.contains("dtr, random, dense, interval") == true)
        #expect(invalidMessage { _ = try route(name: "dtr", T: 0, C: 2) }?.contains("T ≥ 1") == true)
        #expect(invalidMessage { _ = try route(name: "dtr", T: 3, C: 0) }?.contains("C ≥ 1") == true)
        #expect(invalidMessage { _ = try route(name: "dtr", T: 3, C: 4, beta: 0) }?.contains("beta") == true)
        #expect(invalidMessage { _ = try route(name: "dtr", T: 3, C: 4, beta: 1.2) }?.contains("beta") == true)
        #expect(invalidMessage { _ = try route(name: "dtr", T: 3, C: 4, beta: 0.1) }?.contains("no channel") == true)
        #expect(invalidMessage { _ = try route(name: "dtr", T: 3, C: 4, alpha: 0) }?.contains("alpha") == true)
        #expect(invalidMessage { _ = try route(name: "dtr", T: 3, C: 4, alpha: -.infinity) } != nil)
        #expect(throws: TensorError.self) { _ = try route(name: "dense", T: 1 << 40, C: 1 << 40) }
    }

    @Test("a user function gives the rows; wrong length or non-0/1 values name t")
    func userFunction() throws {
        let m = try route(T: 3, C: 4) { t in (0..<4).map { $0 <= t ? 1 : 0 } }
        #expect(m.toArray() == [1, 0, 0, 0, 1, 1, 0, 0, 1, 1, 1, 0])
        #expect(invalidMessage { _ = try route(T: 3, C: 4) { t in t == 2 ? [1, 1] : [1, 0, 0, 1] } }?
            .contains("t = 2") == true)
        #expect(invalidMessage { _ = try route(T: 3, C: 4) { t in t == 1 ? [1, 0.5, 0, 1] : [1, 0, 0, 1] } }?
            .contains("t = 1") == true)
        #expect(invalidMessage { _ = try route(T: 0, C: 4) { _ in [] } } != nil)
    }
}
