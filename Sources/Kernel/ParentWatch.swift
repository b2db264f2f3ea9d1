#if canImport(Glibc)
import Glibc
#endif

/// Notices when the process that started the kernel has gone: the parent changed (the
/// kernel was re-parented to init or a sub-reaper), or the `JPY_PARENT_PID` that
/// jupyter_client sets no longer exists.
struct ParentWatch: Sendable {
    private let parent = getppid()
    private let jupyterParent: pid_t? = getenv("JPY_PARENT_PID").flatMap { pid_t(String(cString: $0)) }

    /// Whether the parent has exited.
    var parentIsGone: Bool {
        if getppid() != parent { return true }
        if let pid = jupyterParent, pid > 1, kill(pid, 0) != 0, errno == ESRCH { return true }
        return false
    }
}
