import Diffusion
import Tensor

// MARK: - Argument checks shared by the schedule and routing builtins

extension Args {
    /// An integer argument that must be at least `minimum` (T, C, n, …), checked at the argument.
    func count(_ i: Int, _ what: String, minimum: Int = 1) throws(Unwind) -> Int {
        let n = int(i)
        guard n >= minimum else { throw fail("\(what) must be at least \(minimum), got \(n)", at: i) }
        return n
    }

    /// Refuses a result of `n` f64 values that could never be allocated, before the engine
    /// builds Swift arrays of that size (which would trap instead of throwing).
    func checkLength(_ n: Int, at i: Int) throws(Unwind) {
        let (bytes, overflow) = n.multipliedReportingOverflow(by: 8)
        if overflow || bytes > Limits.maxBytes {
            throw Unwind.tensor(.tooLarge(bytes: overflow ? Int.max : bytes, limit: Limits.maxBytes), spans[i])
        }
    }

    /// An optional number argument, nil when not given.
    func optionalNumber(_ i: Int) -> Double? { given(i) ? number(i) : nil }

    /// An engine error reported at argument `i` rather than at the whole call.
    func run<T>(at i: Int, _ body: () throws(TensorError) -> T) throws(Unwind) -> T {
        try engine(spans[i], body)
    }

    /// A string argument that must be one of `valid` (with a "did you mean" and the list).
    func choice(_ i: Int, _ what: String, _ valid: [String]) throws(Unwind) -> String {
        let s = string(i)
        guard valid.contains(s) else {
            throw Unwind.error("unknown \(what) \"\(s)\"", spans[i],
                               suggestion: Suggestions.closest(to: s, among: valid).map(Diagnostic.didYouMean),
                               notes: [.init("valid: " + valid.joined(separator: ", "))])
        }
        return s
    }

    /// A function argument's result as a tensor (numbers, booleans and numeric lists converted).
    func tensorResult(_ v: Value, _ what: String) throws(Unwind) -> Tensor {
        if let t = Conversions.asTensor(v) { return t }
        if case .list(let items) = v {
            do throws(TensorError) { return try Conversions.tensor(fromList: items) } catch {
                throw fail("\(what) must be a tensor: \(error.description)")
            }
        }
        throw fail("\(what) must be a tensor, got a \(v.typeName)")
    }
}

/// Calls back into dtr from an engine closure typed `throws` and recovers the original
/// `Unwind` (an error in the user's function keeps its own location and call stack).
private func rethrowing<R>(_ body: () throws -> R, _ span: SourceSpan) throws(Unwind) -> R {
    do { return try body() } catch let u as Unwind { throw u } catch let e as TensorError {
        throw Unwind.tensor(e, span)
    } catch {
        throw Unwind.error("\(error)", span)
    }
}

// MARK: - Declarations

extension Registry {
    /// Schedules, routing and losses (SPEC §5): `schedule zero_terminal_snr respace timesteps
    /// karras_sigmas q_sample loss_weight route affinity overlap usage apply_route`.
    static let diffusionBuiltins: [Builtin] = scheduleBuiltins + routingBuiltins

