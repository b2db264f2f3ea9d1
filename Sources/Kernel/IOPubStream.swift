import Foundation
import Language

/// The session's output sink inside the kernel: `print` text is batched and published as
/// `stream` (stdout) messages, at most every 50 ms while a cell runs and once at its end.
final class IOPubStream: OutputSink, @unchecked Sendable {
    private let lock = NSLock()
    private var pending = ""
    private var lastFlush = Date()
    /// Publishes a chunk of text; set per cell (nil: a silent cell, text is dropped).
    var publish: ((String) -> Void)?
    /// Everything printed in the current cell (for history with output).
    private(set) var transcript = ""

    func write(_ text: String) {
        lock.lock()
        pending += text
        transcript += text
        let due = Date().timeIntervalSince(lastFlush) >= 0.05
        lock.unlock()
        if due { flush() }
    }

    func flush() {
        lock.lock()
        let text = pending
        pending = ""
        lastFlush = Date()
        lock.unlock()
        if !text.isEmpty { publish?(text) }
    }

    /// Starts a cell.
    func begin(publish: ((String) -> Void)?) {
        flush()
        lock.lock()
        transcript = ""
        lastFlush = Date()
        lock.unlock()
        self.publish = publish
    }
}
