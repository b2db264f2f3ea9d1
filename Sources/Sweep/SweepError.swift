/// A sweep that cannot be set up or read: a bad grid, a folder holding another sweep, a
/// failed `sbatch`. `message` is user-facing; the CLI prints it as `error: …` (exit 2).
public struct SweepError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public var message: String
    /// Creates an error.
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
