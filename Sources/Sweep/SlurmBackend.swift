import Foundation
import Language

/// Runs a sweep on a Slurm cluster: ONE job array (`sbatch --array=0-N%K`), task i running
/// `dtr run` for point i, from a batch script written to `DIR/slurm/sweep.sbatch`.
/// Resubmitting points (failed ones, or those never run) submits the same script with
/// just their task ids. `squeue` (and `sacct`, when the cluster keeps accounting) tell
/// which tasks are queued, running or ended without a result.
///
/// The sweep folder, the notebook and the dtr binary must be at the same paths on the
/// compute nodes (a shared filesystem); see docs/sweeps.md.
public struct SlurmBackend: SweepBackend {
    /// `sbatch` options: `--partition`, `--time`, `--mem`, `--cpus-per-task` and anything
    /// given with `--sbatch`.
    public var options: SlurmOptions

    /// Creates the back end.
    public init(options: SlurmOptions) { self.options = options }

    public mutating func launch(_ points: [SweepManifest.Point], of sweep: inout Sweep) throws(SweepError) -> Int32 {
        guard !points.isEmpty else {
            FileHandle.standardError.write(Data("sweep: every point already has a result; nothing to submit\n".utf8))
            return 0
        }
        let slurmFolder = sweep.folder.url.appendingPathComponent("slurm")
        let script = slurmFolder.appendingPathComponent("sweep.sbatch")
        do {
            try FileManager.default.createDirectory(at: slurmFolder, withIntermediateDirectories: true)
            try SlurmScript.text(for: sweep, options: options).write(to: script, atomically: true, encoding: .utf8)
        } catch {
            throw SweepError("cannot write \(script.path): \(error.localizedDescription)")
        }
        for point in points {
            try? FileManager.default.removeItem(at: sweep.folder.runFolder(point).appendingPathComponent(RunResult.fileName))
        }
        var array = Self.arraySpec(points.map(\.index))
        if let jobs = options.jobs { array += "%\(jobs)" }
        let run = Command.run("sbatch", ["--parsable", "--array=\(array)", script.path])
        guard run.status == 0 else {
            throw SweepError("sbatch failed (exit status \(run.status)): \(run.output.trimmingSpaces)")
        }
        guard let jobID = run.output.split(separator: "\n").last?.split(separator: ";").first.map({ String($0).trimmingSpaces }),
              !jobID.isEmpty, jobID.allSatisfy(\.isNumber) else {
            throw SweepError("sbatch printed no job id: \(run.output)")
        }
        var jobs = sweep.manifest.settings["slurm_jobs"]?.array ?? []
        jobs.append(.object(["job": .string(jobID), "array": .string(array)]))
        sweep.manifest.settings["slurm_jobs"] = .array(jobs)
        try sweep.folder.save(sweep.manifest)
        FileHandle.standardError.write(Data("sweep: submitted job array \(jobID) (\(points.count) tasks, --array=\(array)); follow it with: dtr sweep \(sweep.folder.url.path) --status\n".utf8))
        return 0
    }

    public func activity(of sweep: Sweep) -> [Int: PointActivity] {
        let jobs = Self.jobIDs(sweep.manifest)
        guard !jobs.isEmpty else { return [:] }
        var out: [Int: PointActivity] = [:]
        // Finished tasks first (sacct, when accounting is on); the latest submission wins.
        let acct = Command.run("sacct", ["-n", "-P", "-X", "-j", jobs.joined(separator: ","), "-o", "JobID,State"])
        if acct.status == 0 {
            for line in acct.output.split(separator: "\n") {
                let f = line.split(separator: "|").map(String.init)
                guard f.count == 2, let task = Self.task(of: f[0]) else { continue }
                let state = f[1].split(separator: " ").first.map(String.init) ?? f[1]
                switch state {
                case "PENDING", "REQUEUED": out[task] = .queued
                case "RUNNING", "COMPLETING", "CONFIGURING": out[task] = .running
                default: out[task] = .ended(state)
                }
            }
        }
        let queue = Command.run("squeue", ["-h", "-r", "-j", jobs.joined(separator: ","), "-o", "%i|%T"])
        for line in queue.output.split(separator: "\n") {
            let f = line.split(separator: "|").map(String.init)
            guard f.count == 2, let task = Self.task(of: f[0]) else { continue }
            out[task] = ["RUNNING", "COMPLETING", "CONFIGURING"].contains(f[1]) ? .running : .queued
        }
        return out
    }