    static let scheduleBuiltins: [Builtin] = [
        Builtin("schedule", [.optional("name", .string), .optional("T", .integer).documented("1000"), .optional("beta_start", .number),
                             .optional("beta_end", .number), .optional("betas", .tensor)],
                help: """
                A noise schedule over t = 0…T−1 (T default 1000) as a record with fields name, T, betas, alphas, \
                alpha_bar (ᾱ_t = ∏ (1 − β_s)), alpha_bar_prev, sqrt_alpha_bar, sqrt_one_minus_alpha_bar, \
                snr (ᾱ/(1 − ᾱ)), log_snr, posterior_variance (β_t(1 − ᾱ_{t−1})/(1 − ᾱ_t)) and timesteps, all f64. \
                Names: "linear" (DDPM, Ho et al. 2020: 1e-4 to 0.02, rescaled by 1000/T as guided-diffusion), \
                "cosine" (Improved DDPM, Nichol & Dhariwal 2021: ᾱ(u) = cos((u + 0.008)/1.008·π/2)², β clipped at 0.999), \
                "scaled_linear" (Stable Diffusion: √β linear from √0.00085 to √0.012), "sigmoid" (diffusers), \
                "quad", "jsd" (1/linspace(T, 1, T)) and "const" (0.02). `beta_start:`/`beta_end:` replace the ends; \
                `schedule(betas: b)` takes custom betas. Every β must lie in (0, 1] (so "linear" needs T ≥ 20).
                """,
                example: "s = schedule(\"linear\", 1000)\n[s.betas[0], s.betas[-1]]", expected: "f64[2] [0.0001 0.02  ]") { a throws(Unwind) in
            if a.given(4) {
                for j in 0..<4 where a.given(j) {
                    throw a.fail("schedule(betas: …) takes no \(a.builtin.parameters[j].name); the betas define the schedule", at: j)
                }
                let b = a.tensor(4)
                return ScheduleRecord.value(try a.run(at: 4) { () throws(TensorError) in try Schedule(betas: b) })
            }
            guard a.given(0) else {
                throw a.fail("schedule needs a name (\(Schedule.names.joined(separator: ", "))) or betas: a tensor")
            }
            let name = try a.choice(0, "schedule", Schedule.names)
            let T = try a.given(1) ? a.count(1, "T (the number of timesteps)") : 1000
            for j in [2, 3] where a.given(j) {
                let v = a.number(j)
                guard v > 0 && v <= 1 else { throw a.fail("\(a.builtin.parameters[j].name) must lie in (0, 1], got \(NumberFormat.format(v))", at: j) }
            }
            if name == "cosine" || name == "jsd", let j = [2, 3].first(where: { a.given($0) }) {
                throw a.fail("schedule \"\(name)\" takes no \(a.builtin.parameters[j].name)", at: j)
            }
            if name == "const", a.given(2) { throw a.fail("schedule \"const\" takes only beta_end (its constant β)", at: 2) }
            // Remaining errors are betas leaving (0, 1] (e.g. linear with T < 20): point at T.
            let at = a.given(1) ? 1 : 0
            let s = try a.run(at: at) { () throws(TensorError) in
                try Schedule.named(name, T: T, betaStart: a.optionalNumber(2), betaEnd: a.optionalNumber(3))
            }
            return ScheduleRecord.value(s)
        },
        Builtin("zero_terminal_snr", [.required("s", .record)],
                help: """
                The schedule rescaled to zero terminal SNR (Lin et al., "Common Diffusion Noise Schedules and Sample \
                Steps are Flawed", WACV 2024): √ᾱ is shifted so its last value is 0 and scaled so its first is unchanged, \
                so the last step is pure noise (SNR 0, log-SNR −inf). Pair it with v-prediction: ε-prediction is \
                undefined at SNR = 0. Needs T ≥ 2.
                """,
                example: "z = zero_terminal_snr(schedule(\"linear\", 1000))\n[z.alpha_bar[-1], z.betas[-1]]",
                expected: "f64[2] [0 1]") { a throws(Unwind) in
            let s = try ScheduleRecord.schedule(a, 0)
            return ScheduleRecord.value(try a.run(at: 0) { () throws(TensorError) in try zeroTerminalSNR(s) })
        },
        Builtin("respace", [.required("s", .record), .required("n", .any)],
                help: """
                guided-diffusion's respacing (Nichol & Dhariwal 2021): keeps n evenly spaced timesteps of s and gives \
                them betas 1 − ᾱ_t/ᾱ_prev, so ᾱ on the kept steps is unchanged. The result is a schedule record whose \
                `timesteps` field maps each new step to its original timestep. Needs 1 ≤ n ≤ T. n may also be one of \
                space_timesteps' section strings: "10,15,20" (split 0…T−1 into three near-equal parts and keep 10, 15 \
                and 20 evenly spaced steps of each) or "ddim50" (every i-th step for the integer stride i giving 50).
                """,
                example: "respace(schedule(\"linear\", 1000), 5).timesteps", expected: "f64[5] [  0 250 500 749 999]") { a throws(Unwind) in
            let s = try ScheduleRecord.schedule(a, 0)
            if case .string(let sections) = a.value(1) {
                return ScheduleRecord.value(try a.run(at: 1) { () throws(TensorError) in try respace(s, sections: sections) })
            }
            guard case .number(let x) = a.value(1), x.rounded() == x else {
                throw a.fail("n must be an integer or a section string such as \"10,15,20\" or \"ddim50\", got \(a.value(1).typeName == "number" ? NumberFormat.format(a.number(1)) : "a " + a.value(1).typeName)", at: 1)
            }
            let n = try a.count(1, "n (the number of kept steps)")
            guard n <= s.T else { throw a.fail("respace keeps at most T = \(s.T) steps, got n = \(n)", at: 1) }
            return ScheduleRecord.value(try a.run(at: 1) { () throws(TensorError) in try respace(s, n: n) })
        },
        Builtin("timesteps", [.required("T", .integer), .required("n", .integer), .optional("spacing", .string, .string("linspace"))],
                help: """
                The n timesteps (descending) a sampler visits out of T training steps, as diffusers' schedulers: \
                "linspace" rounds linspace(0, T−1, n); "leading" is arange(n)·(T // n); "trailing" is \
                round(arange(T, 0, −T/n)) − 1, which starts at the last step (recommended by Lin et al., WACV 2024). \
                Needs 1 ≤ n ≤ T.
                """,
                example: "timesteps(1000, 5, spacing: \"trailing\")", expected: "f64[5] [999 799 599 399 199]") { a throws(Unwind) in
            let T = try a.count(0, "T (the number of training steps)")
            let n = try a.count(1, "n (the number of sampling steps)")
            guard n <= T else { throw a.fail("timesteps needs n ≤ T = \(T), got n = \(n)", at: 1) }
            let spacing = try a.choice(2, "timestep spacing", ["linspace", "leading", "trailing"])
            try a.checkLength(n, at: 1)
            return Value(try a.run { () throws(TensorError) in try timesteps(T: T, n: n, spacing: spacing) })
        },
        Builtin("karras_sigmas", [.required("n", .integer), .optional("sigma_min", .number, .number(0.002)),
                                  .optional("sigma_max", .number, .number(80)), .optional("rho", .number, .number(7))],
                help: """
                EDM noise levels (Karras et al., NeurIPS 2022) as k-diffusion's get_sigmas_karras: \
                σ_i = (σ_max^{1/ρ} + i/(n−1)·(σ_min^{1/ρ} − σ_max^{1/ρ}))^ρ for i = 0…n−1, then a final 0 \
                (n + 1 values). Larger ρ spends more steps at low noise; the paper uses ρ = 7, σ_min = 0.002, σ_max = 80.
                """,
                example: "karras_sigmas(2, 0.002, 80)", expected: "f64[3] [8.e+01 2.e-03 0.e+00]") { a throws(Unwind) in
            let n = try a.count(0, "n (the number of noise levels)")
            try a.checkLength(n + 1, at: 0)
            let lo = a.number(1), hi = a.number(2), rho = a.number(3)
            guard lo > 0, lo.isFinite else { throw a.fail("sigma_min must be positive, got \(NumberFormat.format(lo))", at: 1) }
            guard hi >= lo, hi.isFinite else {
                throw a.fail("sigma_max must be finite and at least sigma_min = \(NumberFormat.format(lo)), got \(NumberFormat.format(hi))", at: 2)
            }
            guard rho > 0, rho.isFinite else { throw a.fail("rho must be positive, got \(NumberFormat.format(rho))", at: 3) }
            return Value(try a.run { () throws(TensorError) in try karrasSigmas(n: n, sigmaMin: lo, sigmaMax: hi, rho: rho) })
        },
        Builtin("q_sample", [.required("s", .record), .required("x0", .tensor), .required("t", .tensor), .optional("noise", .tensor)],
                help: """
                The forward process of DDPM (Ho et al. 2020): x_t = √ᾱ_t·x0 + √(1 − ᾱ_t)·noise. `t` is one timestep \
                for all of x0 or a 1-D tensor with one timestep per row of x0 (integers in 0…T−1). `noise` has x0's \
                shape; when omitted it is drawn from the global generator (randn).
                """,
                example: "s = schedule(betas: [0.36, 0.75])\nq_sample(s, [1, 1], 0, [1, -1])", expected: "f64[2] [1.4 0.2]") { a throws(Unwind) in
            let s = try ScheduleRecord.schedule(a, 0)
            let x0 = a.tensor(1), t = a.tensor(2)
            let noise = try a.given(3) ? a.tensor(3) : a.run { () throws(TensorError) in try Random.randn(x0.shape) }
            if a.given(3), noise.shape != x0.shape {
                throw a.fail("noise must have x0's shape \(Shape.describe(x0.shape)), got \(Shape.describe(noise.shape))", at: 3)
            }
            return Conversions.result(try a.run(at: 2) { () throws(TensorError) in try qSample(s, x0: x0, t: t, noise: noise) })
        },
        Builtin("loss_weight", [.required("s", .record), .required("scheme", .string), .optional("prediction", .string, .string("eps")),
                                .optional("gamma", .number), .optional("k", .number, .number(1))],
                help: """
                Per-timestep loss weights (length T). "constant": 1. "min_snr": Min-SNR-γ (Hang et al., ICCV 2023), \
                min(SNR, γ) on the x₀ loss, i.e. min(SNR, γ)/SNR for prediction "eps" (1 at SNR = 0), \
                min(SNR, γ)/(SNR + 1) for "v" and min(SNR, γ) for "x0"; `gamma:` default 5. "p2": P2 weighting \
                (Choi et al., CVPR 2022), 1/(k + SNR)^γ on the ε loss, `k:` default 1, `gamma:` default 1 \
                (converted for "v" and "x0" so the objective is the same).
                """,
                example: "w = loss_weight(schedule(\"linear\", 1000), \"min_snr\")\nw[-1]", expected: "1") { a throws(Unwind) in
            let s = try ScheduleRecord.schedule(a, 0)
            let scheme = try a.choice(1, "loss weighting", ["constant", "min_snr", "p2"])
            let prediction = try a.choice(2, "prediction", ["eps", "v", "x0"])
            if a.given(3) {
                let g = a.number(3)
                let ok = scheme == "p2" ? g >= 0 && g.isFinite : g > 0 && g.isFinite
                guard ok else { throw a.fail("gamma must be \(scheme == "p2" ? "≥ 0" : "> 0"), got \(NumberFormat.format(g))", at: 3) }
            }
            let k = a.number(4)
            guard k > 0, k.isFinite else { throw a.fail("k must be positive, got \(NumberFormat.format(k))", at: 4) }
            return Value(try a.run { () throws(TensorError) in
                try lossWeight(s, scheme: scheme, prediction: prediction, gamma: a.optionalNumber(3), k: k)
            })
        },
    ]

