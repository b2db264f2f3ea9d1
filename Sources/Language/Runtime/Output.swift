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

/// Writes to the process's standard output (buffered by C stdio).
public final class StandardOutput: OutputSink {
    /// Creates the sink.
    public init() {}
    public func write(_ text: String) {
        var t = text
        t.withUTF8 { buffer in _ = fwrite(buffer.baseAddress, 1, buffer.count, stdout) }
    }
    public func flush() { fflush(stdout) }
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
