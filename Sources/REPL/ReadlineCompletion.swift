// readline and stdio are C libraries of process-wide globals, not annotated for Swift
// concurrency; the REPL touches them from one thread only (see LineReader), which is what
// `@preconcurrency` records here.
#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif
@preconcurrency import CReadline

/// Connects readline's completion hooks to a ``Completer``.
///
/// readline decides where the word being completed starts by scanning back for a "word
/// break" character. The break hook computes the word with ``CompletionContext`` and returns
/// exactly the character in front of it, so readline's word and ours agree for every kind
/// (a path after `:load`, a field after `.`, a string choice after `"`, a name after `(`).
/// All of this runs on the REPL's thread, inside `rl_callback_read_char`.
enum ReadlineCompletion {
    private nonisolated(unsafe) static var completer: Completer?
    private nonisolated(unsafe) static var candidates: [String] = []
    private nonisolated(unsafe) static var nextCandidate = 0
    private nonisolated(unsafe) static var breakCharacters: UnsafeMutablePointer<CChar>?

    static func install(_ completer: Completer) {
        self.completer = completer
        // A quote in front of the word would otherwise be re-appended after a single match
        // (readline's "delimiter"); string choices already carry their closing quote.
        rl_basic_quote_characters = nil
        rl_completion_word_break_hook = { ReadlineCompletion.wordBreakCharacters() }
        rl_attempted_completion_function = { text, _, _ in ReadlineCompletion.matches(text) }
    }

    /// The line from its start to the cursor.
    private static func linePrefix() -> String {
        guard let buffer = rl_line_buffer else { return "" }
        let point = max(0, Int(rl_point))
        let bytes = UnsafeRawBufferPointer(start: buffer, count: min(point, Int(strlen(buffer))))
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func wordBreakCharacters() -> UnsafeMutablePointer<CChar>? {
        guard let completer else { return nil }
        let prefix = linePrefix()
        let word = completer.complete(prefix).word
        let before = prefix.dropLast(word.count).last
        let first = before.flatMap { $0.utf8.first } ?? 1
        free(breakCharacters)
        breakCharacters = strdup(String(decoding: [first], as: UTF8.self))
        return breakCharacters
    }

    private static func matches(_ text: UnsafePointer<CChar>?) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        rl_attempted_completion_over = 1
        // Candidates carry their own suffix (`"`, `: `, `/`); readline would otherwise append
        // the quote that precedes a string choice a second time.
        rl_completion_append_character = 0
        rl_completion_suppress_append = 1
        guard let completer, let text else { return nil }
        let typed = String(cString: text)
        candidates = completer.complete(linePrefix()).candidates.filter { $0.hasPrefix(typed) }
        nextCandidate = 0
        guard !candidates.isEmpty else { return nil }
        return rl_completion_matches(text) { _, _ in
            guard ReadlineCompletion.nextCandidate < ReadlineCompletion.candidates.count else { return nil }
            defer { ReadlineCompletion.nextCandidate += 1 }
            return strdup(ReadlineCompletion.candidates[ReadlineCompletion.nextCandidate])
        }
    }
}
