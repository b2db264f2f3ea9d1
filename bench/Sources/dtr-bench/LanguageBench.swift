import Foundation
import Language

/// Suite "language": the evaluator's hot paths and the CLI's start-up time.
/// Peers: bench/peers/language_peer.py (CPython for loops, calls and start-up; numpy for
/// the small-tensor loop).
func languageBenchmarks() -> [BenchCase] {
    /// Compiles nothing ahead: each repetition runs the program in a fresh session, as
    /// `dtr eval` would (minus process start-up).
    func program(_ name: String, _ source: String) -> BenchCase {
        BenchCase(suite: "language", name: name) {
            let session = Session(options: SessionOptions(loadStandardLibrary: false), output: CapturedOutput())
            let outcome = session.run(SourceFile(name: "<bench>", text: source))
            if let d = outcome.diagnostics.first { throw BenchFailure(message: d.description) }
            blackHole(outcome)
        }
    }
    return [
        program("loop_10m", "s = 0; for i in 0..<10_000_000 { s = s + i }; s"),
        program("fib_27", "fn fib(n) = if n < 2 { n } else { fib(n - 1) + fib(n - 2) }; fib(27)"),
        program("tensor_add16_100k", "a = arange(16); b = ones(16); for i in 0..<100_000 { c = a + b }"),
        BenchCase(suite: "language", name: "startup") {
            // posix_spawn + waitpid: the same cost Python's subprocess pays for its peer.
            let exe = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("dtr").path
            var pid: pid_t = 0
            var actions = posix_spawn_file_actions_t()
            posix_spawn_file_actions_init(&actions)
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            defer { posix_spawn_file_actions_destroy(&actions) }
            let argv: [UnsafeMutablePointer<CChar>?] = [strdup(exe), strdup("eval"), strdup("1 + 1"), nil]
            defer { for a in argv { free(a) } }
            guard posix_spawn(&pid, exe, &actions, nil, argv, environ) == 0 else {
                throw BenchFailure(message: "cannot start \(exe)")
            }
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            if status != 0 { throw BenchFailure(message: "dtr eval exited with status \(status)") }
        },
    ]
}

/// A benchmark program that failed.
struct BenchFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
