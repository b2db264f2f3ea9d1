import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Suite "notebook": a whole notebook run headless, the way a user runs it —
/// `dtr run notebooks/03-routing.dtrnb` through the release binary (process start-up,
/// standard library, every cell, terminal plots; standard output to /dev/null).
/// The peer (bench/peers/notebook_peer.py) times `jupyter nbconvert --to notebook --execute`
/// of the same computation written with numpy and matplotlib. Target: ≤ 0.05× its time.
func notebookBenchmarks() -> [BenchCase] {
    [BenchCase(suite: "notebook", name: "run_03_routing") {
        try NotebookRun.run(notebook: NotebookRun.copy.appendingPathComponent("03-routing.dtrnb").path)
    }]
}

enum NotebookRun {
    /// `$DTR_BINARY`, else the `dtr` built beside this benchmark binary.
    static let dtrPath: String = PromptTimer.dtrPath

    /// A scratch copy of the repository's `notebooks` folder (the notebook writes
    /// `dtr_mask.npy` beside itself), removed when the benchmark exits.
    static let copy: URL = {
        var root = URL(fileURLWithPath: "\(#filePath)")
        for _ in 0..<4 { root.deleteLastPathComponent() }  // …/bench/Sources/dtr-bench/NotebookBench.swift
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("dtr-bench-notebooks-\(getpid())", isDirectory: true)
        try? FileManager.default.removeItem(at: scratch)
        try? FileManager.default.copyItem(at: root.appendingPathComponent("notebooks", isDirectory: true), to: scratch)
        atexit {
            try? FileManager.default.removeItem(atPath: NSTemporaryDirectory() + "dtr-bench-notebooks-\(getpid())")
        }
        return scratch
    }()

    /// Runs `dtr run NOTEBOOK` (posix_spawn + waitpid, as Python's subprocess does for the
    /// peer) with standard output to /dev/null; a non-zero exit status is a failure.
    static func run(notebook: String) throws {
        var pid: pid_t = 0
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup(dtrPath), strdup("run"), strdup(notebook), nil]
        defer { for a in argv { free(a) } }
        guard posix_spawn(&pid, dtrPath, &actions, nil, argv, environ) == 0 else {
            throw BenchFailure(message: "cannot start \(dtrPath)")
        }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        if status != 0 { throw BenchFailure(message: "dtr run \(notebook) exited with status \(status)") }
    }
}
