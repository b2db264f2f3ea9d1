import Foundation
import Testing
@testable import Language

/// The reference runs of diffusers 0.42's schedulers written by
/// SamplerFixtures/gen_samplers.py (each case run by diffusers as shipped in float32, and by
/// the same code with float32 replaced by float64).
struct SamplerFixture: Decodable {
    struct Schedule: Decodable { let expr: String; let betas_sum: Double }
    struct Case: Decodable {
        let method: String, schedule: String, steps: Int, spacing: String, offset: Int, prediction: String
        let eta: Double, karras: Bool, clip: Double?, model: String, draws: Int, evals: Int
        let f32: [Double], f64: [Double]
    }
    struct KCase: Decodable { let method: String, steps: Int, model: String, x_scale: Double, sigmas: [Double], f64: [Double] }
    let diffusers: String
    let kdiffusion: [KCase]
    let schedules: [String: Schedule]
    let x: [[Double]]
    let noises: [[[Double]]]
    let cases: [Case]

    /// Parsed once; JSONDecoder reads doubles exactly.
    static let shared: SamplerFixture? = {
        guard let url = Bundle.module.url(forResource: "samplers", withExtension: "json", subdirectory: "SamplerFixtures"),
              let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode(SamplerFixture.self, from: data)
    }()

    /// The dtr call that should reproduce case `c` (noise from the fixture's draws, refusing
    /// any draw beyond the number diffusers made).
    func program(_ c: Case) -> String {
        let clip = c.clip.map { "\($0)" } ?? "none"
        return """
        DRAWS = \(c.draws)
        sample("\(c.method)", model_\(c.model), S_\(c.schedule), X, steps: \(c.steps), spacing: "\(c.spacing)", \
        offset: \(c.offset), prediction: "\(c.prediction)", eta: \(c.eta), karras: \(c.karras), clip: \(clip), \
        noise: (k, shape) => if k < DRAWS { NOISES[k] } else { error("draw " + str(k) + " beyond diffusers' " + str(DRAWS)) })
        """
    }

    /// Definitions every case uses: the analytic models (the generator's formulas), the
    /// schedules, the start x and the noise draws.
    var prelude: String {
        let flat = noises.flatMap { $0.flatMap { $0 } }.map { "\($0)" }.joined(separator: ", ")
        var lines = [
            "fn model_affine(x, t) = 0.3 * x + 0.5 * reshape(t / 1000, [-1, 1])",
            "fn model_nonlinear(x, t) = tanh(x + reshape(t / 1000, [-1, 1])) * 0.8 - 0.2 * x",
            "X = " + "[" + x.map { "[" + $0.map { "\($0)" }.joined(separator: ", ") + "]" }.joined(separator: ", ") + "]",
            "NOISES = reshape([\(flat)], [\(noises.count), \(noises[0].count), \(noises[0][0].count)])",
        ]
        for (k, s) in schedules.sorted(by: { $0.key < $1.key }) { lines.append("S_\(k) = \(s.expr)") }
        return lines.joined(separator: "\n")
    }
}

/// `sample` reproduces diffusers' schedulers step for step (SPEC §5 "Sampling").
@Suite struct SamplerFixtureTests {
    /// A session with the stdlib and the fixture's definitions loaded.
    static func session(_ fx: SamplerFixture) -> Session {
        let session = Session(options: SessionOptions(root: "."), output: CapturedOutput())
        _ = session.loadStandardLibrary()
        if case let outcome = session.run(fx.prelude), !outcome.diagnostics.isEmpty {
            Issue.record("prelude failed: \(outcome.diagnostics.map(\.description))")
        }
        return session
    }

    static func numbers(_ session: Session, _ source: String) -> [Double]? {
        if case .value(.tensor(let b)) = session.run(source) { return b.tensor.toArray() }
        return nil
    }

    /// max |a − b| / max |b| over one case (the samples' scale: a single coordinate can be ~0).
    static func relative(_ a: [Double], _ b: [Double]) -> Double {
        let scale = b.map(abs).max() ?? 0
        return zip(a, b).map { abs($0 - $1) }.max().map { $0 / Swift.max(scale, 1e-300) } ?? .infinity
    }

