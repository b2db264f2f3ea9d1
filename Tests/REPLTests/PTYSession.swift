import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Drives a program through a pseudo-terminal, as a person at a terminal would: keys in,
/// screen text out. Used by the end-to-end tests of the real `dtr` binary.
final class PTYSession {
    let pid: pid_t
    private let master: Int32
    /// Everything the program wrote, raw.
    private(set) var raw: [UInt8] = []
    /// How much of the (escape-stripped) output earlier expectations consumed.
    private var mark = 0
    private var exitStatus: Int32?
    /// The text consumed by the latest successful ``expect(_:timeout:)``, the match included.
    private(set) var lastConsumed = ""

    struct LaunchError: Error, CustomStringConvertible {
        let description: String
    }

    /// Starts `executable` on a new pseudo-terminal of `columns` × `rows`.
    init(executable: String, arguments: [String] = [], environment: [String: String],
         directory: String? = nil, columns: UInt16 = 100, rows: UInt16 = 30) throws {
        // Everything the child needs is allocated before fork: after it, only exec.
        func cStrings(_ strings: [String]) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> {
            let array = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: strings.count + 1)
            for (i, s) in strings.enumerated() { array[i] = strdup(s) }
            array[strings.count] = nil
            return array
        }
        let argv = cStrings([executable] + arguments)
        let envp = cStrings(environment.map { "\($0.key)=\($0.value)" })
        let path = strdup(executable)
        let dir = directory.map { strdup($0) } ?? nil
        defer {
            for p in [argv, envp] {
                var i = 0
                while let s = p[i] { free(s); i += 1 }
                p.deallocate()
            }
            free(path)
            free(dir)
        }
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        var masterFD: Int32 = -1
        let child = forkpty(&masterFD, nil, nil, &size)
        if child == 0 {
            // The test runner's threads block signals; the program gets a clean mask, as from a shell.
            var none = sigset_t()
            sigemptyset(&none)
            sigprocmask(SIG_SETMASK, &none, nil)
            if let dir { _ = chdir(dir) }
            if let path { execve(path, argv, envp) }
            _exit(127)
        }
        guard child > 0 else { throw LaunchError(description: "forkpty failed: errno \(errno)") }
        pid = child
        master = masterFD
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
    }

    deinit {
        if exitStatus == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        close(master)
    }

    /// Resizes the terminal (the program gets SIGWINCH, as when a window is resized).
    func resize(columns: UInt16, rows: UInt16) {
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
    }

    /// Types `text` (use "\r" for Enter, "\u{03}" for Ctrl-C, "\t" for Tab).
    func send(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeMutableBytes { write(master, $0.baseAddress, $0.count) }
            if n > 0 { offset += n } else if errno != EAGAIN && errno != EINTR { return } else { usleep(1000) }
        }
        bytes.removeAll()
    }

    /// Reads whatever output is available within `timeout` seconds; false at end of output.
    @discardableResult
    private func pump(timeout: Double) -> Bool {
        var fd = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&fd, 1, Int32(max(0, timeout * 1000))) > 0 else { return true }
        var buffer = [UInt8](repeating: 0, count: 65536)
        let n = read(master, &buffer, buffer.count)
        if n > 0 { raw += buffer[0..<n]; return true }
        return n < 0 && errno == EAGAIN
    }

    /// The output as a person would read it: escape sequences and carriage returns removed.
    var text: String { Self.strip(String(decoding: raw, as: UTF8.self)) }

    /// Output not yet consumed by ``expect(_:timeout:)``.
    var unconsumed: String { String(text.dropFirst(mark)) }

    /// Waits until `needle` appears after the previous match; consumes up to its end.
    /// Returns the time it took, or nil on timeout.
    @discardableResult
    func expect(_ needle: String, timeout: Double = 20) -> Double? {
        let start = Date()
        while true {
            let current = text
            let tail = current.dropFirst(mark)
            if let range = tail.range(of: needle) {
                lastConsumed = String(tail[..<range.upperBound])
                mark = current.distance(from: current.startIndex, to: range.upperBound)
                return Date().timeIntervalSince(start)
            }
            let elapsed = Date().timeIntervalSince(start)
            if elapsed > timeout { return nil }
            if !pump(timeout: min(0.05, timeout - elapsed)) {
                let current = text, tail = current.dropFirst(mark)
                if let range = tail.range(of: needle) {
                    lastConsumed = String(tail[..<range.upperBound])
                    mark = current.distance(from: current.startIndex, to: range.upperBound)
                    return Date().timeIntervalSince(start)
                }
                return nil
            }
        }
    }

    /// Waits for the program to exit; its exit status, or nil on timeout.
    func waitForExit(timeout: Double = 10) -> Int32? {
        let start = Date()
        while Date().timeIntervalSince(start) < timeout {
            pump(timeout: 0.02)
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                while pump(timeout: 0.01), !raw.isEmpty, Date().timeIntervalSince(start) < timeout {
                    var fd = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
                    if poll(&fd, 1, 0) <= 0 { break }
                }
                let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
                exitStatus = code
                return code
            }
        }
        return nil
    }

    /// Whether the process is still running.
    var isRunning: Bool {
        if exitStatus != nil { return false }
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == pid {
            exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
            return false
        }
        return true
    }

    /// `s` without ANSI escape sequences (CSI, OSC, two-byte) and carriage returns.
    static func strip(_ s: String) -> String {
        var out = ""
        var it = s.unicodeScalars.makeIterator()
        while let c = it.next() {
            if c == "\u{1B}" {
                guard let next = it.next() else { break }
                if next == "[" {
                    while let d = it.next(), !(0x40...0x7E).contains(d.value) {}
                } else if next == "]" {
                    while let d = it.next(), d != "\u{07}" && d != "\u{1B}" {}
                }
                continue
            }
            if c == "\r" || c == "\u{07}" { continue }
            out.unicodeScalars.append(c)
        }
        return out
    }
}
