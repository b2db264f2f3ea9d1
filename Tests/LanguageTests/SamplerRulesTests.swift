import Testing
@testable import Language

/// The parts of SPEC §5 "Sampling" that are rules rather than numbers: refusals with clear
/// errors, the timesteps the network receives, draw counts, and guided-diffusion's section
/// strings for respace.
@Suite struct SamplerRulesTests {
    /// A session with the stdlib, an affine model that records nothing, and a few schedules.
    static func session() -> Session {
        let session = Session(options: SessionOptions(root: "."), output: CapturedOutput())
        _ = session.loadStandardLibrary()
        _ = session.run("""
        s = schedule("linear", 1000)
        z = zero_terminal_snr(s)
        m = (x, t) => 0.3 * x
        x = randn([3, 2], seed: 1)
        """)
        return session
    }

    static func error(_ session: Session, _ source: String) -> String {
        session.run(source).diagnostics.map(\.description).joined(separator: "\n")
    }

    @Test(arguments: [
        ("sample(\"euler\", m, s, x, eta: 0.5)", "eta is a ddim option"),
        ("sample(\"ddim\", m, s, x, eta: 1.5)", "0 ≤ eta ≤ 1"),
        ("sample(\"ddim\", m, s, x, karras: true)", "karras: true needs a σ-based method"),
        ("sample(\"euler_ancestral\", m, s, x, karras: true)", "karras: true needs a σ-based method"),
        ("sample(\"euler\", m, s, x, clip: 1)", "clip is not an option of euler"),
        ("sample(\"dpmpp_2m\", m, s, x, clip: 1)", "clip is not an option of dpmpp_2m"),
        ("sample(\"euler_ancestral\", m, s, x, prediction: \"x0\")", "euler_ancestral does not take x0-prediction"),
        ("sample(\"heun\", m, z, x)", "infinite where ᾱ = 0"),
        ("sample(\"dpmpp_2m\", m, z, x)", "infinite where ᾱ = 0"),
        ("sample(\"ddim\", m, z, x, spacing: \"trailing\")", "visits t = 999 where ᾱ = 0"),
        ("sample(\"ddpm\", m, schedule(\"cosine\", 15), x, steps: 13, spacing: \"trailing\")", "the last one −1"),
        ("sample(\"ddim\", m, s, x, offset: 1, spacing: \"trailing\")", "offset only applies to spacing: \"leading\""),
        ("sample(\"ddim\", m, s, x, steps: 1, offset: 1000)", "past the last training step 999"),
        ("sample(\"dpm\", m, s, x)", "unknown sampling method \"dpm\""),
        ("sample(\"ddim\", m, s, x, prediction: \"epsilon\")", "unknown prediction \"epsilon\""),
        ("sample(\"ddim\", m, s, x, steps: 1001)", "1 ≤ steps ≤ T = 1000"),
        ("predict_x0(s, x, 10, x, prediction: \"sample\")", "unknown prediction \"sample\""),
        ("respace(s, \"ddim999\")", "cannot create exactly 999 steps"),
        ("respace(s, \"10,x\")", "comma-separated step counts"),
        ("respace(schedule(\"linear\", 100), \"40,40,40\")", "cannot divide a section of 34 steps into 40"),
    ])
    func refusesWithAClearError(_ source: String, _ message: String) {
        let text = Self.error(Self.session(), source)
        #expect(text.contains(message), "\(source): \(text)")
    }

