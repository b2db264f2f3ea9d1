import Language

/// Where every point of a sweep stands: its result (ok, failed, timeout), or what the back
/// end knows (queued, running, ended without a result), or nothing yet. A result of an
/// older notebook (its hash differs from `sweep.json`) counts as stale.
public struct SweepStatus: Sendable {
    /// One point's state.
    public enum State: Equatable, Sendable {
        case ok, failed, timeout, interrupted, queued, running, stale, missing
        /// Ended without a result; the scheduler's word for it.
        case lost(String)

        var name: String {
            switch self {
            case .ok: "ok"
            case .failed: "failed"
            case .timeout: "timeout"
            case .interrupted: "interrupted"
            case .queued: "queued"
            case .running: "running"
            case .stale: "stale"
            case .missing: "not run"
            case .lost(let why): "lost (\(why.lowercased()))"
            }
        }
    }

    /// Each point's state, by index.
    public var states: [Int: State]
    /// The sweep.
    public let manifest: SweepManifest
    private let messages: [Int: String]

    /// Reads the run folders and asks `backend` about the points without a current result.
    public init(sweep: Sweep, backend: SweepBackend?) {
        manifest = sweep.manifest
        let results = sweep.folder.results(sweep.manifest)
        let activity = backend?.activity(of: sweep) ?? [:]
        var states: [Int: State] = [:]
        var messages: [Int: String] = [:]
        for point in manifest.points {
            // A queued or running task is what it is, even if an older result is still on disk.
            if let a = activity[point.index], a == .queued || a == .running {
                states[point.index] = a == .queued ? .queued : .running
                continue
            }
            if let r = results[point.index] {
                if r.notebookHash != manifest.notebookHash {
                    states[point.index] = .stale
                } else {
                    switch r.status {
                    case .ok: states[point.index] = .ok
                    case .failed: states[point.index] = .failed
                    case .timeout: states[point.index] = .timeout
                    case .interrupted: states[point.index] = .interrupted
                    }
                    if let m = r.message { messages[point.index] = m }
                }
                continue
            }
            if case .ended(let why)? = activity[point.index] {
                states[point.index] = .lost(why)
            } else {
                states[point.index] = .missing
            }
        }
        self.states = states
        self.messages = messages
    }

    /// How many points are in `state`.
    public func count(_ state: State) -> Int { states.values.filter { $0 == state }.count }

    /// Whether any point is queued or running.
    public var isActive: Bool { states.values.contains { $0 == .queued || $0 == .running } }

    /// Points that did not succeed and are not queued or running (to resubmit).
    public var unfinished: [SweepManifest.Point] {
        manifest.points.filter { p in
            guard let s = states[p.index] else { return true }
            return s != .ok && s != .queued && s != .running
        }
    }

    /// A summary line and one line per point that is not ok.
    public var text: String {
        var order: [String] = []
        var counts: [String: Int] = [:]
        for point in manifest.points {
            let name = states[point.index]?.name ?? "not run"
            if counts[name] == nil { order.append(name) }
            counts[name, default: 0] += 1
        }
        var s = "\(manifest.points.count) points: " + order.map { "\(counts[$0] ?? 0) \($0)" }.joined(separator: ", ") + "\n"
        for point in manifest.points {
            guard let state = states[point.index], state != .ok else { continue }
            s += "  " + state.name.padding(12) + " " + LocalBackend.label(point, manifest)
            if let m = messages[point.index] { s += "  — " + LocalBackend.firstLine(m) }
            s += "\n"
        }
        return s
    }
}