    /// The job ids this sweep submitted.
    static func jobIDs(_ manifest: SweepManifest) -> [String] {
        (manifest.settings["slurm_jobs"]?.array ?? []).compactMap { $0["job"]?.string }
    }

    /// The task id in `123_7` (nil for `123` or a step like `123_7.batch`).
    static func task(of jobID: String) -> Int? {
        guard let underscore = jobID.firstIndex(of: "_") else { return nil }
        return Int(jobID[jobID.index(after: underscore)...])
    }

    /// `0-11`, `3,7-9`: sorted indices as Slurm's array list.
    public static func arraySpec(_ indices: [Int]) -> String {
        let sorted = Array(Set(indices)).sorted()
        var parts: [String] = []
        var i = 0
        while i < sorted.count {
            var j = i
            while j + 1 < sorted.count, sorted[j + 1] == sorted[j] + 1 { j += 1 }
            parts.append(i == j ? "\(sorted[i])" : "\(sorted[i])-\(sorted[j])")
            i = j + 1
        }
        return parts.joined(separator: ",")
    }
}

/// `sbatch` settings for a Slurm sweep.
public struct SlurmOptions: Sendable, Equatable {
    /// `--partition`.
    public var partition: String?
    /// `--time` (a Slurm time limit: `30`, `2:00:00`, `1-0`).
    public var time: String?
    /// `--mem` (`4G`).
    public var memory: String?
    /// `--cpus-per-task`.
    public var cpusPerTask: Int?
    /// Tasks running at once (`%K` on the array).
    public var jobs: Int?
    /// Further `#SBATCH` lines, as `--account=proj` or `--qos=short`.
    public var extra: [String]
    /// The per-run limit in seconds (the batch script stops `dtr run` after it).
    public var timeout: Double?

    /// Creates options.
    public init(partition: String? = nil, time: String? = nil, memory: String? = nil, cpusPerTask: Int? = nil,
                jobs: Int? = nil, extra: [String] = [], timeout: Double? = nil) {
        self.partition = partition
        self.time = time
        self.memory = memory
        self.cpusPerTask = cpusPerTask
        self.jobs = jobs
        self.extra = extra
        self.timeout = timeout
    }

    /// As manifest settings (so `--resubmit` reuses them).
    public var json: JSON {
        var o: [String: JSON] = ["extra": .array(extra.map(JSON.string))]
        if let partition { o["partition"] = .string(partition) }
        if let time { o["time"] = .string(time) }
        if let memory { o["mem"] = .string(memory) }
        if let cpusPerTask { o["cpus_per_task"] = .number(Double(cpusPerTask)) }
        if let jobs { o["jobs"] = .number(Double(jobs)) }
        if let timeout { o["timeout"] = .number(timeout) }
        return .object(o)
    }

    /// Reads ``json``.
    public init(json: JSON) {
        self.init(partition: json["partition"]?.string, time: json["time"]?.string, memory: json["mem"]?.string,
                  cpusPerTask: json["cpus_per_task"]?.number.flatMap { Int(exactly: $0) },
                  jobs: json["jobs"]?.number.flatMap { Int(exactly: $0) },
                  extra: json["extra"]?.array?.compactMap(\.string) ?? [], timeout: json["timeout"]?.number)
    }
}

/// Runs a command found on `PATH` and collects its output (standard output and error together).
enum Command {
    static func run(_ name: String, _ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [name] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return (127, "cannot run \(name): \(error.localizedDescription)")
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
