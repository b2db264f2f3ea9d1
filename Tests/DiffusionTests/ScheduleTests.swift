import CKernels
import Foundation
import Testing
import Tensor
@testable import Diffusion

/// Every field of a schedule against a fixture record's "fields".
func expectFields(_ s: Schedule, _ rec: Fixtures.Record, _ label: String,
                  sourceLocation: SourceLocation = #_sourceLocation) {
    let fields = rec["fields"] as? Fixtures.Record ?? [:]
    #expect(fields.count == 9, "\(label): fixture has \(fields.count) fields", sourceLocation: sourceLocation)
    for (name, tensor) in s.tensorFields where name != "timesteps" {
        expectClose(tensor.toArray(), numbers(fields[name]), "\(label) \(name)", sourceLocation: sourceLocation)
    }
}

@Suite("Schedules")
struct ScheduleTests {
    @Test("named schedules match guided-diffusion / diffusers / DDPM in every field")
    func namedMatchFixtures() throws {
        let records = Fixtures.section("schedules")
        #expect(records.count >= 30)
        for rec in records {
            let name = rec["name"] as? String ?? "", T = int(rec["T"])
            let s = try Schedule.named(name, T: T, betaStart: optionalNumber(rec["beta_start"]),
                                       betaEnd: optionalNumber(rec["beta_end"]))
            #expect(s.T == T && s.name == name)
            expectFields(s, rec, "\(name) T=\(T)")
            #expect(s.timesteps.toArray() == (0..<T).map(Double.init))
        }
    }

