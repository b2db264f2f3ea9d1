/// What running one cell produced: the seam between the runner (which fills it) and the
/// writer and exporters (which lay it out).
public struct CellOutput: Equatable, Sendable {
    /// How the cell ended.
    public enum Status: Equatable, Sendable {
        /// The cell ran to the end (for a cell flagged `expect-error`, this fails the run).
        case succeeded
        /// The cell raised an error (expected when it is flagged `expect-error`).
        case failed
        /// The cell was stopped by `--timeout`.
        case timedOut
        /// The user pressed Ctrl-C while the cell ran.
        case interrupted
    }

    /// Text the cell printed and its displayed value, one entry per line (entries holding
    /// newlines are split; a trailing `\r` is dropped).
    public var lines: [String]
    /// The diagnostic text when the cell failed or timed out (may span several lines).
    public var error: String?
    /// Images the cell displayed, in order.
    public var images: [CellImage]
    /// How the cell ended.
    public var status: Status

    /// Creates a cell output.
    public init(lines: [String] = [], error: String? = nil, images: [CellImage] = [], status: Status = .succeeded) {
        self.lines = lines
        self.error = error
        self.images = images
        self.status = status
    }

    /// True when there is nothing to show (no text, no error, no image).
    public var isEmpty: Bool { textLines.isEmpty && errorLines.isEmpty && images.isEmpty }

    /// The printed lines, normalised (one entry per physical line).
    public var textLines: [String] { Self.normalise(lines) }

    /// The error lines, normalised; a timeout or interruption without a message gets a
    /// one-line note (`error: cell timed out`, `error: interrupted`).
    public var errorLines: [String] {
        if let error, !error.isEmpty { return Self.normalise([error]) }
        switch status {
        case .timedOut: return ["error: cell timed out"]
        case .interrupted: return ["error: interrupted"]
        case .succeeded, .failed: return []
        }
    }

    /// Text lines then error lines: what the `output` fence holds.
    var blockLines: [String] { textLines + errorLines }

    private static func normalise(_ entries: [String]) -> [String] {
        var out: [String] = []
        for entry in entries {
            // Split on scalars: as Characters, "\r\n" is one grapheme and would not split.
            for piece in entry.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
                out.append(String(piece.last == "\r" ? piece.dropLast() : piece))
            }
        }
        return out
    }
}

/// A PNG image a cell displayed.
public struct CellImage: Equatable, Sendable {
    /// The PNG file's bytes.
    public var png: [UInt8]
    /// A short description for screen readers and Markdown alt text.
    public var alt: String

    /// Creates an image.
    public init(png: [UInt8], alt: String) {
        self.png = png
        self.alt = alt
    }
}
