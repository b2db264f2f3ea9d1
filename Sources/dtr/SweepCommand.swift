import ArgumentParser
import Foundation
import Language
import Notebook
import Sweep

#if canImport(Glibc)
import Glibc
#endif

/// `dtr sweep NB.dtrnb --grid NAME=V1,V2,… [--seeds N] --out DIR [--jobs K | --slurm …]`, and
/// `dtr sweep DIR --status | --table | --csv FILE | --resubmit`.
struct SweepCommand: ParsableCommand, ExitCodeCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a notebook over a grid of parameter values, locally or as one Slurm job array.",
        discussion: """
            Each point runs `dtr run NB --set …` into DIR/runs/NNNN: result.json (parameters, status, time, \
            every record(name, value)), the executed notebook and log.txt. DIR/sweep.json holds the grid, the \
            notebook's SHA-256 and the dtr version. Exit status: 0 every point ok, 1 some point failed, 2 usage \
            error, 130 interrupted. Examples (more in docs/sweeps.md):

              dtr sweep nb.dtrnb --grid beta=0.5,0.8 --seeds 3 --out s1 --jobs 2
              dtr sweep nb.dtrnb --grid beta=0.5,0.8 --out /shared/s2 --slurm --time 30
              dtr sweep s1 --table
              dtr sweep s1 --csv s1.csv
              dtr sweep /shared/s2 --status
            """)

    @ArgumentParser.Argument(help: "The .dtrnb notebook to sweep, or a sweep folder (with --status, --table, --csv, --resubmit).")
    var target: String

    @Option(name: .customLong("grid"), help: ArgumentHelp(
        "An axis: a declared parameter and its values as dtr literals (commas inside [] or quotes do not split).",
        valueName: "NAME=V1,V2,…"))
    var grid: [String] = []

    @Option(name: .customLong("seeds"), help: ArgumentHelp("Add the axis seed = 0…N−1; the table shows mean ± std over it.", valueName: "N"))
    var seeds: Int?

    @Option(name: .customLong("seed-param"), help: ArgumentHelp("The parameter --seeds sets.", valueName: "NAME"))
    var seedParam = "seed"

    @Option(name: .customLong("out"), help: ArgumentHelp("The sweep folder.", valueName: "DIR"))
    var out: String?

    @Option(name: .customLong("jobs"), help: ArgumentHelp("Runs at a time (local: default 1; Slurm: the array's %K throttle).", valueName: "K"))
    var jobs: Int?

    @Option(name: .customLong("timeout"), help: ArgumentHelp("Stop a run after S seconds (recorded as timeout).", valueName: "S"))
    var timeout: Double?

    @Flag(name: .customLong("resume"), help: "Skip points whose result.json exists for the notebook as it is now.")
    var resume = false

    @Flag(name: .customLong("retry-failed"), help: "With --resume: run failed and timed-out points again too.")
    var retryFailed = false

    @Flag(name: .customLong("allow-fs"), help: "Pass --allow-fs to every run.")
    var allowFS = false

    @Flag(name: .customLong("slurm"), help: "Submit the points as one Slurm job array (sbatch --array) instead of running them here.")
    var slurm = false

    @Option(name: .customLong("partition"), help: ArgumentHelp("Slurm partition.", valueName: "P"))
    var partition: String?

    @Option(name: .customLong("time"), help: ArgumentHelp("Slurm time limit per task (30, 2:00:00).", valueName: "T"))
    var time: String?

    @Option(name: .customLong("mem"), help: ArgumentHelp("Slurm memory per task (4G).", valueName: "M"))
    var mem: String?

    @Option(name: .customLong("cpus-per-task"), help: ArgumentHelp("Slurm CPUs per task.", valueName: "N"))
    var cpusPerTask: Int?

    @Option(name: .customLong("sbatch"), help: ArgumentHelp("Another #SBATCH option, written --sbatch=--account=proj.", valueName: "OPTION"))
    var sbatch: [String] = []

    @Option(name: .customLong("dtr"), help: ArgumentHelp("The dtr executable on the compute nodes (default: this one).", valueName: "PATH"))
    var dtrOnNodes: String?

    @Flag(name: .customLong("wait"), help: "With --slurm or --status: wait until no task is queued or running.")
    var wait = false

    @Flag(name: .customLong("status"), help: "Show each point's state (results, squeue/sacct for Slurm sweeps).")
    var status = false

    @Flag(name: .customLong("table"), help: "Print the results: grid columns and recorded values, mean ± std over seeds.")
    var table = false

    @Option(name: .customLong("csv"), help: ArgumentHelp("Write the table as CSV to FILE (- for standard output).", valueName: "FILE"))
    var csv: String?

    @Flag(name: .customLong("resubmit"), help: "Run again (or resubmit to Slurm) only the points that failed or have no result.")
    var resubmit = false

    @Option(name: .customLong("finish-point"), help: .hidden)
    var finishPoint: Int?

    @Option(name: .customLong("exit-status"), help: .hidden)
    var exitStatus: Int?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs expects a positive count, got \(jobs)") }
        if let timeout, !(timeout > 0 && timeout.isFinite) {
            throw ValidationError("--timeout expects a positive number of seconds, got \(timeout)")
        }
        if retryFailed && !resume { throw ValidationError("--retry-failed goes with --resume") }
    }

    mutating func runWithExitCode() -> Int32 {
        do {
            if let finishPoint { return try finish(point: finishPoint) }
            if status || table || csv != nil || resubmit { return try inspect() }
            return try start()
        } catch let error as SweepError {
            CLI.writeError("error: \(error.message)\n")
            return 2
        } catch {
            CLI.writeError("error: \(error)\n")
            return 2
        }
    }

    // MARK: - Starting a sweep

    private func start() throws -> Int32 {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: target, isDirectory: &isFolder), isFolder.boolValue {
            throw SweepError("\(target) is a folder: give it --status, --table, --csv FILE or --resubmit (or sweep a .dtrnb notebook)")
        }
        guard let out else { throw SweepError("dtr sweep NB.dtrnb needs --out DIR (or give a sweep folder with --status, --table, --csv)") }
        if !slurm && (partition != nil || time != nil || mem != nil || cpusPerTask != nil || !sbatch.isEmpty) {
            throw SweepError("--partition, --time, --mem, --cpus-per-task and --sbatch go with --slurm")
        }
        let grid = try Grid(arguments: self.grid, seeds: seeds, seedName: seedParam)
        let folder = SweepFolder(path: out)
        let dtr = dtrOnNodes ?? Self.ownPath()
        let slurmOptions = SlurmOptions(partition: partition, time: time, memory: mem, cpusPerTask: cpusPerTask,
                                        jobs: jobs, extra: sbatch, timeout: timeout)
        var settings: [String: JSON] = ["backend": .string(slurm ? "slurm" : "local"), "dtr": .string(dtr),
                                        "allow_fs": .bool(allowFS)]
        if let jobs { settings["jobs"] = .number(Double(jobs)) }
        if let timeout { settings["timeout"] = .number(timeout) }
        if slurm { settings["slurm"] = slurmOptions.json }
        let manifest = try SweepSetup.prepare(notebookPath: target, grid: grid, folder: folder, resume: resume,
                                              dtrVersion: CLI.version, settings: settings)
        var sweep = Sweep(folder: folder, manifest: manifest, dtrPath: dtr, runExtra: allowFS ? ["--allow-fs"] : [])
        var pending = folder.pending(manifest, resume: resume, retryFailed: retryFailed)
        if slurm && resume {
            // Tasks of an earlier submission that are still queued or running are not submitted twice.
            let active = SlurmBackend(options: slurmOptions).activity(of: Sweep(folder: folder, manifest: manifest, dtrPath: dtr))
            pending.removeAll { active[$0.index] == .queued || active[$0.index] == .running }
        }
        CLI.writeError("sweep: \(manifest.points.count) points over " + manifest.axes.map { "\($0.name) (\($0.values.count))" }
            .joined(separator: " × ") + " into \(folder.url.path)"
            + (resume ? "; \(manifest.points.count - pending.count) already have results, \(pending.count) to run" : "") + "\n")
        if slurm {
            var backend = SlurmBackend(options: slurmOptions)
            let code = try backend.launch(pending, of: &sweep)
            guard code == 0, wait else { return code }
            return waitForSlurm(sweep, backend: backend)
        }
        var backend = LocalBackend(jobs: jobs ?? 1, timeout: timeout, interactive: isatty(2) != 0)
        return try backend.launch(pending, of: &sweep)
    }

    // MARK: - Inspecting a sweep folder

    private func inspect() throws -> Int32 {
        let folder = SweepFolder(path: target)
        let manifest = try folder.manifest()
        var sweep = Sweep(folder: folder, manifest: manifest, dtrPath: manifest.settings["dtr"]?.string ?? Self.ownPath(),
                          runExtra: manifest.settings["allow_fs"] == .bool(true) ? ["--allow-fs"] : [])
        let isSlurm = manifest.settings["backend"]?.string == "slurm"
        let slurmBackend = SlurmBackend(options: SlurmOptions(json: manifest.settings["slurm"] ?? .object([:])))
        let backend: SweepBackend? = isSlurm ? slurmBackend : nil
        if resubmit {
            let state = SweepStatus(sweep: sweep, backend: backend)
            let points = state.unfinished
            CLI.writeError("sweep: \(points.count) of \(manifest.points.count) points to run again\n")
            if isSlurm {
                var b = slurmBackend
                let code = try b.launch(points, of: &sweep)
                guard code == 0, wait else { return code }
                return waitForSlurm(sweep, backend: b)
            }
            let jobs = manifest.settings["jobs"]?.number.flatMap { Int(exactly: $0) } ?? 1
            var local = LocalBackend(jobs: jobs, timeout: manifest.settings["timeout"]?.number, interactive: isatty(2) != 0)
            return try local.launch(points, of: &sweep)
        }
        if status {
            if wait, let backend { return waitForSlurm(sweep, backend: backend) }
            print(SweepStatus(sweep: sweep, backend: backend).text, terminator: "")
            return 0
        }
        let results = folder.results(manifest)
        let table = SweepTable(manifest: manifest, results: results)
        if self.table { print(table.text, terminator: "") }
        if let csv {
            if csv == "-" {
                print(table.csv, terminator: "")
            } else {
                do {
                    try AtomicFile.write(table.csv, to: URL(fileURLWithPath: csv))
                } catch {
                    throw SweepError(error.message)
                }
            }
        }
        return 0
    }

    /// Polls until no task is queued or running, then prints the status; 0 when every point is ok.
    private func waitForSlurm(_ sweep: Sweep, backend: SweepBackend) -> Int32 {
        let interactive = isatty(2) != 0
        var last = ""
        while true {
            let state = SweepStatus(sweep: sweep, backend: backend)
            let line = "sweep: \(state.count(.ok)) ok, \(state.count(.failed) + state.count(.timeout)) failed, "
                + "\(state.count(.running)) running, \(state.count(.queued)) queued of \(sweep.manifest.points.count)"
            if line != last {
                CLI.writeError(interactive ? "\r\u{1B}[K" + line : line + "\n")
                last = line
            }
            if !state.isActive {
                if interactive { CLI.writeError("\n") }
                print(state.text, terminator: "")
                return state.count(.ok) == sweep.manifest.points.count ? 0 : 1
            }
            sleep(2)
        }
    }

    // MARK: - The end of one Slurm task

    /// `--finish-point I --exit-status S` (run by the batch script after `dtr run`): records a
    /// result for a run that ended without writing one.
    private func finish(point index: Int) throws -> Int32 {
        let folder = SweepFolder(path: target)
        let manifest = try folder.manifest()
        guard let point = manifest.points.first(where: { $0.index == index }) else {
            throw SweepError("the sweep in \(folder.url.path) has no point \(index)")
        }
        let code = exitStatus ?? 1
        if folder.result(of: point) == nil {
            let timedOut = code == 124 || (code == 137 && manifest.settings["timeout"] != nil)
            folder.recordEnd(of: point, manifest: manifest, exitStatus: code, seconds: 0,
                             status: timedOut ? .timeout : nil,
                             message: timedOut ? "stopped after the sweep's --timeout" : nil, since: .distantPast)
        }
        return 0
    }

    /// This executable's absolute path.
    static func ownPath() -> String {
        if let real = realpath("/proc/self/exe", nil) {
            defer { free(real) }
            return String(cString: real)
        }
        return URL(fileURLWithPath: CommandLine.arguments.first ?? "dtr").standardizedFileURL.path
    }
}
