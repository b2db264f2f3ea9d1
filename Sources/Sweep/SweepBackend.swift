import Language

/// A sweep with what every back end needs: its folder, its manifest and how to call dtr.
public struct Sweep: Sendable {
    /// The sweep folder.
    public var folder: SweepFolder
    /// Its `sweep.json`.
    public var manifest: SweepManifest
    /// The dtr executable the runs use (absolute).
    public var dtrPath: String
    /// Extra `dtr run` arguments for every point (`--allow-fs`).
    public var runExtra: [String]

    /// Creates a sweep.
    public init(folder: SweepFolder, manifest: SweepManifest, dtrPath: String, runExtra: [String] = []) {
        self.folder = folder
        self.manifest = manifest
        self.dtrPath = dtrPath
        self.runExtra = runExtra
    }
}

/// What a back end knows about a point that has no result yet.
public enum PointActivity: Equatable, Sendable {
    /// Waiting for a slot (a Slurm task that is PENDING).
    case queued
    /// Running now.
    case running
    /// The scheduler says it ended without a result, in this state (`TIMEOUT`, `OUT_OF_MEMORY`, …).
    case ended(String)
}

/// A way to run a sweep's points: on this machine (``LocalBackend``) or through a cluster
/// scheduler (``SlurmBackend``). A third engine is one more conforming type.
public protocol SweepBackend {
    /// Runs (or submits) `points` of `sweep`; returns the exit status for the CLI: 0 when
    /// every point ran (or was submitted) fine, 1 when some failed, 130 when interrupted.
    mutating func launch(_ points: [SweepManifest.Point], of sweep: inout Sweep) throws(SweepError) -> Int32

    /// What the back end knows now about points without a result, by point index.
    func activity(of sweep: Sweep) -> [Int: PointActivity]
}
