#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization
import Tensor

/// Ctrl-C, window-size changes and resuming after Ctrl-Z.
///
/// The signal handlers only touch atomics and write one byte to a self-pipe (both
/// async-signal-safe). While a computation runs, SIGINT calls `Interrupt.request()`, so the
/// engine stops at its next safe point and returns to the prompt with its bindings intact;
/// a third Ctrl-C, at least 3 s after the first, in the same computation (an engine that
/// never reaches a safe point) leaves the process with status 130 rather than hang it. While a line is being read,
/// the reader sees the pipe become readable, clears the line and prompts again.
enum InterruptHandling {
    private static let interrupts = Atomic<Int>(0)
    private static let resized = Atomic<Bool>(false)
    private static let continued = Atomic<Bool>(false)
    private static let evaluating = Atomic<Bool>(false)
    private static let evaluationInterrupts = Atomic<Int>(0)
    private static let firstInterruptSecond = Atomic<Int>(0)
    private static let wakeWriteFD = Atomic<Int32>(-1)
    /// The read end of the self-pipe, watched by the line reader (-1 before ``install()``).
    private(set) nonisolated(unsafe) static var wakeReadFD: Int32 = -1

    /// Installs the SIGINT and SIGWINCH handlers. Call once, from the main thread.
    static func install() {
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) == 0 {
            for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
            wakeReadFD = fds[0]
            wakeWriteFD.store(fds[1], ordering: .relaxed)
        }
        // A parent may have left these blocked (the mask survives exec); Ctrl-C must get through.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
        sigaddset(&unblock, SIGWINCH)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        setHandler(SIGINT) { _ in InterruptHandling.interruptSignalled() }
        setHandler(SIGWINCH) { _ in
            InterruptHandling.resized.store(true, ordering: .relaxed)
            InterruptHandling.wake()
        }
        setHandler(SIGCONT) { _ in
            InterruptHandling.continued.store(true, ordering: .relaxed)
            InterruptHandling.wake()
        }
    }

    private static func setHandler(_ signal: Int32, _ handler: @convention(c) (Int32) -> Void) {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = handler
        sigemptyset(&action.sa_mask)
        // Restart interrupted system calls (an engine's file read, a thread join); the line
        // reader's poll() is never restarted and the self-pipe wakes it in any case.
        action.sa_flags = Int32(SA_RESTART)
        sigaction(signal, &action, nil)
    }

    private static func interruptSignalled() {
        Interrupt.request()
        interrupts.add(1, ordering: .relaxed)
        if evaluating.load(ordering: .relaxed) {
            let count = evaluationInterrupts.add(1, ordering: .relaxed).newValue
            var now = timespec()
            clock_gettime(CLOCK_MONOTONIC, &now)
            let seconds = Int(now.tv_sec)
            if count == 1 { firstInterruptSecond.store(seconds, ordering: .relaxed) }
            // Only a computation deaf to Ctrl-C for seconds is abandoned, never one that is
            // merely finishing its current chunk while the user presses repeatedly.
            if count >= 3, seconds - firstInterruptSecond.load(ordering: .relaxed) >= 3 {
                let message = "\ndtr: the computation did not stop; leaving (history is saved)\n"
                _ = message.withCString { write(2, $0, strlen($0)) }
                _exit(130)
            }
        }
        wake()
    }

    private static func wake() {
        let fd = wakeWriteFD.load(ordering: .relaxed)
        guard fd >= 0 else { return }
        var byte: UInt8 = 1
        _ = write(fd, &byte, 1)
    }

    /// Empties the self-pipe.
    static func drainWakePipe() {
        guard wakeReadFD >= 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(wakeReadFD, &buffer, buffer.count) > 0 {}
    }

    /// Whether Ctrl-C was pressed since the last call (and forgets it).
    static func takeInterrupt() -> Bool {
        interrupts.exchange(0, ordering: .relaxed) > 0
    }

    /// Whether the window size changed since the last call (and forgets it).
    static func takeResize() -> Bool {
        resized.exchange(false, ordering: .relaxed)
    }

    /// Whether the process was resumed after Ctrl-Z since the last call (and forgets it).
    static func takeContinue() -> Bool {
        continued.exchange(false, ordering: .relaxed)
    }

    /// Marks the start of a computation that Ctrl-C should interrupt.
    static func beginEvaluation() {
        interrupts.store(0, ordering: .relaxed)
        evaluationInterrupts.store(0, ordering: .relaxed)
        evaluating.store(true, ordering: .relaxed)
    }

    /// Marks its end; Ctrl-C presses during it are not replayed at the prompt.
    static func endEvaluation() {
        evaluating.store(false, ordering: .relaxed)
        interrupts.store(0, ordering: .relaxed)
        drainWakePipe()
    }
}
