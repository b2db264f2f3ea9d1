import Tensor
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C handling: SIGINT asks the running program to stop at its next safe point
/// (loop iteration, call, or engine chunk), which ends it with an "interrupted" diagnostic.
public enum Interrupts {
    /// Installs the SIGINT handler (idempotent).
    public static func installHandler() {
        signal(SIGINT) { _ in Interrupt.request() }
    }
}
