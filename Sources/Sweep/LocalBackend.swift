import Foundation
import Language
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Runs a sweep's points on this machine as separate `dtr run` processes, `jobs` at a
/// time, each writing into its run folder (`log.txt` gets its output).
///
/// - A failed point is reported and the others go on.
/// - `timeout`: a run still going after that many seconds is stopped (SIGTERM, then
///   SIGKILL after 2 s) and recorded as `timeout`.
/// - Ctrl-C: no new run starts; the running ones get SIGINT (so each stops at its next safe
///   point and records `interrupted`, which `--resume` reruns); a second Ctrl-C kills them.
public struct LocalBackend: SweepBackend {
    /// Runs at a time.
    public var jobs: Int
    /// The limit on one run's wall-clock time, in seconds.
    public var timeout: Double?
    /// Whether standard error is a terminal (a redrawn progress bar).
    public var interactive: Bool

    /// Creates the back end.
    public init(jobs: Int, timeout: Double?, interactive: Bool) {
        self.jobs = max(jobs, 1)
        self.timeout = timeout
        self.interactive = interactive
    }

    private struct Running {
        var point: SweepManifest.Point
        var child: ChildProcess
        var started: Double
        var startedAt: Date
        var termSent: Double?
    }

    public mutating func launch(_ points: [SweepManifest.Point], of sweep: inout Sweep) throws(SweepError) -> Int32 {
        let progress = ProgressDisplay(total: points.count, parallel: min(jobs, max(points.count, 1)), interactive: interactive)
        SweepInterrupts.install()
        defer { SweepInterrupts.uninstall() }
        var queue = points[...]
        var running: [pid_t: Running] = [:]
        var interruptsSeen = 0
        var lastDraw = 0.0
        while !queue.isEmpty || !running.isEmpty {
            let interrupts = SweepInterrupts.count
            if interrupts > interruptsSeen {
                interruptsSeen = interrupts
                queue.removeAll()
                for r in running.values { r.child.signal(interrupts == 1 ? SIGINT : SIGKILL) }
            }
            while interruptsSeen == 0, running.count < jobs, let point = queue.popFirst() {
                let log = sweep.folder.runFolder(point).appendingPathComponent("log.txt").path
                try? FileManager.default.createDirectory(at: sweep.folder.runFolder(point), withIntermediateDirectories: true)
                try? FileManager.default.removeItem(at: sweep.folder.runFolder(point).appendingPathComponent(RunResult.fileName))
                do throws(SweepError) {
                    let child = try ChildProcess.spawn(sweep.dtrPath, SweepSetup.runArguments(
                        for: point, manifest: sweep.manifest, folder: sweep.folder, extra: sweep.runExtra), logPath: log)
                    running[child.pid] = Running(point: point, child: child, started: ProgressDisplay.now(), startedAt: Date())
                } catch {
                    // The point fails; the others still run (and the running ones are not orphaned).
                    sweep.folder.recordEnd(of: point, manifest: sweep.manifest, exitStatus: 127, seconds: 0, status: .failed,
                                           message: error.message, since: Date())
                    progress.finished(Self.label(point, sweep.manifest), status: .failed, seconds: 0, note: "— " + error.message)
                }
            }
            progress.running = running.count
            let now = ProgressDisplay.now()
            if let timeout {
                for (pid, r) in running where now - r.started > timeout {
                    if let sent = r.termSent {
                        if now - sent > 2 { r.child.signal(SIGKILL) }
                    } else {
                        r.child.signal(SIGTERM)
                        running[pid]?.termSent = now
                    }
                }
            }
            var reaped = false
            while let (pid, code) = ChildProcess.reap() {
                guard let r = running.removeValue(forKey: pid) else { continue }
                reaped = true
                let seconds = ProgressDisplay.now() - r.started
                let label = Self.label(r.point, sweep.manifest)
                if r.termSent != nil {
                    sweep.folder.recordEnd(of: r.point, manifest: sweep.manifest, exitStatus: code, seconds: seconds,
                                           status: .timeout, message: "stopped after the sweep's --timeout of \(ProgressDisplay.duration(timeout ?? 0))",
                                           since: r.startedAt)
                } else {
                    let stopped = interruptsSeen > 0 && sweep.folder.result(of: r.point) == nil
                    sweep.folder.recordEnd(of: r.point, manifest: sweep.manifest, exitStatus: code, seconds: seconds,
                                           status: stopped ? .interrupted : nil,
                                           message: stopped ? "stopped by Ctrl-C" : nil, since: r.startedAt)
                }
                let result = sweep.folder.result(of: r.point)
                let status = result?.status ?? RunResult.status(forExit: code)
                progress.running = running.count
                progress.finished(label, status: status, seconds: seconds,
                                  note: status == .ok ? nil : (result?.message).map { "— " + Self.firstLine($0) })
            }
            if !reaped {
                if now - lastDraw > 0.25 {
                    progress.redraw()
                    lastDraw = now
                }
                usleep(50_000)
            }
        }
        let interrupted = interruptsSeen > 0
        progress.finish(interrupted: interrupted)
        if interrupted { return 130 }
        return progress.failed > 0 ? 1 : 0
    }

    /// A local sweep runs in the foreground: nothing is known about points without results.
    public func activity(of sweep: Sweep) -> [Int: PointActivity] { [:] }

    /// `runs/0007  beta=0.1 alpha=2 seed=1`.
    static func label(_ point: SweepManifest.Point, _ manifest: SweepManifest) -> String {
        point.folder + "  " + manifest.axes.map { "\($0.name)=\(point.params[$0.name] ?? "?")" }.joined(separator: " ")
    }

    static func firstLine(_ text: String) -> String {
        String(text.split(separator: "\n", omittingEmptySubsequences: true).first ?? "")
    }
}

/// Ctrl-C during a local sweep: counted, handled by the launch loop.
enum SweepInterrupts {
    private static let received = Atomic<Int>(0)

    static var count: Int { received.load(ordering: .relaxed) }

    static func install() {
        received.store(0, ordering: .relaxed)
        signal(SIGINT) { _ in SweepInterrupts.received.add(1, ordering: .relaxed) }
        signal(SIGTERM) { _ in SweepInterrupts.received.add(1, ordering: .relaxed) }
        // A parent may have started us with these signals blocked (the mask is inherited).
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    static func uninstall() {
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
