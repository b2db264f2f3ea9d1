/// Element type of a tensor. `f64` is the default; mixing dtypes in one operation gives `f64`.
public enum DType: String, Sendable, CaseIterable {
    case f64, f32

    /// Bytes per element.
    public var size: Int { self == .f64 ? 8 : 4 }

    /// The result dtype of a binary operation on `self` and `other` (numpy's promotion for f32/f64).
    public func promoted(with other: DType) -> DType { self == other ? self : .f64 }
}
