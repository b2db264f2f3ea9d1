/// Every failure the tensor engine reports. These are thrown values: user input can never
/// make the engine trap. The language layer renders them as diagnostics.
public enum TensorError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Two operand shapes are incompatible for `op` (e.g. broadcasting `+` or `matmul`).
    case shapeMismatch(op: String, lhs: [Int], rhs: [Int])
    /// `index` is outside `-bound..<bound` on `axis`.
    case indexOutOfBounds(axis: Int, index: Int, bound: Int)
    /// A shape, axis, size or index given by the user is not a valid integer (huge, negative, NaN,
    /// non-integral) or is otherwise unusable; the message says which and why.
    case invalidArgument(String)
    /// The tensor would need `bytes` bytes, more than the configured cap `limit` (or, when
    /// `bytes <= limit`, more than the system would still give).
    case tooLarge(bytes: Int, limit: Int)
    /// The computation was interrupted (Ctrl-C or a timeout) at a safe point.
    case interrupted

    public var description: String {
        switch self {
        case let .shapeMismatch(op, lhs, rhs):
            return "shapes \(Shape.describe(lhs)) and \(Shape.describe(rhs)) are not compatible for \(op)"
        case let .indexOutOfBounds(axis, index, bound):
            return "index \(index) is out of bounds for axis \(axis) with size \(bound)"
        case let .invalidArgument(message):
            return message
        case let .tooLarge(bytes, limit) where bytes <= limit:
            // Under the limit, but the system refused the memory (other values hold the rest).
            return "tensor needs \(Limits.formatBytes(bytes)), more than the memory left "
                + "(the memory limit is \(Limits.formatBytes(limit)), and other values use part of it)"
        case let .tooLarge(bytes, limit):
            return "tensor needs \(Limits.formatBytes(bytes)), more than the memory limit of \(Limits.formatBytes(limit))"
        case .interrupted:
            return "interrupted"
        }
    }
}
