import Foundation

/// A problem found while reading, updating or saving a `.dtrnb` notebook.
///
/// Every reading error names the 1-based line of the notebook file where it was found,
/// so a front end can print `FILE.dtrnb, line L: message`.
public struct NotebookError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Equatable, Sendable {
        /// The file is not valid UTF-8.
        case invalidUTF8
        /// A fenced block (opened on `line`) has no closing fence.
        case unterminatedFence
        /// The front matter opened on line 1 has no closing `---`.
        case unterminatedFrontMatter
        /// A front-matter line could not be understood.
        case badFrontMatter
        /// Reading or writing a file failed.
        case io
        /// `--set` named a parameter the front matter does not declare, or was malformed
        /// (a usage error: exit status 2).
        case badParameterOverride
    }

    /// The kind of problem.
    public var kind: Kind
    /// The 1-based line in the notebook file, or `nil` when the problem has no line (I/O).
    public var line: Int?
    /// A human-readable explanation (no location prefix).
    public var message: String

    /// Creates an error.
    public init(_ kind: Kind, line: Int?, _ message: String) {
        self.kind = kind
        self.line = line
        self.message = message
    }

    /// `line L: message`, or just the message when there is no line.
    public var description: String {
        if let line { return "line \(line): \(message)" }
        return message
    }
}
