// readline and stdio are C libraries of process-wide globals, not annotated for Swift
// concurrency; the REPL touches them from one thread only (see LineReader), which is what
// `@preconcurrency` records here.
#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif
@preconcurrency import CReadline

/// Reads lines from the terminal with GNU readline, through its callback interface so a
/// Ctrl-C can clear the line without leaving readline in a half-finished state.
///
/// readline is a C library of process-wide globals. They are touched only from the thread
/// that runs the REPL (the main thread), one line at a time; the `nonisolated(unsafe)`
/// statics below are the Swift side of that same single-threaded state.
final class LineReader {
    /// What reading one line gave.
    enum Input: Equatable {
        case line(String)
        /// Ctrl-D on an empty line, or the terminal went away.
        case endOfFile
        /// Ctrl-C: the line was cleared.
        case interrupted
    }

    /// Set by the line handler that readline calls when a line is finished.
    private nonisolated(unsafe) static var received: Input?
    private var installed = false

    /// Initialises readline: the application name, key bindings (Up/Down search the history
    /// by the typed prefix; Ctrl-R is readline's own reverse search), no signal handling of
    /// its own (see ``InterruptHandling``), and tab completion through `completer`.
    init(completer: Completer) {
        rl_readline_name = UnsafePointer(strdup("dtr"))
        rl_catch_signals = 0
        rl_catch_sigwinch = 0
        rl_change_environment = 0
        using_history()
        rl_initialize()
        for binding in [#""\e[A": history-search-backward"#, #""\e[B": history-search-forward"#,
                        #""\eOA": history-search-backward"#, #""\eOB": history-search-forward"#] {
            if let line = strdup(binding) {
                rl_parse_and_bind(line)
                free(line)
            }
        }
        ReadlineCompletion.install(completer)
    }

    /// The terminal's size as readline knows it (rows, columns).
    var screenSize: (rows: Int, columns: Int) {
        var rows: Int32 = 0, columns: Int32 = 0
        rl_get_screen_size(&rows, &columns)
        return (rows > 0 ? Int(rows) : 24, columns > 0 ? Int(columns) : 80)
    }

    /// Replaces readline's in-memory history (Up/Down, Ctrl-R) with `entries`.
    func setHistory(_ entries: [String]) {
        clear_history()
        for entry in entries { add_history(entry) }
    }

    /// Shows `prompt` and reads one line.
    func read(prompt: String) -> Input {
        Self.received = nil
        rl_callback_handler_install(prompt) { line in
            rl_callback_handler_remove()
            if let line {
                LineReader.received = .line(String(cString: line))
                free(line)
            } else {
                LineReader.received = .endOfFile
            }
        }
        installed = true
        defer {
            if installed { rl_callback_handler_remove() }
            installed = false
        }
        while true {
            if InterruptHandling.takeInterrupt() {
                cancelLine()
                return .interrupted
            }
            if InterruptHandling.takeResize() { rl_resize_terminal() }
            if InterruptHandling.takeContinue() {
                // Back from Ctrl-Z: the shell left the terminal in its own mode; set ours again.
                rl_deprep_terminal()
                rl_prep_terminal(1)
                rl_forced_update_display()
            }
            var fds = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: InterruptHandling.wakeReadFD, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, nfds_t(fds[1].fd >= 0 ? 2 : 1), -1)
            if ready < 0 {
                if errno == EINTR { continue }
                return .endOfFile
            }
            if fds[1].revents != 0 { InterruptHandling.drainWakePipe() }
            if fds[0].revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 {
                rl_callback_read_char()
                if let input = Self.received {
                    installed = false
                    // readline may have consumed a burst of typed-ahead keys in one call: a
                    // Ctrl-C among them cancels the line rather than being lost.
                    if InterruptHandling.takeInterrupt() {
                        fputs("^C\n", stdout)
                        fflush(stdout)
                        return .interrupted
                    }
                    if input == .endOfFile { fputs("\n", stdout); fflush(stdout) }
                    return input
                }
                if fds[0].revents & Int16(POLLIN) == 0 { return .endOfFile }
            }
        }
    }

    /// Ctrl-C while typing: abandon the line (and any search in progress) and start a new one.
    private func cancelLine() {
        rl_free_line_state()
        rl_callback_sigcleanup()
        rl_replace_line("", 1)
        rl_point = 0
        rl_end = 0
        rl_mark = 0
        fputs("^C\n", stdout)
        fflush(stdout)
    }
}
