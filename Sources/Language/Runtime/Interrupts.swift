import Tensor
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C handling: SIGINT asks the running program to stop at its next safe point
/// (loop iteration, call, or engine chunk), which ends it with an "interrupted" diagnostic.
public enum Interrupts {
    /// Installs the SIGINT handler (idempotent) and unblocks SIGINT, which a parent process
    /// may have left blocked in the mask dtr inherits (Ctrl-C would then never arrive).
    public static func installHandler() {
        signal(SIGINT) { _ in Interrupt.request() }
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }
}
