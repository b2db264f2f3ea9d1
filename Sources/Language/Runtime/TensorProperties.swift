import Tensor

/// The read-only fields of a tensor, as numpy's array attributes: `x.shape` (a list),
/// `x.ndim`, `x.size`, `x.dtype` (`"f64"`, `"f32"` or `"bool"`) and `x.T` (all axes
/// reversed; a 1-D tensor is unchanged). Tensors have no methods: `x.max()` is an error
/// that names the function to call instead, `max(x)`.
enum TensorProperties {
    /// The property names, in the order error messages list them.
    static let names = ["shape", "ndim", "size", "dtype", "T"]

    /// `box.name`.
    static func get(_ box: TensorBox, _ name: String, _ span: SourceSpan) throws(Unwind) -> Value {
        let t = box.tensor
        switch name {
        case "shape": return .list(t.shape.map { .number(Double($0)) })
        case "ndim": return .number(Double(t.rank))
        case "size": return .number(Double(t.count))
        case "dtype": return .string(t.dtype.rawValue)
        case "T":
            if let v = box.variable {
                return Value.tracked(try engine(span) { () throws(TensorError) in try v.transpose() })
            }
            return Value(try engine(span) { () throws(TensorError) in try t.transpose() })
        default:
            let known = "tensor properties: " + names.joined(separator: ", ")
            if Registry.lookup(name) != nil {
                throw Unwind.error("tensors have no methods; call \(name)(x) instead of x.\(name)(…)", span,
                                   notes: [.init(known)])
            }
            let hint = Suggestions.closest(to: name, among: names).map(Diagnostic.didYouMean)
            throw Unwind.error("a tensor has no property \"\(name)\"", span, suggestion: hint, notes: [.init(known)])
        }
    }
}
