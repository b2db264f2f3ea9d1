import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Suite "repl": time from launching `dtr` on a pseudo-terminal to its first prompt, the
/// way a user meets it. The peer (bench/peers/repl_peer.py) times `/usr/bin/python3 -q`
/// reaching `>>> ` the same way in the same run; the target is at most 2× Python.
func replBenchmarks() -> [BenchCase] {
    [BenchCase(suite: "repl", name: "first_prompt") {
        try PromptTimer.launchUntilPrompt(executable: PromptTimer.dtrPath, prompt: "dtr> ")
    }]
}

enum PromptTimer {
    struct Failure: Error, CustomStringConvertible { let description: String }

    /// `$DTR_BINARY`, else the `dtr` built beside this benchmark binary.
    static let dtrPath: String = {
        if let path = ProcessInfo.processInfo.environment["DTR_BINARY"] { return path }
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("dtr").path
    }()

    /// An empty home directory, so neither program reads a user's history or settings.
    static let home: String = {
        let path = NSTemporaryDirectory() + "dtr-bench-home-\(getpid())"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    /// Starts `executable` on a new pseudo-terminal, waits until its output contains
    /// `prompt`, then kills it.
    static func launchUntilPrompt(executable: String, arguments: [String] = [], prompt: String,
                                  timeout: Double = 20) throws {
        let argStrings: [String] = [executable] + arguments
        let envStrings: [String] = ["HOME=\(home)", "TERM=xterm-256color", "LANG=C.UTF-8", "PATH=/usr/bin:/bin"]
        let args: [UnsafeMutablePointer<CChar>?] = argStrings.map { strdup($0) } + [nil]
        let env: [UnsafeMutablePointer<CChar>?] = envStrings.map { strdup($0) } + [nil]
        defer { (args + env).forEach { free($0) } }
        var size = winsize(ws_row: 30, ws_col: 100, ws_xpixel: 0, ws_ypixel: 0)
        var master: Int32 = -1
        let pid = args.withUnsafeBufferPointer { argv in
            env.withUnsafeBufferPointer { envp -> pid_t in
                let child = forkpty(&master, nil, nil, &size)
                if child == 0 {
                    var none = sigset_t()
                    sigemptyset(&none)
                    sigprocmask(SIG_SETMASK, &none, nil)
                    if let path = argv[0], let argvBase = argv.baseAddress, let envpBase = envp.baseAddress {
                        execve(path, argvBase, envpBase)
                    }
                    _exit(127)
                }
                return child
            }
        }
        guard pid > 0 else { throw Failure(description: "forkpty failed") }
        defer {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            close(master)
        }
        let needle = Array(prompt.utf8)
        var seen: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        let start = DispatchTime.now().uptimeNanoseconds
        while Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 < timeout {
            var fd = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&fd, 1, 100) > 0 else { continue }
            let n = read(master, &buffer, buffer.count)
            guard n > 0 else { break }
            seen += buffer[0..<n]
            if seen.count >= needle.count,
               (0...(seen.count - needle.count)).contains(where: { seen[$0..<($0 + needle.count)].elementsEqual(needle) }) {
                return
            }
        }
        throw Failure(description: "\(executable) showed no prompt \"\(prompt)\"; output: \(String(decoding: seen, as: UTF8.self))")
    }
}
