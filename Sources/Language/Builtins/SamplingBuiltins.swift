import Diffusion
import Tensor

extension Registry {
    /// Sampling set-up (SPEC §5 "Sampling"): `sampler_plan`. The step rules that use it
    /// (`sample`, `predict_x0`, …) are written in dtr in `stdlib/samplers.dtr`.
    static let samplingBuiltins: [Builtin] = [
        Builtin("sampler_plan", [.required("method", .string), .required("s", .record),
                                 .optional("steps", .integer, .number(50)), .optional("spacing", .string, .string("leading")),
                                 .optional("offset", .integer, .number(0)), .optional("prediction", .string, .string("eps")),
                                 .optional("eta", .number, .number(0)), .optional("karras", .bool, .bool(false)),
                                 .optional("clip", .number)],
                help: """
                What diffusers' scheduler for `method` ("ddpm" "ddim" "euler" "euler_ancestral" "heun" "dpmpp_2m") \
                computes in set_timesteps, as a record: `timesteps` (indices into s, fractional where the scheduler keeps \
                them so), `model_timesteps` (the same mapped through s.timesteps: what the network receives), \
                `previous` (ddpm: the next listed timestep; ddim: t − T // steps; −1 means ᾱ = 1), `sigmas` (σ-based \
                methods: n + 1 values ending in 0, Karras σ with karras: true) and `init_noise_sigma`. It checks every \
                option the way `sample` needs: an option the method does not take, a σ-based method on a schedule whose \
                ᾱ reaches 0, or a trailing spacing that would give a −1 timestep are errors. `sample` uses it.
                """,
                example: "sampler_plan(\"euler\", schedule(\"linear\", 1000), steps: 2, spacing: \"trailing\").timesteps",
                expected: "f64[2] [999 499]") { a throws(Unwind) in
            let s = try ScheduleRecord.schedule(a, 1)
            var o = SamplerOptions()
            o.steps = a.int(2)
            o.spacing = a.string(3)
            o.offset = a.int(4)
            o.prediction = a.string(5)
            o.eta = a.number(6)
            o.karras = a.bool(7)
            o.clip = a.optionalNumber(8)
            let method = a.string(0)
            try a.checkLength(o.steps + 1, at: 2)
            let plan = try a.run(at: 0) { () throws(TensorError) in try SamplerPlan(method: method, schedule: s, options: o) }
            func vector(_ v: [Double]) throws(Unwind) -> Value {
                if v.isEmpty { return .none }
                return Value(try a.run(at: 0) { () throws(TensorError) in try Tensor(v) })
            }
            return .record(Record([
                ("timesteps", try vector(plan.timesteps)), ("model_timesteps", try vector(plan.modelTimesteps)),
                ("previous", try vector(plan.previous)), ("sigmas", try vector(plan.sigmas)),
                ("init_noise_sigma", .number(plan.initNoiseSigma)),
            ]))
        },
    ]
}
