#if canImport(Glibc)
import Language
import Glibc
#endif

/// The sweep's progress on standard error. On a terminal: one bar redrawn in place,
/// `[█████░░░░░] 7/12  ok 6  failed 1  running 2  left 3  ETA 0:42`, with a line above it
/// for each failed point. Otherwise (a log, CI): one line per finished point.
public final class ProgressDisplay {
    /// The number of points this launch runs.
    public let total: Int
    /// Points that finished with status ok.
    public private(set) var ok = 0
    /// Points that failed or timed out.
    public private(set) var failed = 0
    /// Points running now.
    public var running = 0
    private let interactive: Bool
    private let parallel: Int
    private let started: Double
    private var durations: [Double] = []
    private var drawn = false

    /// A display for `total` points, `parallel` at a time; a bar only when `interactive`.
    public init(total: Int, parallel: Int, interactive: Bool) {
        self.total = total
        self.parallel = max(parallel, 1)
        self.interactive = interactive
        started = Self.now()
    }

    /// Points that have not finished.
    public var remaining: Int { total - ok - failed }

    /// Records a finished point and shows it.
    public func finished(_ label: String, status: RunResult.Status, seconds: Double, note: String? = nil) {
        if status == .ok { ok += 1 } else if status != .interrupted { failed += 1 }
        durations.append(seconds)
        let line = "\(status == .ok ? "ok    " : status.rawValue.padding(6)) \(label)  (\(Self.duration(seconds)))"
            + (note.map { "  " + $0 } ?? "")
        if interactive {
            if status != .ok { write("\r\u{1B}[K" + line + "\n") }
            redraw()
        } else {
            write("[\(pad(ok + failed))/\(total)] " + line + "\n")
        }
    }

    /// Redraws the bar (terminal only).
    public func redraw() {
        guard interactive else { return }
        write("\r\u{1B}[K" + bar(width: 24))
        drawn = true
    }

    /// Ends the display with a summary line.
    public func finish(interrupted: Bool) {
        if interactive && drawn { write("\r\u{1B}[K") }
        var summary = "sweep: \(ok) ok, \(failed) failed"
        if remaining > 0 { summary += ", \(remaining) not run" }
        summary += " in \(Self.duration(Self.now() - started))"
        if interrupted { summary += " (interrupted)" }
        write(summary + "\n")
    }

    /// The bar text.
    func bar(width: Int) -> String {
        let done = ok + failed
        let filled = total == 0 ? width : done * width / total
        var s = "[" + String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled) + "] "
        s += "\(done)/\(total)  ok \(ok)  failed \(failed)  running \(running)  left \(remaining - running)"
        if let eta { s += "  ETA " + Self.duration(eta) }
        return s
    }

    /// Seconds until the sweep ends: the remaining points at the mean duration so far,
    /// `parallel` at a time (unknown before the first point ends).
    var eta: Double? {
        guard !durations.isEmpty else { return nil }
        let mean = durations.reduce(0, +) / Double(durations.count)
        return (Double(remaining) / Double(parallel)).rounded(.up) * mean
    }

    private func pad(_ n: Int) -> String {
        let s = String(n), width = String(total).count
        return String(repeating: " ", count: max(0, width - s.count)) + s
    }

    private func write(_ text: String) {
        var t = text
        t.withUTF8 { b in _ = Glibc.write(2, b.baseAddress, b.count) }
    }

    /// `0:42`, `12:05`, `1:02:03`.
    static func duration(_ seconds: Double) -> String {
        if seconds < 10 { return NumberFormat.format((seconds * 10).rounded() / 10) + " s" }
        let s = Int(seconds.rounded())
        let two: (Int) -> String = { $0 < 10 ? "0\($0)" : "\($0)" }
        return s >= 3600 ? "\(s / 3600):\(two(s / 60 % 60)):\(two(s % 60))" : "\(s / 60):\(two(s % 60))"
    }

    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}

extension String {
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
