/// The batch script of a Slurm sweep: `#SBATCH` lines, then a `case` on
/// `SLURM_ARRAY_TASK_ID` choosing the point's `--set` arguments, then `dtr run`. After the
/// run, `dtr sweep DIR --finish-point I --exit-status S` records a result for a run that
/// could not write its own (killed by `--timeout`, a crash). Readable on purpose: users
/// look at it when a cluster misbehaves.
enum SlurmScript {
    static func text(for sweep: Sweep, options: SlurmOptions) -> String {
        let dir = sweep.folder.url.path
        let width = max(4, String(max(sweep.manifest.points.count - 1, 0)).count)
        var s = """
            #!/bin/bash
            # dtr sweep of \(sweep.manifest.notebook)
            # One array task per grid point (task id = point index); written by `dtr sweep`, submitted with
            # sbatch --array. Resubmit single points with: sbatch --array=3,7 \(quote(dir + "/slurm/sweep.sbatch"))
            #SBATCH --job-name=dtr-sweep
            #SBATCH --output=\(dir)/runs/%\(width)a/log.txt

            """
        if let partition = options.partition { s += "#SBATCH --partition=\(partition)\n" }
        if let time = options.time { s += "#SBATCH --time=\(time)\n" }
        if let memory = options.memory { s += "#SBATCH --mem=\(memory)\n" }
        if let cpus = options.cpusPerTask { s += "#SBATCH --cpus-per-task=\(cpus)\n" }
        for line in options.extra { s += "#SBATCH \(line)\n" }
        s += "\nset -u\n"
        s += "dtr=\(quote(sweep.dtrPath))\n"
        s += "sweep=\(quote(dir))\n"
        s += "case \"${SLURM_ARRAY_TASK_ID:-}\" in\n"
        for point in sweep.manifest.points {
            let args = SweepSetup.runArguments(for: point, manifest: sweep.manifest, folder: sweep.folder, extra: sweep.runExtra)
            s += "  \(point.index)) set -- \(args.map(quote).joined(separator: " ")) ;;\n"
        }
        s += "  *) echo \"dtr sweep: no point ${SLURM_ARRAY_TASK_ID:-(not an array task)}\" >&2; exit 2 ;;\nesac\n"
        if let timeout = options.timeout {
            s += "timeout --kill-after=5 \(NumberFormatFree.seconds(timeout)) \"$dtr\" \"$@\"\n"
        } else {
            s += "\"$dtr\" \"$@\"\n"
        }
        s += "status=$?\n"
        s += "\"$dtr\" sweep \"$sweep\" --finish-point \"$SLURM_ARRAY_TASK_ID\" --exit-status \"$status\"\n"
        s += "exit \"$status\"\n"
        return s
    }

    /// Single-quoted for bash.
    static func quote(_ text: String) -> String {
        "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }
}

enum NumberFormatFree {
    /// Seconds for `timeout(1)`: an integer or a decimal.
    static func seconds(_ x: Double) -> String {
        x == x.rounded() ? String(Int(x)) : String(x)
    }
}
