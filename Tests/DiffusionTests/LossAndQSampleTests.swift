import Testing
import Tensor
@testable import Diffusion

@Suite("Loss weights and q_sample")
struct LossAndQSampleTests {
    @Test("Min-SNR-γ and P2 weights match the papers' formulas for every prediction")
    func weights() throws {
        let records = Fixtures.section("loss_weights")
        #expect(records.count == 54)
        for rec in records {
            let name = rec["name"] as? String ?? "", T = int(rec["T"])
            var s = try Schedule.named(name, T: T)
            if rec["zero_terminal_snr"] as? Bool == true { s = try zeroTerminalSNR(s) }
            let scheme = rec["scheme"] as? String ?? "", pred = rec["prediction"] as? String ?? ""
            let got = try lossWeight(s, scheme: scheme, prediction: pred, gamma: optionalNumber(rec["gamma"]),
                                     k: number(rec["k"])).toArray()
            expectClose(got, numbers(rec["values"]), "\(scheme) \(pred) on \(name) T=\(T)")
        }
    }

    @Test("min_snr for ε at SNR = 0 is its limit 1; defaults are γ = 5 and k = 1")
    func limitsAndDefaults() throws {
        let z = try zeroTerminalSNR(try Schedule.named("linear", T: 1000))
        #expect(try lossWeight(z, scheme: "min_snr").toArray().last == 1)
        #expect(try lossWeight(z, scheme: "min_snr", prediction: "v").toArray().last == 0)
        let s = try Schedule.named("cosine", T: 1000)
        let snr = s.snr.toArray()
        #expect(try lossWeight(s, scheme: "min_snr", prediction: "x0").toArray()[0] == 5)
        #expect(try lossWeight(s, scheme: "p2").toArray()[10] == 1 / (1 + snr[10]))
        #expect(invalidMessage { _ = try lossWeight(s, scheme: "snr") }?.contains("min_snr") == true)
        #expect(invalidMessage { _ = try lossWeight(s, scheme: "min_snr", prediction: "sample") } != nil)
        #expect(invalidMessage { _ = try lossWeight(s, scheme: "min_snr", gamma: 0) } != nil)
    }

    @Test("q_sample: x_t = √ᾱ_t·x0 + √(1−ᾱ_t)·noise, t scalar or one per row")
    func qSampleMatches() throws {
        let s = try Schedule.named("cosine", T: 1000)
        for rec in Fixtures.section("q_sample") {
            let x0 = try Tensor((rec["x0"] as? [[Any]] ?? []).flatMap(numbers), shape: [4, 3])
            let noise = try Tensor((rec["noise"] as? [[Any]] ?? []).flatMap(numbers), shape: [4, 3])
            let want = (rec["expected"] as? [[Any]] ?? []).flatMap(numbers)
            let ts = numbers(rec["t"])
            let t = ts.count == 1 ? Tensor(scalar: ts[0]) : try Tensor(ts)
            let got = try qSample(s, x0: x0, t: t, noise: noise)
            #expect(got.shape == [4, 3])
            expectClose(got.toArray(), want, "q_sample t=\(ts)")
        }
        let x = try Tensor([1, 2, 3, 4], shape: [2, 2])
        #expect(invalidMessage { _ = try qSample(s, x0: x, t: Tensor(scalar: 1000), noise: x) }?.contains("out of range") == true)
        #expect(invalidMessage { _ = try qSample(s, x0: x, t: Tensor(scalar: 1.5), noise: x) } != nil)
        #expect(invalidMessage { _ = try qSample(s, x0: x, t: try Tensor([1, 2, 3]), noise: x) } != nil)
        #expect(throws: TensorError.self) { _ = try qSample(s, x0: x, t: Tensor(scalar: 1), noise: try Tensor([1, 2])) }
    }
}
