import Dispatch
import Synchronization
import Tensor
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `--timeout S` watchdog for one cell.
///
/// When the cell has run for `seconds`, the watchdog asks the engine to stop
/// (`Interrupt.request()`); the evaluator then ends the cell with an interruption, which the
/// runner reports as a timeout. Should the cell not reach a safe point within `grace`
/// seconds more (a single huge kernel that does not poll), the watchdog writes a message to
/// standard error and ends the process with status 3 — before any notebook file is written,
/// so no file is left half-updated.
final class CellTimeout: Sendable {
    /// The limit in seconds.
    let seconds: Double
    private let grace: Double
    private let description: String
    private let hardExit: Bool
    private let state = Atomic<Int>(0)  // 0 running, 1 fired, 2 finished

    /// A watchdog for `cellName`; `hardExit` false disables the process exit (tests).
    init(seconds: Double, cellName: String, grace: Double = 5, hardExit: Bool = true) {
        self.seconds = seconds
        self.grace = grace
        self.description = cellName
        self.hardExit = hardExit
    }

    /// Starts the clock.
    func start() {
        let queue = DispatchQueue.global()
        queue.asyncAfter(deadline: .now() + seconds) { [self] in
            guard state.compareExchange(expected: 0, desired: 1, ordering: .sequentiallyConsistent).exchanged else { return }
            Interrupt.request()
            guard hardExit else { return }
            queue.asyncAfter(deadline: .now() + grace) { [self] in
                guard state.load(ordering: .sequentiallyConsistent) == 1 else { return }
                let message = "error: \(description) timed out after \(Self.format(seconds)) and did not stop; exiting\n"
                message.utf8CString.withUnsafeBufferPointer { buffer in
                    _ = write(2, buffer.baseAddress, max(0, buffer.count - 1))
                }
                _exit(3)
            }
        }
    }

    /// Stops the clock; returns true when the limit had been reached.
    @discardableResult
    func finish() -> Bool {
        state.exchange(2, ordering: .sequentiallyConsistent) == 1
    }

    /// `2 s`, `0.5 s`.
    static func format(_ seconds: Double) -> String {
        if seconds == seconds.rounded(), abs(seconds) < 1e15 { return "\(Int(seconds)) s" }
        return "\(seconds) s"
    }
}
