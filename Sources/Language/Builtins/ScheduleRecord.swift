import Diffusion
import Tensor

/// Schedules travel through the language as records (`s.alpha_bar`, `s.T`, …). This converts
/// a Diffusion ``Schedule`` to its record and a record back to a schedule, so every
/// schedule-taking builtin accepts what `schedule`, `zero_terminal_snr` and `respace` return.
enum ScheduleRecord {
    /// The record fields every schedule record must have (`timesteps` is optional).
    static let requiredFields = Schedule.fieldNames.filter { $0 != "timesteps" }

    /// The schedule as a record: `name`, `T`, then every f64 tensor field in
    /// ``Schedule/fieldNames`` order (including `timesteps`, the original training timestep of
    /// each step: 0…T−1 unless respaced).
    static func value(_ s: Schedule) -> Value {
        var fields: [(String, Value)] = [("name", .string(s.name)), ("T", .number(Double(s.T)))]
        for (n, t) in s.tensorFields { fields.append((n, Value(t))) }
        return .record(Record(fields))
    }

    /// The schedule a record stands for, rebuilt from its `betas` (and `timesteps`, `name`).
    /// Missing fields, a `betas` that is not 1-D, or an `alpha_bar` that disagrees with the
    /// betas (a field edited by hand) are errors at argument `i`.
    static func schedule(_ a: Args, _ i: Int) throws(Unwind) -> Schedule {
        guard case .record(let r) = a.value(i) else {
            throw a.fail("argument \"\(a.builtin.parameters[i].name)\" of \(a.builtin.name) must be a schedule record, got a \(a.value(i).typeName)", at: i)
        }
        let missing = requiredFields.filter { r[$0] == nil }
        guard missing.isEmpty else {
            throw a.fail("argument \"\(a.builtin.parameters[i].name)\" of \(a.builtin.name) is not a schedule: the record lacks "
                         + missing.joined(separator: ", ") + "; make one with schedule(name, T) or schedule(betas: …)", at: i)
        }
        func tensorField(_ name: String) throws(Unwind) -> Tensor {
            guard let v = r[name], let t = Conversions.asTensor(v), t.rank == 1 else {
                throw a.fail("schedule field \"\(name)\" must be a 1-D tensor", at: i)
            }
            return t
        }
        let betas = try tensorField("betas")
        var name = "custom"
        if case .string(let s)? = r["name"] { name = s }
        var steps: [Double]? = nil
        if r["timesteps"] != nil {
            let ts = try tensorField("timesteps")
            guard ts.count == betas.count else {
                throw a.fail("schedule field \"timesteps\" has \(ts.count) values but betas has \(betas.count)", at: i)
            }
            steps = ts.toArray()
        }
        let s = try engine(a.spans[i]) { () throws(TensorError) in
            try Schedule(betas: betas.toArray(), name: name, timesteps: steps)
        }
        // A record whose ᾱ was edited by hand no longer matches its betas: refuse rather than
        // silently use the betas.
        let given = try tensorField("alpha_bar").toArray(), rebuilt = s.alphaBar.toArray()
        let agrees = given.count == rebuilt.count && zip(given, rebuilt).allSatisfy { abs($0 - $1) <= 1e-12 + 1e-9 * abs($1) }
        guard agrees else {
            throw a.fail("the schedule's fields disagree: alpha_bar does not match betas (schedules are rebuilt from betas; "
                         + "to change one, build it with schedule(betas: …))", at: i)
        }
        return s
    }
}
