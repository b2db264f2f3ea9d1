#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a program's printed output goes. The CLI writes to standard output; the notebook
/// runner captures each cell's output with ``CapturedOutput``.
public protocol OutputSink: AnyObject {
    /// Appends `text` (which carries its own newlines).
    func write(_ text: String)
    /// Pushes buffered text out (called when a run ends).
    func flush()
}

extension OutputSink {
    public func flush() {}
}

/// Writes to the process's standard output (file descriptor 1), buffered; the buffer is
/// flushed at the end of each run, when it grows past 64 KiB, and at each newline when
/// standard output is a terminal.
public final class StandardOutput: OutputSink {
    private var buffer: [UInt8] = []
    private let interactive = isatty(1) != 0
    /// Creates the sink.
    public init() {}
    public func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count > 1 << 16 || (interactive && text.utf8.last == 10) { flush() }
    }
    public func flush() {
        buffer.withUnsafeBytes { _ = BrokenPipe.writeAll(1, $0) }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Collects output in memory (one notebook cell, a test).
public final class CapturedOutput: OutputSink {
    /// Everything written so far.
    public private(set) var text = ""
    /// Creates an empty sink.
    public init() {}
    public func write(_ text: String) { self.text += text }
    /// Returns the collected text and starts over.
    public func take() -> String {
        defer { text = "" }
        return text
    }
}

