import Testing
import Tensor
@testable import Diffusion

@Suite("Schedule tools")
struct ScheduleToolsTests {
    @Test("zero terminal SNR matches Lin et al.'s Algorithm 1: last β = 1, first √ᾱ kept")
    func zeroTerminal() throws {
        let records = Fixtures.section("zero_terminal_snr")
        #expect(records.count == 6)
        for rec in records {
            let name = rec["name"] as? String ?? "", T = int(rec["T"])
            let base = try Schedule.named(name, T: T, betaStart: optionalNumber(rec["beta_start"]),
                                          betaEnd: optionalNumber(rec["beta_end"]))
            let z = try zeroTerminalSNR(base)
            expectFields(z, rec, "zero_terminal_snr(\(name), \(T))")
            #expect(z.betas.toArray().last == 1)
            #expect(z.snr.toArray().last == 0)
            #expect(z.logSNR.toArray().last == -.infinity)
            #expect(close(z.sqrtAlphaBar.toArray()[0], base.sqrtAlphaBar.toArray()[0], rel: 1e-15))
        }
        #expect(invalidMessage { _ = try zeroTerminalSNR(try Schedule.named("cosine", T: 1)) }?.contains("T ≥ 2") == true)
        // ᾱ already 0 before the last step cannot be rescaled.
        #expect(invalidMessage { _ = try zeroTerminalSNR(try Schedule(betas: [0.1, 1, 0.5])) } != nil)
    }

    @Test("respacing keeps guided-diffusion's timesteps and ᾱ on them")
    func respacing() throws {
        let records = Fixtures.section("respace")
        #expect(records.count == 11)
        for rec in records {
            let name = rec["name"] as? String ?? "", T = int(rec["T"]), n = int(rec["n"])
            let s = try respace(try Schedule.named(name, T: T), n: n)
            #expect(s.T == n)
            #expect(s.timesteps.toArray() == numbers(rec["timesteps"]), "\(name) \(T)→\(n)")
            expectFields(s, rec, "respace(\(name) \(T), \(n))")
        }
        let base = try Schedule.named("linear", T: 1000)
        #expect(invalidMessage { _ = try respace(base, n: 0) } != nil)
        #expect(invalidMessage { _ = try respace(base, n: 1001) } != nil)
        // Respacing a respaced schedule maps back to the original timesteps.
        let twice = try respace(try respace(base, n: 100), n: 10)
        #expect(twice.timesteps.toArray() == [0, 111, 222, 333, 444, 555, 666, 777, 888, 999])
    }

    @Test("timesteps match diffusers' DDIMScheduler.set_timesteps spacings")
    func spacings() throws {
        let records = Fixtures.section("timesteps")
        #expect(records.count >= 100)
        for rec in records {
            let T = int(rec["T"]), n = int(rec["n"]), spacing = rec["spacing"] as? String ?? ""
            let got = try timesteps(T: T, n: n, spacing: spacing).toArray()
            #expect(got == numbers(rec["values"]), "T=\(T) n=\(n) \(spacing)")
        }
        // diffusers' float arange overshoots for some (T, n) and appends a spurious −1; dtr keeps n.
        let overshoots = records.filter { $0["diffusers_len"] != nil }
        #expect(overshoots.count >= 3)
        for rec in overshoots { #expect(int(rec["diffusers_len"]) == int(rec["n"]) + 1) }
        #expect(try timesteps(T: 15, n: 13, spacing: "trailing").toArray().allSatisfy { $0 >= 0 })
        #expect(try timesteps(T: 1000, n: 10, spacing: "trailing").toArray() == [999, 899, 799, 699, 599, 499, 399, 299, 199, 99])
        #expect(try timesteps(T: 1000, n: 10, spacing: "leading").toArray() == [900, 800, 700, 600, 500, 400, 300, 200, 100, 0])
        #expect(invalidMessage { _ = try timesteps(T: 10, n: 11) } != nil)
        #expect(invalidMessage { _ = try timesteps(T: 10, n: 5, spacing: "even") }?.contains("trailing") == true)
    }

    @Test("Karras sigmas match k-diffusion's get_sigmas_karras (n values then 0)")
    func karras() throws {
        for rec in Fixtures.section("karras") {
            let n = int(rec["n"])
            let got = try karrasSigmas(n: n, sigmaMin: number(rec["sigma_min"]), sigmaMax: number(rec["sigma_max"]),
                                       rho: number(rec["rho"])).toArray()
            expectClose(got, numbers(rec["values"]), "karras n=\(n)")
            #expect(got.count == n + 1 && got.last == 0)
        }
        #expect(invalidMessage { _ = try karrasSigmas(n: 0, sigmaMin: 0.002, sigmaMax: 80) } != nil)
        #expect(invalidMessage { _ = try karrasSigmas(n: 5, sigmaMin: 0, sigmaMax: 80) } != nil)
        #expect(invalidMessage { _ = try karrasSigmas(n: 5, sigmaMin: 90, sigmaMax: 80) } != nil)
    }
}
