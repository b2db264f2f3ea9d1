#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A closed standard output (`dtr run nb.dtrnb | head -2`) ends dtr quietly: SIGPIPE is
/// ignored, and the first write that fails with `EPIPE` exits at once with status 141 (the
/// status a shell reports for a pipe closed under a process), with no error text. Exiting
/// there, before anything else runs, means `--update` never writes a notebook whose run
/// was cut short.
public enum BrokenPipe {
    /// The documented exit status when standard output was closed.
    public static let exitStatus: Int32 = 141

    /// Ignores SIGPIPE so a closed pipe is a write error (`EPIPE`), not a signal.
    public static func ignoreSignal() {
        signal(SIGPIPE, SIG_IGN)
    }

    /// Writes all of `bytes` to `fd`; exits with ``exitStatus`` when `fd` is a closed pipe.
    /// Returns false on any other write error.
    @discardableResult
    public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var start = 0
        while start < bytes.count {
            let n = write(fd, bytes.baseAddress.map { $0 + start }, bytes.count - start)
            if n < 0 && errno == EINTR { continue }
            if n < 0 && errno == EPIPE { exit() }
            if n <= 0 { return false }
            start += n
        }
        return true
    }

    /// Writes `text` to standard output (see ``writeAll(_:_:)``).
    public static func writeStandardOutput(_ text: String) {
        var t = text
        _ = t.withUTF8 { writeAll(1, UnsafeRawBufferPointer($0)) }
    }

    /// Ends the process with ``exitStatus`` without flushing C streams into the closed pipe.
    public static func exit() -> Never {
        _exit(exitStatus)
    }
}
