/// Element type of a tensor. `f64` is the default; mixing f32 with f64 gives `f64`.
///
/// `bool` holds one byte per element (0 or 1), as numpy's `bool_`. Comparisons make bool
/// tensors; arithmetic, reductions and every float kernel first convert a bool operand to the
/// other operand's float dtype (f64 when there is none), as numpy promotes `bool` with numbers.
public enum DType: String, Sendable, CaseIterable {
    case f64, f32, bool

    /// Bytes per element.
    public var size: Int {
        switch self {
        case .f64: 8
        case .f32: 4
        case .bool: 1
        }
    }

    /// Whether the elements are floating point (`f64` or `f32`).
    public var isFloat: Bool { self != .bool }

    /// The result dtype of a binary operation on `self` and `other` (numpy's promotion:
    /// bool with a float gives the float; f32 with f64 gives f64).
    public func promoted(with other: DType) -> DType {
        if self == other { return self }
        if self == .bool { return other }
        if other == .bool { return self }
        return .f64
    }

    /// The float dtype a kernel computes in for an operand of this dtype (`bool` → `f64`).
    public var floatType: DType { self == .bool ? .f64 : self }
}
