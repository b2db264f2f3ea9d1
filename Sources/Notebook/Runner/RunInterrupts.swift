import Dispatch
import Synchronization
import Tensor
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ctrl-C while a notebook runs: the first SIGINT asks the running cell to stop (the run
/// then ends with status 130); a second one ends the process at once with status 130.
public enum RunInterrupts {
    private static let received = Atomic<Bool>(false)

    /// Installs the SIGINT handler for a notebook run.
    public static func installHandler() {
        // A parent may have started us with SIGINT blocked (the mask is inherited): unblock
        // it here, before the evaluation threads are made, so they inherit the open mask.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        signal(SIGINT) { _ in
            if RunInterrupts.received.exchange(true, ordering: .relaxed) { _exit(130) }
            Interrupt.request()
        }
    }

    /// Whether Ctrl-C was pressed since the handler was installed.
    public static var wasReceived: Bool { received.load(ordering: .relaxed) }
}

/// Re-asserts a Ctrl-C while a cell runs. A SIGINT that lands just as a cell starts could
/// otherwise be lost (each run clears pending requests at its start); this relay repeats
/// `Interrupt.request()` every 50 ms while Ctrl-C is pending, until the cell ends.
final class InterruptRelay: Sendable {
    private let finished = Atomic<Bool>(false)

    /// Starts relaying.
    func start() { schedule() }

    /// Stops relaying (the cell ended).
    func finish() { finished.store(true, ordering: .relaxed) }

    private func schedule() {
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.05) { [self] in
            guard !finished.load(ordering: .relaxed) else { return }
            if RunInterrupts.wasReceived { Interrupt.request() }
            schedule()
        }
    }
}