    static let routingBuiltins: [Builtin] = [
        Builtin("route", [.required("name", .any), .required("T", .integer), .required("C", .integer),
                          .optional("beta", .number), .optional("alpha", .number), .optional("seed", .integer),
                          .optional("clusters", .integer)],
                help: """
                A T×C routing mask of zeros and ones: row t holds the channels a block reads for denoising task t. \
                "dtr": Denoising Task Routing (Park et al., ICLR 2024), identical to the official create_mask_tasks: \
                k = int(C·β) channels from start_t = round(linspace(0, 1, T)[t]^α·(C − k)) (half to even); \
                `beta:` the sharing ratio (default 0.8), `alpha:` the window-shift exponent (default 4). \
                "random": k = int(C·β) random channels per task (Task Routing, Strezoski et al., ICCV 2019 — the \
                paper's R-TR baseline), reproducible from `seed:` (default 0; the engine's Philox generator for that seed, as `rand(…, seed:)`, not the global \
                generator). "dense": all ones. "interval": `clusters: K` groups of timesteps; tasks in \
                [int(T·i/K), int(T·(i+1)/K)) share row i of route("dtr", K, C). \
                `route(f, T, C)`: row t is f(t), a function returning C zeros and ones.
                """,
                example: "route(\"dtr\", 4, 5, beta: 0.6)",
                expected: "f64[4, 5]\n[[1 1 1 0 0]\n [1 1 1 0 0]\n [1 1 1 0 0]\n [0 0 1 1 1]]") { a throws(Unwind) in
            let T = try a.count(1, "T (the number of tasks)")
            let C = try a.count(2, "C (the number of channels)")
            switch a.value(0) {
            case .function, .builtin:
                if let j = (3...6).first(where: { a.given($0) }) {
                    throw a.fail("route(f, T, C) takes no \(a.builtin.parameters[j].name); the function defines each row", at: j)
                }
                return Value(try functionRoute(a, T: T, C: C))
            case .string:
                break
            case let v:
                throw a.fail("argument \"name\" of route must be a route name (\(routeNames.joined(separator: ", "))) or a function, got a \(v.typeName)", at: 0)
            }
            let name = try a.choice(0, "route", routeNames)
            let beta = a.optionalNumber(3) ?? 0.8, alpha = a.optionalNumber(4) ?? 4
            if name == "dense", let j = (3...6).first(where: { a.given($0) }) {
                throw a.fail("route \"dense\" takes no \(a.builtin.parameters[j].name)", at: j)
            }
            if name != "dense" {
                guard beta > 0, beta <= 1 else { throw a.fail("beta (the fraction of channels per task) must lie in (0, 1], got \(NumberFormat.format(beta))", at: 3) }
                guard Double(C) * beta >= 1 else {
                    throw a.fail("beta = \(NumberFormat.format(beta)) keeps no channel: int(C·beta) = int(\(C)·\(NumberFormat.format(beta))) = 0", at: a.given(3) ? 3 : 2)
                }
            }
            if a.given(4) {
                guard name == "dtr" || name == "interval" else { throw a.fail("route \"\(name)\" takes no alpha", at: 4) }
                guard alpha > 0, alpha.isFinite else { throw a.fail("alpha must be positive, got \(NumberFormat.format(alpha))", at: 4) }
            }
            if a.given(5), name != "random" { throw a.fail("only route \"random\" takes a seed", at: 5) }
            var clusters: Int? = nil
            if name == "interval" {
                guard a.given(6) else { throw a.fail("route \"interval\" needs clusters: K (the number of timestep groups)") }
                let K = a.int(6)
                guard K >= 1, K <= T else { throw a.fail("clusters must lie in 1…T = \(T), got \(K)", at: 6) }
                clusters = K
            } else if a.given(6) {
                throw a.fail("only route \"interval\" takes clusters", at: 6)
            }
            let seed = seedArgument(a, 5) ?? 0
            return Value(try a.run { () throws(TensorError) in
                try route(name: name, T: T, C: C, beta: beta, alpha: alpha, seed: seed, clusters: clusters)
            })
        },
        Builtin("affinity", [.required("m", .tensor)],
                help: """
                Task affinity of a T×C routing mask in the sense of Park et al. (ICLR 2024), measured as the T×T intersection-over-union of the \
                rows' channel sets, |m_i ∧ m_j| / |m_i ∨ m_j| (1 on the diagonal; two empty rows count as identical).
                """,
                example: "affinity(route(\"dtr\", 2, 4, beta: 0.5))", expected: "f64[2, 2]\n[[1 0]\n [0 1]]") { a throws(Unwind) in
            let m = a.tensor(0)
            return Value(try a.run(at: 0) { () throws(TensorError) in try affinity(m) })
        },
        Builtin("overlap", [.required("m", .tensor), .optional("lag", .integer, .number(1))],
                help: "The IoU of row t of a routing mask with row t + lag, for t = 0…T−1−lag (as in `affinity`). Needs 0 ≤ lag < T.",
                example: "overlap(route(\"dtr\", 3, 4, beta: 0.5))", expected: "f64[2] [1 0]") { a throws(Unwind) in
            let m = a.tensor(0), lag = a.int(1)
            if m.rank == 2, lag < 0 || lag >= m.shape[0] {
                throw a.fail("lag must lie in 0…T−1 = \(m.shape[0] - 1), got \(lag)", at: 1)
            }
            return Value(try a.run(at: 0) { () throws(TensorError) in try overlap(m, lag: lag) })
        },
        Builtin("usage", [.required("m", .tensor)],
                help: "Tasks per channel: the column sums of a T×C routing mask (length C). Under DTR with β > 0.5 (the default 0.8) the middle channels serve every task; the last ones only the high-noise tasks.",
                example: "usage(route(\"dtr\", 3, 4, beta: 0.5))", expected: "f64[4] [2 2 1 1]") { a throws(Unwind) in
            let m = a.tensor(0)
            return Value(try a.run(at: 0) { () throws(TensorError) in try usage(m) })
        },
        Builtin("apply_route", [.required("x", .tensor), .required("m", .tensor), .required("t", .tensor), .required("block", .function)],
                help: """
                The DTR block (Park et al., ICLR 2024): block(x·m[t]) + x·(1 − m[t]). `block` includes its own residual \
                path, as the official DiT block, so it reads only the routed channels while its update reaches all of \
                them; the unread part x·(1 − m[t]) is added back to its output. x is B×C (or one row of C), m a T×C mask, and t one \
                timestep or one per row of x (each sample uses the mask row of its own timestep).
                """,
                example: "m = route(\"dtr\", 2, 4, beta: 0.5)\napply_route([1, 2, 3, 4], m, 0, h => h * 10)",
                expected: "f64[4] [10 20  3  4]") { a throws(Unwind) in
            let x = a.tensor(0), m = a.tensor(1), t = a.tensor(2), block = a.value(3)
            let span = a.span
            let y = try rethrowing({ () throws -> Tensor in
                try applyRoute(x, mask: m, t: t) { h throws -> Tensor in
                    try a.tensorResult(try a.call(block, [Value(h)]), "the result of block")
                }
            }, span)
            return Value(y)
        },
    ]
}

/// `route(f, T, C)`: calls the dtr function for each t; errors name t.
private func functionRoute(_ a: Args, T: Int, C: Int) throws(Unwind) -> Tensor {
    let f = a.value(0)
    return try rethrowing({ () throws -> Tensor in
        try route(T: T, C: C) { t throws -> [Double] in
            let v: Value
            do throws(Unwind) { v = try a.call(f, [.number(Double(t))]) } catch {
                if case .failure(let failure) = error, !failure.isInterrupt {
                    failure.diagnostic.notes.append(.init("while computing row t = \(t) of route(f, T, C)"))
                }
                throw error
            }
            let row: Tensor
            do throws(Unwind) { row = try a.tensorResult(v, "f(t)") } catch {
                throw a.fail("route function returned a \(v.typeName) for t = \(t); it must return C = \(C) zeros and ones", at: 0)
            }
            guard row.rank <= 1 else {
                throw a.fail("route function returned shape \(Shape.describe(row.shape)) for t = \(t); it must return C = \(C) zeros and ones", at: 0)
            }
            return row.toArray()
        }
    }, a.spans[0])
}
