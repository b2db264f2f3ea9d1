import Testing
import Tensor
@testable import Diffusion

@Suite("Routing analysis")
struct RouteAnalysisTests {
    @Test("affinity, overlap and usage match numpy's IoU (m @ m.T), empty rows included")
    func matchesNumpy() throws {
        let records = Fixtures.section("affinity")
        #expect(records.count == 3)
        for rec in records {
            let label = rec["label"] as? String ?? ""
            let rows = rec["matrix"] as? [[Any]] ?? []
            let m = try Tensor(rows.flatMap(numbers), shape: [rows.count, rows.first?.count ?? 0])
            let want = (rec["affinity"] as? [[Any]] ?? []).flatMap(numbers)
            expectClose(try affinity(m).toArray(), want, "affinity \(label)", rel: 1e-14)
            expectClose(try usage(m).toArray(), numbers(rec["usage"]), "usage \(label)")
            for lag in [0, 1, 3] {
                expectClose(try overlap(m, lag: lag).toArray(), numbers(rec["overlap_lag\(lag)"]), "overlap \(label) lag \(lag)",
                            rel: 1e-14)
            }
        }
    }

    /// The float (Tanimoto) affinity of a T×C mask, for comparison with the bit-packed path.
    func floatAffinity(_ m: Tensor) throws -> [Double] {
        let (T, C) = (m.shape[0], m.shape[1])
        let p = m.toArray()
        var slow = [Double](repeating: 0, count: T * T)
        try p.withUnsafeBufferPointer { b in
            try slow.withUnsafeMutableBufferPointer { o in
                if let base = b.baseAddress, let out = o.baseAddress {
                    try tanimotoMatrix(base, rows: T, cols: C, into: out)
                }
            }
        }
        return slow
    }

    @Test("the bit-packed affinity equals the float formula (DTR mask; random mask with empty rows)")
    func bitsEqualFloat() throws {
        let m = try route(name: "dtr", T: 200, C: 1152)
        let fast = try affinity(m).toArray()
        #expect(fast == (try floatAffinity(m)))
        var r = try route(name: "random", T: 101, C: 130, beta: 0.2, seed: 3).toArray()
        for c in 0..<130 { r[7 * 130 + c] = 0; r[50 * 130 + c] = 0 }
        let rm = try Tensor(r, shape: [101, 130])
        let ra = try affinity(rm).toArray()
        #expect(ra == (try floatAffinity(rm)))
        #expect(ra[7 * 101 + 50] == 1 && ra[7 * 101 + 8] == 0)
        // Single runs of ones (the O(1) path), some rows empty, some touching the ends.
        let runs = try route(T: 90, C: 70) { t in
            (0..<70).map { c in t % 9 == 4 ? 0 : (c >= (t * 7) % 40 && c < (t * 7) % 40 + 1 + t % 31 ? 1 : 0) }
        }
        #expect(try affinity(runs).toArray() == (try floatAffinity(runs)))
        // A value that is neither 0 nor 1 takes the float formula.
        let soft = try Tensor([1, 0, 1e-300, 1, 1, 0], shape: [2, 3])
        #expect(try affinity(soft).toArray() == (try floatAffinity(soft)))
        #expect((0..<200).allSatisfy { fast[$0 * 201] == 1 })
        let ov = try overlap(m).toArray()
        #expect(ov.count == 199 && ov.allSatisfy { $0 > 0.98 } && ov[0] == 1)
        #expect(invalidMessage { _ = try overlap(m, lag: 200) } != nil)
        #expect(invalidMessage { _ = try affinity(try Tensor([1, 0, 1])) } != nil)
    }

    @Test("apply_route: block(x·m[t]) + x·(1 − m[t]), t scalar or per row")
    func applyRouteMixes() throws {
        let m = try Tensor([1, 1, 0, 0, 0, 1, 1, 0], shape: [2, 4])
        let x = try Tensor([1, 2, 3, 4, 5, 6, 7, 8], shape: [2, 4])
        var seen: [Double] = []
        let double: (Tensor) throws -> Tensor = { r in
            seen = r.toArray()
            return try Tensor(r.toArray().map { $0 * 10 }, shape: r.shape)
        }
        let perRow = try applyRoute(x, mask: m, t: try Tensor([0, 1]), block: double)
        #expect(seen == [1, 2, 0, 0, 0, 6, 7, 0])
        #expect(perRow.toArray() == [10, 20, 3, 4, 5, 60, 70, 8])
        let shared = try applyRoute(x, mask: m, t: Tensor(scalar: 1), block: double)
        #expect(shared.toArray() == [1, 20, 30, 4, 5, 60, 70, 8])
        #expect(throws: TensorError.self) { _ = try applyRoute(x, mask: m, t: Tensor(scalar: 2), block: double) }
        #expect(throws: TensorError.self) {
            _ = try applyRoute(x, mask: m, t: Tensor(scalar: 0)) { _ in try Tensor([1, 2]) }
        }
        #expect(throws: TensorError.self) {
            _ = try applyRoute(try Tensor([1, 2, 3]), mask: m, t: Tensor(scalar: 0), block: double)
        }
    }
}
