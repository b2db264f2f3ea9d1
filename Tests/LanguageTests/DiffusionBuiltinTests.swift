import Foundation
import Testing
@testable import Language
import Tensor

/// Runs dtr source in a fresh session rooted in a scratch folder, for the bindings tests.
struct BindingsRun {
    let folder: URL
    let output = CapturedOutput()
    let session: Session

    init(allowFS: Bool = false) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("dtr-bindings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        session = Session(options: SessionOptions(root: folder.path, allowFileSystem: allowFS, loadStandardLibrary: false),
                          output: output)
    }

    /// The value of the program's last expression; a diagnostic fails the test.
    func value(_ source: String, sourceLocation: SourceLocation = #_sourceLocation) -> Value {
        switch session.run(source) {
        case .value(let v): return v
        case let other:
            Issue.record("unexpected failure: \(other.diagnostics.map(\.description))", sourceLocation: sourceLocation)
            return .none
        }
    }

    /// The values of a tensor (or number) result.
    func numbers(_ source: String, sourceLocation: SourceLocation = #_sourceLocation) -> [Double] {
        switch value(source, sourceLocation: sourceLocation) {
        case .number(let x): return [x]
        case .bool(let b): return [b ? 1 : 0]
        case .tensor(let b): return b.tensor.toArray()
        case let v:
            Issue.record("expected numbers, got a \(v.typeName)", sourceLocation: sourceLocation)
            return []
        }
    }

    /// The rendered diagnostic of a program that must fail (empty if it succeeded).
    func error(_ source: String) -> String {
        session.run(source).diagnostics.map(\.description).joined(separator: "\n")
    }
}

@Suite("Diffusion builtins")
struct DiffusionBuiltinTests {
    @Test("schedule records carry every SPEC field, in f64, and DDPM's linear ends")
    func scheduleFields() throws {
        let r = try BindingsRun()
        guard case .record(let rec) = r.value("schedule(\"linear\", 1000)") else {
            Issue.record("schedule did not return a record")
            return
        }
        for f in ["name", "T", "betas", "alphas", "alpha_bar", "alpha_bar_prev", "sqrt_alpha_bar",
                  "sqrt_one_minus_alpha_bar", "snr", "log_snr", "posterior_variance", "timesteps"] {
            #expect(rec[f] != nil, "missing field \(f)")
        }
        #expect(rec["T"].flatMap { if case .number(let x) = $0 { x } else { nil } } == 1000)
        #expect(rec["betas"]?.tensorValue?.dtype == .f64)
        #expect(r.numbers("s = schedule(\"linear\", 1000); [s.betas[0], s.betas[-1]]") == [0.0001, 0.02])
        // ᾱ is the cumulative product of 1 − β, and SNR = ᾱ/(1 − ᾱ).
        let diff = r.numbers("s = schedule(\"cosine\", 50); max(abs(s.alpha_bar - cumprod(1 - s.betas)))")
        #expect(diff[0] < 1e-15)
        let snr = r.numbers("max(abs(s.snr - s.alpha_bar / (1 - s.alpha_bar)))")
        #expect(snr[0] < 1e-9)
    }

    @Test("cosine betas are clipped at 0.999 and scaled_linear follows Stable Diffusion's ends")
    func namedSchedules() throws {
        let r = try BindingsRun()
        #expect(r.numbers("schedule(\"cosine\", 1000).betas[-1]") == [0.999])
        let sl = r.numbers("s = schedule(\"scaled_linear\", 1000); [s.betas[0], s.betas[-1]]")
        #expect(abs(sl[0] - 0.00085) < 1e-15 && abs(sl[1] - 0.012) < 1e-15)
        #expect(r.numbers("schedule(\"linear\", 10, beta_start: 0.001, beta_end: 0.01).betas[-1]") == [0.01])
        #expect(r.numbers("schedule(betas: [0.1, 0.2]).alpha_bar") == [0.9, 0.9 * 0.8])
    }

