import Foundation

// dtr-bench [--json] [SUITE…] — runs the benchmark cases of the named suites (all by default)
// and prints one line per case: JSON lines with --json (read by bench/compare.py), else a table.
var args = Array(CommandLine.arguments.dropFirst())
let json = args.contains("--json")
args.removeAll { $0 == "--json" }

var cases: [BenchCase] = []
// Each suite file adds its cases here.
cases += notebookBenchmarks()
cases += replBenchmarks()
cases += tensorOpsBenchmarks()
cases += renderBenchmarks()
cases += diffusionBenchmarks()
cases += tensorLinalgBenchmarks()
cases += languageBenchmarks()
cases += learningBenchmarks()
cases += trainStepBenchmarks()
cases += samplingBenchmarks()
cases += ditBenchmarks()

let wanted = Set(args)
for c in cases where wanted.isEmpty || wanted.contains(c.suite) || wanted.contains("\(c.suite)/\(c.name)") {
    do {
        let r = try measure(c, minReps: c.minReps)
        if json {
            print(#"{"suite":"\#(r.suite)","name":"\#(r.name)","median_s":\#(r.medianSeconds),"reps":\#(r.repetitions)}"#)
        } else {
            print("\(r.suite)/\(r.name): median \(String(format: "%.6f", r.medianSeconds)) s over \(r.repetitions) runs")
        }
    } catch {
        FileHandle.standardError.write("\(c.suite)/\(c.name) failed: \(error)\n".data(using: .utf8)!)
    }
}