    /// Timesteps the network receives: Euler keeps linspace's fractions; DDPM rounds them;
    /// DPM-Solver++ drops the last of n + 1; Karras σ map back to fractional timesteps
    /// (rounded for dpmpp_2m); a respaced schedule hands the model its original timesteps.
    @Test func theNetworkSeesDiffusersTimesteps() {
        let session = Self.session()
        func plan(_ call: String) -> [Double] {
            guard case .value(.tensor(let b)) = session.run(call) else { return [] }
            return b.tensor.toArray()
        }
        #expect(plan("sampler_plan(\"euler\", s, steps: 4, spacing: \"linspace\").model_timesteps") == [999, 666, 333, 0])
        #expect(plan("sampler_plan(\"euler\", s, steps: 3, spacing: \"linspace\").model_timesteps") == [999, 499.5, 0])
        #expect(plan("sampler_plan(\"ddpm\", s, steps: 3, spacing: \"linspace\").model_timesteps") == [999, 500, 0])
        #expect(plan("sampler_plan(\"ddim\", s, steps: 4, offset: 1).timesteps") == [751, 501, 251, 1])
        #expect(plan("sampler_plan(\"ddim\", s, steps: 3, spacing: \"trailing\").previous") == [666, 333, -1])
        #expect(plan("sampler_plan(\"ddpm\", s, steps: 3, spacing: \"trailing\").previous") == [666, 332, -1])
        #expect(plan("sampler_plan(\"dpmpp_2m\", s, steps: 4, spacing: \"leading\").timesteps") == [800, 600, 400, 200])
        #expect(plan("sampler_plan(\"dpmpp_2m\", s, steps: 4, spacing: \"linspace\").timesteps") == [999, 749, 500, 250])
        let karras = plan("sampler_plan(\"heun\", s, steps: 3, karras: true).timesteps")
        #expect(karras.count == 3 && karras[1] != karras[1].rounded())
        let dpmKarras = plan("sampler_plan(\"dpmpp_2m\", s, steps: 3, karras: true).timesteps")
        #expect(dpmKarras == dpmKarras.map { $0.rounded() } && dpmKarras.first == 999)
        #expect(plan("sampler_plan(\"ddim\", respace(s, 10), steps: 2, spacing: \"trailing\").model_timesteps") == [999, 444])
        // diffusers 0.42: EulerDiscreteScheduler(leading).set_timesteps(2) → init_noise_sigma 3.5852508544921875 (float32)
        #expect(plan("[sampler_plan(\"euler\", s, steps: 2, spacing: \"leading\").init_noise_sigma]").first.map { abs($0 - 3.5852508544921875) < 1e-6 } == true)
    }

    /// Stochastic methods draw noise(k, shape) for k = 0, 1, … exactly as often as diffusers:
    /// ddpm at every t > 0, ddim with eta > 0 and euler_ancestral at every step.
    @Test(arguments: [("ddpm", "", 9), ("ddim", ", eta: 1", 10), ("euler_ancestral", "", 10), ("ddim", "", 0), ("euler", "", 0)])
    func drawsAsOftenAsDiffusers(_ method: String, _ extra: String, _ draws: Int) {
        let session = Self.session()
        let source = """
        sample("\(method)", m, s, x, steps: 10\(extra), noise: (k, shape) => if k < \(draws) { zeros(shape) } else { error("draw " + str(k)) })
        """
        #expect(Self.error(session, source).isEmpty, "\(method) drew more than \(draws) times")
        if draws > 0 {
            let fewer = """
            sample("\(method)", m, s, x, steps: 10\(extra), noise: (k, shape) => if k < \(draws - 1) { zeros(shape) } else { error("draw " + str(k)) })
            """
            #expect(Self.error(session, fewer).contains("draw \(draws - 1)"))
        }
    }

    /// guided-diffusion's space_timesteps section strings (values from its code).
    @Test func respaceTakesSectionStrings() {
        let session = Self.session()
        guard case .value(.tensor(let b)) = session.run("respace(schedule(\"linear\", 100), \"10,15,20\").timesteps") else {
            Issue.record("no timesteps"); return
        }
        #expect(b.tensor.toArray().map { Int($0) } == [0, 4, 7, 11, 15, 18, 22, 26, 29, 33, 34, 36, 39, 41, 43, 45, 48, 50, 52, 55, 57,
                                                       59, 61, 64, 66, 67, 69, 70, 72, 74, 75, 77, 79, 80, 82, 84, 86, 87, 89, 91, 92,
                                                       94, 96, 97, 99])
        guard case .value(.tensor(let d)) = session.run("respace(schedule(\"linear\", 100), \"ddim7\").timesteps") else {
            Issue.record("no timesteps"); return
        }
        #expect(d.tensor.toArray() == [0, 15, 30, 45, 60, 75, 90])
    }

    /// The conversions invert each other on q_sample's x_t.
    @Test func parameterisationsInvertEachOther() {
        let session = Self.session()
        let source = """
        x0 = randn([4, 2, 3], seed: 2); e = randn([4, 2, 3], seed: 3); t = [0, 10, 500, 999]
        xt = q_sample(s, x0, t, e); v = velocity(s, x0, e, t)
        [max(abs(predict_x0(s, xt, t, v, prediction: "v") - x0)), max(abs(predict_eps(s, xt, t, v, prediction: "v") - e)),
         max(abs(predict_x0(s, xt, t, e) - x0)), max(abs(predict_eps(s, xt, t, x0, prediction: "x0") - e)),
         max(abs(velocity(s, x0, e, 10) - (sqrt(s.alpha_bar[10]) * e - sqrt(1 - s.alpha_bar[10]) * x0)))]
        """
        guard case .value(.tensor(let b)) = session.run(source) else { Issue.record("failed"); return }
        let errs = b.tensor.toArray()
        #expect(errs.count == 5 && errs.allSatisfy { $0 < 1e-9 }, "\(errs)")
    }
}
