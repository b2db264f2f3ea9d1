/// One physical line of a notebook file: its text, its terminator and its 1-based number.
///
/// Lines are split on `\n` only; a preceding `\r` belongs to the terminator, so CRLF files
/// round-trip byte for byte. The last line may have an empty terminator.
struct SourceLine: Equatable, Sendable {
    /// The line's text without its terminator.
    var content: String
    /// `"\n"`, `"\r\n"` or `""` (last line without a newline).
    var terminator: String
    /// 1-based line number in the file.
    var number: Int

    /// `content + terminator`, exactly as in the file.
    var raw: String { content + terminator }

    /// True when the line holds only spaces and tabs.
    var isBlank: Bool { content.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 } }

    /// Splits text into lines. An empty text has no lines; a final newline does not start
    /// an extra empty line.
    static func split(_ text: String) -> [SourceLine] {
        var lines: [SourceLine] = []
        let bytes = Array(text.utf8)
        var start = 0
        var number = 1
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0A {
                var end = index
                var terminator = "\n"
                if end > start, bytes[end - 1] == 0x0D {
                    end -= 1
                    terminator = "\r\n"
                }
                lines.append(SourceLine(content: decode(bytes[start..<end]), terminator: terminator, number: number))
                number += 1
                start = index + 1
            }
            index += 1
        }
        if start < bytes.count {
            lines.append(SourceLine(content: decode(bytes[start..<bytes.count]), terminator: "", number: number))
        }
        return lines
    }

    /// Decodes a slice that is known to be valid UTF-8 (it came from a `String` and was cut
    /// at ASCII bytes only).
    private static func decode(_ slice: ArraySlice<UInt8>) -> String {
        String(decoding: slice, as: UTF8.self)
    }
}

extension String {
    /// Strips leading and trailing spaces and tabs.
    var trimmedSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }),
              let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
        return String(scalars[first...last])
    }

    /// Splits on runs of spaces and tabs, dropping empty pieces.
    var words: [String] {
        split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }
}
