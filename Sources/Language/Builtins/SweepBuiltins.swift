import Tensor

extension Registry {
    /// `record load_sweep`: results of parameter sweeps (`dtr sweep`).
    static let sweepBuiltins: [Builtin] = [
        Builtin("record", [.required("name", .string), .required("value", .any)],
                help: """
                Saves a result of this run under `name`: a number (true/false count as 1/0) or a short list of \
                numbers (a list or 1-D tensor of at most 1000). Recording the same name again replaces the value. \
                Under `dtr sweep` (or `dtr run --results DIR`) the values go into the run's result.json, and \
                `dtr sweep DIR --table` and `load_sweep` show their mean ± std over seeds.
                """,
                example: "loss = mean((randn(100) - 0.5) ^ 2)\nrecord(\"loss\", loss)\nrecord(\"curve\", [0.9, 0.5, 0.3])") { a throws(Unwind) in
            let name = a.string(0)
            guard !name.isEmpty, !name.contains(where: { $0 == "\n" || $0 == "\"" }) else {
                throw a.fail("record: the name must be a non-empty text on one line without quotes", at: 0)
            }
            a.session.records[name] = try recordedValue(a.value(1), a)
            return .none
        },
        Builtin("load_sweep", [.required("dir", .string)],
                help: """
                Reads the results of `dtr sweep … --out DIR` as a record of columns, one row per grid point with \
                the seed axis averaged away (as `dtr sweep DIR --table`): each grid parameter (a tensor when its \
                values are numbers), `runs`, `ok` and `failed` counts, and for every recorded NAME its mean over \
                the successful runs (nan where none recorded it) and NAME_std, the sample standard deviation \
                (nan below two runs). Runs of an older version of the notebook count as missing. DIR is relative \
                to the notebook's folder and may not leave it unless --allow-fs is given.
                """,
                example: "t = load_sweep(\"sweep\")\nt.fd", expected: "f64[2] [0.5  0.75]") { a throws(Unwind) in
            let dir = a.string(0)
            let manifestBytes: [UInt8]
            do throws(FileAccessError) {
                manifestBytes = try a.session.files.read(dir + "/" + SweepManifest.fileName)
            } catch {
                throw a.fail("load_sweep: \(error.message)", at: 0)
            }
            let manifest: SweepManifest
            do throws(JSONError) {
                manifest = try SweepManifest(parsing: manifestBytes)
            } catch {
                throw a.fail("load_sweep: \(dir)/\(SweepManifest.fileName): \(error.message)", at: 0)
            }
            var results: [Int: RunResult] = [:]
            for point in manifest.points {
                // A run that has not finished (or was never started) simply has no result yet.
                guard let bytes = try? a.session.files.read(dir + "/" + point.folder + "/" + RunResult.fileName),
                      let result = try? RunResult(parsing: bytes) else { continue }
                results[point.index] = result
            }
            return try a.run { () throws(TensorError) in try SweepTable(manifest: manifest, results: results).value() }
        },
    ]

    /// A value `record` accepts, converted; else an error naming what was given.
    private static func recordedValue(_ value: Value, _ a: Args) throws(Unwind) -> RecordedValue {
        let problem = "record: the value must be a number or a short list of numbers (at most \(RecordedValue.maxCount))"
        switch value {
        case .number(let x): return .number(x)
        case .bool(let b): return .number(b ? 1 : 0)
        case .tensor(let box):
            let t = box.tensor
            if t.shape.isEmpty { return .number(t.toArray().first ?? .nan) }
            guard t.shape.count == 1, t.shape[0] <= RecordedValue.maxCount else {
                throw a.fail("\(problem), got a tensor of shape \(t.shape)", at: 1)
            }
            return .list(t.toArray())
        case .list(let items):
            guard items.count <= RecordedValue.maxCount else { throw a.fail("\(problem), got a list of \(items.count)", at: 1) }
            var xs: [Double] = []
            for item in items {
                switch item {
                case .number(let x): xs.append(x)
                case .bool(let b): xs.append(b ? 1 : 0)
                default: throw a.fail("\(problem), got a list holding a \(item.typeName)", at: 1)
                }
            }
            return .list(xs)
        default:
            throw a.fail("\(problem), got a \(value.typeName)", at: 1)
        }
    }
}