    @Test("bad schedule arguments are diagnostics at the argument")
    func scheduleErrors() throws {
        let r = try BindingsRun()
        let unknown = r.error("schedule(\"cosin\", 10)")
        #expect(unknown.contains("unknown schedule \"cosin\""))
        #expect(unknown.contains("linear, cosine, scaled_linear, sigmoid, quad, jsd, const"))
        #expect(unknown.contains("did you mean \"cosine\"?"))
        #expect(r.error("schedule(\"linear\", 10)").contains("T ≥ 20"))
        #expect(r.error("schedule(\"linear\", 0)").contains("T (the number of timesteps) must be at least 1, got 0"))
        #expect(r.error("schedule(\"linear\", 2.5)").contains("must be an integer"))
        #expect(r.error("schedule(\"linear\", 100, beta_end: 1.5)").contains("beta_end must lie in (0, 1], got 1.5"))
        #expect(r.error("schedule(betas: [0.5, 0])").contains("betas must lie in (0, 1]"))
        #expect(r.error("q_sample({betas: [0.1]}, 1, 0, 1)").contains("the record lacks name, T, alphas"))
        #expect(r.error("s = schedule(\"linear\", 100); s.alpha_bar = s.alpha_bar * 2; q_sample(s, [1], 0, [1])")
            .contains("alpha_bar does not match betas"))
    }

    @Test("zero terminal SNR ends in pure noise and keeps the first step (Lin et al. 2023)")
    func zeroTerminal() throws {
        let r = try BindingsRun()
        let v = r.numbers("s = schedule(\"scaled_linear\", 1000); z = zero_terminal_snr(s); [z.alpha_bar[-1], z.snr[-1], z.sqrt_alpha_bar[0] - s.sqrt_alpha_bar[0]]")
        #expect(v[0] == 0 && v[1] == 0 && abs(v[2]) < 1e-15)
    }

    @Test("respace keeps ᾱ on the kept steps and records their timesteps")
    func respacing() throws {
        let r = try BindingsRun()
        #expect(r.numbers("respace(schedule(\"linear\", 1000), 5).timesteps") == [0, 250, 500, 749, 999])
        let d = r.numbers("s = schedule(\"linear\", 1000); q = respace(s, 5); max(abs(q.alpha_bar - s.alpha_bar[q.timesteps]))")
        #expect(d[0] < 1e-15)
        #expect(r.error("respace(schedule(\"linear\", 100), 101)").contains("at most T = 100"))
    }

    @Test("timesteps follow diffusers' spacings and karras_sigmas EDM's")
    func samplerGrids() throws {
        let r = try BindingsRun()
        #expect(r.numbers("timesteps(1000, 5, spacing: \"leading\")") == [800, 600, 400, 200, 0])
        #expect(r.numbers("timesteps(1000, 5, spacing: \"trailing\")") == [999, 799, 599, 399, 199])
        #expect(r.numbers("timesteps(1000, 4)") == [999, 666, 333, 0])
        #expect(r.error("timesteps(10, 5, spacing: \"middle\")").contains("valid: linspace, leading, trailing"))
        let k = r.numbers("karras_sigmas(10, 0.002, 80)")
        #expect(k.count == 11 && k[0] == 80 && abs(k[9] - 0.002) < 1e-15 && k[10] == 0)
    }

    @Test("q_sample mixes signal and noise by √ᾱ_t and √(1 − ᾱ_t), per row when t is a tensor")
    func forwardProcess() throws {
        let r = try BindingsRun()
        #expect(r.numbers("q_sample(schedule(betas: [0.36, 0.75]), [1, 1], 0, [1, -1])") == [0.8 + 0.6, 0.8 - 0.6])
        let rows = r.numbers("s = schedule(\"cosine\", 100); x = q_sample(s, ones([2, 3]), [0, 99], zeros([2, 3])); [x[0, 0], x[1, 2]] - [s.sqrt_alpha_bar[0], s.sqrt_alpha_bar[99]]")
        #expect(rows == [0, 0])
        #expect(r.error("q_sample(schedule(\"cosine\", 10), [1, 2], 10, [0, 0])").contains("out of range"))
    }

    @Test("loss weights: Min-SNR-γ clips at γ, P2 is 1/(k + SNR)^γ")
    func lossWeights() throws {
        let r = try BindingsRun()
        let m = r.numbers("s = schedule(\"linear\", 1000); w = loss_weight(s, \"min_snr\"); [w[0] * s.snr[0], w[-1]]")
        #expect(abs(m[0] - 5) < 1e-9 && m[1] == 1)
        let p = r.numbers("max(abs(loss_weight(s, \"p2\", gamma: 0.5) - 1 / sqrt(1 + s.snr)))")
        #expect(p[0] < 1e-15)
        #expect(r.numbers("loss_weight(s, \"min_snr\", prediction: \"x0\")[0]") == [5])
        #expect(r.error("loss_weight(s, \"min-snr\")").contains("valid: constant, min_snr, p2"))
    }

    @Test("route(\"dtr\", 1000, 1152) keeps 921 channels per task and slides its start from 0 to 231")
    func dtrAtDiTXLWidth() throws {
        let r = try BindingsRun()
        let v = r.numbers("m = route(\"dtr\", 1000, 1152); s = sum(m, axis: 1); st = argmax(m, axis: 1); [min(s), max(s), st[0], st[-1]]")
        #expect(v == [921, 921, 0, 231])
    }

    @Test("random, dense and interval routes")
    func otherRoutes() throws {
        let r = try BindingsRun()
        #expect(r.numbers("sum(route(\"random\", 50, 10, beta: 0.3, seed: 4), axis: 1)") == [Double](repeating: 3, count: 50))
        #expect(r.numbers("all(route(\"random\", 20, 16, seed: 9) == route(\"random\", 20, 16, seed: 9))") == [1])
        #expect(r.numbers("sum(route(\"dense\", 3, 4))") == [12])
        // Tasks in [int(T·i/K), int(T·(i+1)/K)) share row i of route("dtr", K, C).
        #expect(r.numbers("m = route(\"interval\", 10, 8, clusters: 3); d = route(\"dtr\", 3, 8); all(m[0:3] == d[0]) * all(m[3:6] == d[1]) * all(m[6:10] == d[2])") == [1])
    }

    @Test("route(\"random\", seed:) draws from the engine's Philox generator: Floyd's sampling over rand([T, m], seed:)")
    func randomRouteUsesPhilox() throws {
        let r = try BindingsRun()
        let (T, C, k) = (6, 10, 3)
        let u = try Random.rand([T, k], seed: 11).toArray()
        var expected = [Double](repeating: 0, count: T * C)
        for t in 0..<T {
            for (i, j) in ((C - k)..<C).enumerated() {
                let pick = min(j, Int(u[t * k + i] * Double(j + 1)))
                if expected[t * C + pick] == 1 { expected[t * C + j] = 1 } else { expected[t * C + pick] = 1 }
            }
        }
        #expect(r.numbers("route(\"random\", 6, 10, beta: 0.3, seed: 11)") == expected)
    }

    @Test("route(f, T, C) calls the function per task and names t in errors")
    func functionRoutes() throws {
        let r = try BindingsRun()
        #expect(r.numbers("route(t => zeros(4) + (t == 1), 3, 4)[1]") == [1, 1, 1, 1])
        #expect(r.numbers("k = 6; s = round(linspace(0, 1, 50) ^ 4 * (8 - k)); all(route(t => (arange(0, 8) >= s[t]) * (arange(0, 8) < s[t] + k), 50, 8) == route(\"dtr\", 50, 8, beta: 0.75))") == [1])
        #expect(r.error("route(t => [1, 0, 1], 10, 8)").contains("returned 3 values for t = 0, expected C = 8"))
        #expect(r.error("route(t => zeros(8) + 2 * (t == 4), 10, 8)").contains("for t = 4"))
        #expect(r.error("route(t => nope, 10, 8)").contains("while computing row t = 0"))
        #expect(r.error("route(t => zeros(8), 10, 8, beta: 0.5)").contains("takes no beta"))
    }

    @Test("routing errors point at the argument and list valid names")
    func routeErrors() throws {
        let r = try BindingsRun()
        #expect(r.error("route(\"rand\", 10, 8)").contains("valid: dtr, random, dense, interval"))
        #expect(r.error("route(\"dtr\", 0, 8)").contains("T (the number of tasks) must be at least 1"))
        #expect(r.error("route(\"dtr\", 10, 8.5)").contains("must be an integer"))
        #expect(r.error("route(\"dtr\", 10, 8, beta: 0)").contains("beta (the fraction of channels per task) must lie in (0, 1]"))
        #expect(r.error("route(\"dtr\", 10, 8, alpha: -1)").contains("alpha must be positive"))
        #expect(r.error("route(\"interval\", 10, 8, clusters: 0)").contains("clusters must lie in 1…T = 10"))
        #expect(r.error("route(\"interval\", 10, 8)").contains("needs clusters"))
    }

    @Test("affinity, overlap and usage of a DTR mask")
    func analysis() throws {
        let r = try BindingsRun()
        #expect(r.numbers("affinity(route(\"dtr\", 2, 4, beta: 0.5))") == [1, 0, 0, 1])
        #expect(r.numbers("overlap(route(\"dtr\", 3, 4, beta: 0.5))") == [1, 0])
        #expect(r.numbers("usage(route(\"dtr\", 3, 4, beta: 0.5))") == [2, 2, 1, 1])
        #expect(r.numbers("m = route(\"dtr\", 40, 16); a = affinity(m); o = overlap(m, lag: 2); d = 0\nfor t in 0..<38 { d = max(d, abs(o[t] - a[t, t + 2])) }\nd") == [0])
        #expect(r.error("overlap(route(\"dtr\", 3, 4), lag: 3)").contains("lag must lie in 0…T−1 = 2"))
    }

    @Test("apply_route: the block reads only routed channels; the rest bypass it")
    func applyRoute() throws {
        let r = try BindingsRun()
        #expect(r.numbers("m = route(\"dtr\", 2, 4, beta: 0.5); apply_route([1, 2, 3, 4], m, 0, h => h * 10)") == [10, 20, 3, 4])
        #expect(r.numbers("apply_route([[1, 2, 3, 4], [1, 2, 3, 4]], m, [0, 1], h => h * 10)") == [10, 20, 3, 4, 1, 2, 30, 40])
        #expect(r.error("apply_route([1, 2, 3, 4], m, 0, h => \"no\")").contains("the result of block must be a tensor"))
        #expect(r.error("apply_route([1, 2, 3, 4], m, 0, h => undefined_thing)").contains("unknown name"))
    }
}
