// libFuzzer target over dtr's lexer, parser and evaluator.
//
// Built by `scripts/fuzz.sh` (not by SwiftPM): every library module is compiled with
// `-sanitize=fuzzer,address` and linked with this file, whose `LLVMFuzzerTestOneInput`
// is called by libFuzzer's own `main`.
//
// Each input is:
//   1. lexed and parsed (every byte sequence, invalid UTF-8 and NUL bytes included);
//   2. if it parses, compiled and run in a fresh `Session` (no stdlib unless the input
//      starts with `#stdlib`), with
//      - a per-input time budget: a watchdog thread calls `Interrupt.request()` once the
//        run has taken `DTR_FUZZ_BUDGET_MS` (default 300) milliseconds, so infinite loops
//        end as "interrupted" diagnostics, exactly as Ctrl-C would end them;
//      - a tensor memory cap: `Limits.maxBytes` = `DTR_FUZZ_MAX_BYTES` (default 64 MiB);
//      - printed output discarded after 1 MiB (counted, not kept);
//      - file access confined to a scratch folder (`DTR_FUZZ_ROOT`, default
//        `/tmp/dtr-fuzz-root`), exactly as a notebook's folder confines it.
//   3. every diagnostic produced must have a non-empty message and render without trapping.
//
// A crash, an ASan report, a libFuzzer timeout (`-timeout`, the hang budget beyond the
// watchdog) or an RSS over `-rss_limit_mb` is a finding.
import Language
import Synchronization
import Tensor

#if canImport(Glibc)
import Glibc
#endif

/// Discards printed output but counts it, so a print loop neither fills memory nor the terminal.
final class DiscardingOutput: OutputSink {
    var bytes = 0
    func write(_ text: String) { bytes += text.utf8.count }
}

/// The per-input watchdog: one background thread that interrupts a run past its budget.
enum Watchdog {
    /// Monotonic start time (ns) of the running input, or 0 when idle.
    static let started = Atomic<UInt64>(0)
    static let budgetNanos = Atomic<UInt64>(300_000_000)

    static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }

    static func start() {
        var thread = pthread_t()
        _ = pthread_create(&thread, nil, { _ in
            while true {
                usleep(5_000)
                let s = Watchdog.started.load(ordering: .acquiring)
                if s != 0, Watchdog.now() &- s > Watchdog.budgetNanos.load(ordering: .relaxed) {
                    Interrupt.request()
                }
            }
        }, nil)
    }
}

nonisolated(unsafe) var fuzzRoot = "/tmp/dtr-fuzz-root"

func environment(_ name: String) -> String? {
    guard let v = getenv(name) else { return nil }
    return String(cString: v)
}

@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    Limits.maxBytes = environment("DTR_FUZZ_MAX_BYTES").flatMap { Int($0) } ?? (64 << 20)
    if let ms = environment("DTR_FUZZ_BUDGET_MS").flatMap({ UInt64($0) }) {
        Watchdog.budgetNanos.store(ms * 1_000_000, ordering: .relaxed)
    }
    if let root = environment("DTR_FUZZ_ROOT") { fuzzRoot = root }
    mkdir(fuzzRoot, 0o755)
    Watchdog.start()
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let file = SourceFile(name: "<fuzz>", bytes: bytes)

    // 1. Lexer and parser on their own (the `dtr check` path).
    let parsed = Session.parse(file)
    for d in parsed.diagnostics {
        if d.message.isEmpty { abort() }
        _ = DiagnosticRenderer(color: false).render(d)
    }
    if parsed.hasErrors { return 0 }

    // 2. Evaluation, budgeted.
    let out = DiscardingOutput()
    let options = SessionOptions(root: fuzzRoot, allowFileSystem: false, loadStandardLibrary: false)
    let session = Session(options: options, output: out)
    Watchdog.started.store(Watchdog.now(), ordering: .releasing)
    if bytes.starts(with: Array("#stdlib".utf8)) { session.loadStandardLibrary() }
    let outcome = session.run(file)
    Watchdog.started.store(0, ordering: .releasing)
    Interrupt.clear()
    for d in outcome.diagnostics {
        if d.message.isEmpty { abort() }
        _ = DiagnosticRenderer(color: false).render(d)
    }
    if case .value(let v) = outcome { _ = v.display(width: 80, color: false) }
    return 0
}