    /// The docs promise more than 1e-12: the operations are numpy's, in numpy's order, so every
    /// field but log-SNR (a vectorised log within 1 ulp) is the very same double as the
    /// reference arrays — cosine included, whose ᾱ come from the same glibc `cos` and `pow` as
    /// Python's `math.cos(…) ** 2`. (sigmoid is left out: numpy's SIMD `exp` and glibc's may
    /// differ in the last bit; it is held to 1e-12 above.) The reference values were computed
    /// with glibc's libm on Linux; another libm (macOS) may round `cos` or `pow` differently.
    @Test("named schedules other than sigmoid are bit-identical to the reference arrays (log-SNR within 1e-15)")
    func bitIdentical() throws {
        var checked = 0
        for rec in Fixtures.section("schedules") {
            let name = rec["name"] as? String ?? "", T = int(rec["T"])
            guard name != "sigmoid" else { continue }
            let s = try Schedule.named(name, T: T, betaStart: optionalNumber(rec["beta_start"]),
                                       betaEnd: optionalNumber(rec["beta_end"]))
            let fields = rec["fields"] as? Fixtures.Record ?? [:]
            for (field, tensor) in s.tensorFields where field != "timesteps" {
                let got = tensor.toArray(), want = numbers(fields[field])
                if field == "log_snr" {
                    expectClose(got, want, "\(name) T=\(T) log_snr", rel: 1e-15)
                } else {
                    let first = got.indices.first { got[$0] != want[$0] }
                    #expect(got.count == want.count && first == nil,
                            "\(name) T=\(T) \(field)[\(first ?? -1)]: \(first.map { got[$0] } ?? 0) vs \(first.map { want[$0] } ?? 0)")
                }
            }
            checked += 1
        }
        #expect(checked >= 20)
    }

    @Test("betas outside (0, 1] are an error, e.g. linear with T < 20")
    func invalidBetas() {
        for rec in Fixtures.section("invalid_schedules") {
            let name = rec["name"] as? String ?? "", T = int(rec["T"])
            let msg = invalidMessage { _ = try Schedule.named(name, T: T) }
            #expect(msg?.contains("(0, 1]") == true, "\(name) T=\(T): \(msg ?? "no error")")
        }
        #expect(invalidMessage { _ = try Schedule.named("linear", T: 10) }?.contains("T ≥ 20") == true)
        #expect(invalidMessage { _ = try Schedule(betas: [0.1, 0, 0.2]) }?.hasSuffix("β[1] = 0") == true)
        #expect(invalidMessage { _ = try Schedule(betas: [0.1, .nan]) } != nil)
        #expect(invalidMessage { _ = try Schedule(betas: [1.5]) } != nil)
        #expect(invalidMessage { _ = try Schedule(betas: []) }?.contains("T ≥ 1") == true)
    }

    @Test("T = 1 works for every schedule except where β would leave (0, 1]; T < 1 is an error")
    func smallT() throws {
        for name in Schedule.names {
            let s = try Schedule.named(name, T: 1)
            #expect(s.alphaBarPrev.toArray() == [1.0])
            #expect(s.posteriorVariance.toArray() == [0.0])
        }
        #expect(try Schedule.named("linear", T: 1).betas.toArray() == [1000 / 1.0 * 0.0001])
        #expect(invalidMessage { _ = try Schedule.named("cosine", T: 0) }?.contains("T ≥ 1") == true)
        #expect(invalidMessage { _ = try Schedule.named("cosine", T: -5) } != nil)
        // Sizes beyond the memory cap are errors, not crashes.
        #expect(throws: TensorError.self) { _ = try Schedule.named("cosine", T: Int.max / 2) }
        #expect(throws: TensorError.self) { _ = try timesteps(T: Int.max, n: Int.max - 1) }
        #expect(throws: TensorError.self) { _ = try karrasSigmas(n: Int.max, sigmaMin: 0.002, sigmaMax: 80) }
    }

    @Test("an unknown name lists the valid ones; misplaced ends are refused")
    func unknownName() {
        let msg = invalidMessage { _ = try Schedule.named("cosin", T: 10) } ?? ""
        for name in Schedule.names { #expect(msg.contains(name)) }
        #expect(invalidMessage { _ = try Schedule.named("cosine", T: 10, betaStart: 0.1) } != nil)
        #expect(invalidMessage { _ = try Schedule.named("const", T: 10, betaStart: 0.1) } != nil)
        #expect(invalidMessage { _ = try Schedule.named("linear", T: 10, betaStart: 0.1, betaEnd: 2) } != nil)
    }

    @Test("custom betas give the same derived fields; jsd's final β = 1 gives SNR 0 and log-SNR −inf")
    func customBetas() throws {
        let cos = try Schedule.named("cosine", T: 50)
        let custom = try Schedule(betas: cos.betas)
        #expect(custom.name == "custom")
        for ((_, a), (_, b)) in zip(custom.tensorFields, cos.tensorFields) { #expect(a.toArray() == b.toArray()) }
        let jsd = try Schedule.named("jsd", T: 4)
        #expect(jsd.betas.toArray().last == 1)
        #expect(jsd.snr.toArray().last == 0)
        #expect(jsd.logSNR.toArray().last == -.infinity)
        #expect(invalidMessage { _ = try Schedule(betas: Tensor([0.1, 0.2, 0.3, 0.4], shape: [2, 2])) } != nil)
    }
}

@Suite("Python's x ** 2")
struct PythonSquareTests {
    /// The kernel takes `x * x` unless the rounding is close enough to a tie for glibc's `pow`
    /// to choose the other neighbour; over many inputs (odd counts, so the scalar tail runs too)
    /// it must equal `pow(x, 2)` always, and inputs where `x * x` differs must be among them
    /// (else the test proves nothing).
    @Test("dtr_python_square_f64 equals pow(x, 2.0) bit for bit, where x * x sometimes is not")
    func matchesLibmPow() {
        var generator = SplitMix64(seed: 20261127)
        var mismatches: [Double] = [], squareDiffers = 0
        // Magnitudes near 1 (the cosine schedule's), tiny and huge ones (pow's looser bound).
        let scales = [1.0, 1e-150, 1e150, 3e-40, 7e40]
        for round in 0..<40 {
            let xs = (0..<(10_000 + round)).map { k -> Double in
                let u = Double(generator.next() >> 11) * 0x1p-53 * 2 - 1
                return (k % 2 == 0 ? u : cos(u * 1.6)) * scales[k % scales.count]
            }
            var squared = xs
            dtr_python_square_f64(&squared, squared.count)
            for (x, got) in zip(xs, squared) {
                let want = dtr_libm_pow2(x)
                if got != want, mismatches.count < 5 { mismatches.append(x) }
                if x * x != want { squareDiffers += 1 }
            }
        }
        #expect(mismatches.isEmpty, "differs from pow for x = \(mismatches.map { String($0) })")
        #expect(squareDiffers > 50, "x * x differed from pow only \(squareDiffers) times")
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014): a small seeded generator, so a failing input can be
/// reproduced.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