    @Test func theFixtureCoversEveryMethodSpacingPredictionAndStepCount() throws {
        let fx = try #require(SamplerFixture.shared, "SamplerFixtures/samplers.json is missing or unreadable")
        #expect(fx.diffusers.hasPrefix("0.42"))
        let cases = fx.cases
        #expect(cases.count >= 900)
        for m in ["ddpm", "ddim", "euler", "euler_ancestral", "heun", "dpmpp_2m"] {
            for sp in ["leading", "trailing", "linspace"] {
                for n in [1, 2, 10, 50] {
                    #expect(cases.contains { $0.method == m && $0.spacing == sp && $0.steps == n }, "\(m) \(sp) \(n)")
                }
            }
            for p in m == "euler_ancestral" ? ["eps", "v"] : ["eps", "v", "x0"] {
                #expect(cases.contains { $0.method == m && $0.prediction == p }, "\(m) \(p)")
            }
        }
        for m in ["euler", "heun", "dpmpp_2m"] { #expect(cases.contains { $0.method == m && $0.karras }) }
        for m in ["ddpm", "ddim", "heun"] { #expect(cases.contains { $0.method == m && $0.clip != nil }) }
        #expect(cases.contains { $0.method == "ddim" && $0.eta > 0 })
        #expect(cases.contains { $0.schedule == "respaced" } && cases.contains { $0.schedule == "ztsnr" })
    }

    @Test func theFixtureSchedulesAreDtrsOwn() throws {
        let fx = try #require(SamplerFixture.shared)
        let session = Self.session(fx)
        for (k, s) in fx.schedules {
            let sum = try #require(Self.numbers(session, "sum(S_\(k).betas)")?.first ?? (Self.numbers(session, "[sum(S_\(k).betas)]")?.first))
            #expect(abs(sum - s.betas_sum) <= 1e-14 * abs(s.betas_sum), "\(k): Σβ = \(sum), generator \(s.betas_sum)")
        }
    }

    /// Against the float64 re-run of diffusers' code: the same algorithm, so ≤ 1e-12.
    /// Against diffusers as shipped (float32): ≤ 1e-5, except where diffusers' own float32
    /// result is further than that from its float64 twin (cancellation in x − x0̂ at small σ
    /// with x0-prediction, …); there dtr must be no further from it than its twin is.
    @Test func sampleAgreesWithDiffusersInFloat64AndFloat32() throws {
        let fx = try #require(SamplerFixture.shared)
        let session = Self.session(fx)
        var worst64 = 0.0, worst32 = 0.0, illConditioned = 0
        for c in fx.cases {
            let what = "\(c.method) \(c.schedule) steps \(c.steps) \(c.spacing) offset \(c.offset) \(c.prediction) eta \(c.eta) karras \(c.karras) clip \(c.clip.map { "\($0)" } ?? "none") \(c.model)"
            let outcome = session.run(fx.program(c))
            guard case .value(.tensor(let b)) = outcome else {
                Issue.record("\(what): \(outcome.diagnostics.map(\.description))")
                continue
            }
            let got = b.tensor.toArray()
            let r64 = Self.relative(got, c.f64), r32 = Self.relative(got, c.f32)
            let own = Self.relative(c.f32, c.f64)
            worst64 = max(worst64, r64)
            #expect(r64 <= 1e-12, "\(what): \(got) vs diffusers f64 \(c.f64), relative \(r64)")
            if own <= 1e-5 {
                worst32 = max(worst32, r32)
                #expect(r32 <= 1e-5, "\(what): \(got) vs diffusers f32 \(c.f32), relative \(r32)")
            } else {
                illConditioned += 1
                #expect(r32 <= own * 1.01 + 1e-12, "\(what): \(r32) from diffusers f32, its f64 twin \(own)")
            }
        }
        print("sampler fixtures: \(fx.cases.count) cases; worst relative error vs diffusers f64 \(worst64), vs f32 \(worst32) (\(illConditioned) cases where diffusers' f32 is itself > 1e-5 from f64)")
    }

    /// k-diffusion's sample_euler, sample_heun and sample_dpmpp_2m on diffusers' Karras σ (f64)
    /// with the discrete-time ε-denoiser wrapper: the same samples as sample(…, karras: true).
    @Test func sampleAgreesWithKDiffusionOnKarrasSigmas() throws {
        let fx = try #require(SamplerFixture.shared)
        let session = Self.session(fx)
        #expect(Set(fx.kdiffusion.map(\.method)) == ["euler", "heun", "dpmpp_2m"])
        var worst = 0.0
        for c in fx.kdiffusion {
            let what = "k-diffusion \(c.method) \(c.steps) steps \(c.model)"
            let sig = Self.numbers(session, "sampler_plan(\"\(c.method)\", S_linear, steps: \(c.steps), spacing: \"linspace\", karras: true).sigmas") ?? []
            #expect(Self.relative(sig, c.sigmas) <= 1e-12, "\(what): σ \(sig) vs \(c.sigmas)")
            let got = Self.numbers(session, """
                sample("\(c.method)", model_\(c.model), S_linear, X * \(c.x_scale), steps: \(c.steps), spacing: "linspace", karras: true)
                """) ?? []
            let r = Self.relative(got, c.f64)
            worst = max(worst, r)
            #expect(r <= 1e-12, "\(what): \(got) vs \(c.f64), relative \(r)")
        }
        print("k-diffusion fixtures: \(fx.kdiffusion.count) cases; worst relative error \(worst)")
    }
}
