#if canImport(Glibc)
import Glibc
#endif

/// A child process started with `posix_spawn` in its own process group (so Ctrl-C at the
/// terminal reaches only the sweep, which then stops its runs itself), with standard input
/// from /dev/null and standard output and error into one log file.
struct ChildProcess {
    /// Its process id (also its process group id).
    let pid: pid_t

    /// Starts `executable` with `arguments` (argv[1…]), writing its output to `logPath`.
    static func spawn(_ executable: String, _ arguments: [String], logPath: String) throws(SweepError) -> ChildProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        posix_spawnattr_setpgroup(&attributes, 0)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGTERM)
        posix_spawnattr_setsigdefault(&attributes, &defaults)

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        guard code == 0 else {
            throw SweepError("cannot start \(executable): \(String(cString: strerror(code)))")
        }
        return ChildProcess(pid: pid)
    }

    /// Sends `signal` to the child's whole process group.
    func signal(_ signal: Int32) { _ = kill(-pid, signal) }

    /// A child that ended: its pid and exit status (128 + n when killed by signal n).
    static func reap() -> (pid: pid_t, exitStatus: Int)? {
        var status: Int32 = 0
        let pid = waitpid(-1, &status, WNOHANG)
        guard pid > 0 else { return nil }
        let low = status & 0x7f
        if low == 0 { return (pid, Int((status >> 8) & 0xff)) }  // exited
        return (pid, 128 + Int(low))  // killed by a signal
    }
}
