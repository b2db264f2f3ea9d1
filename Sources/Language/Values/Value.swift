import Tensor

/// A value of the dtr language.
///
/// Small by design (a tag plus at most two words) so the evaluator can copy values cheaply:
/// numbers are unboxed `Double`s and never allocate; tensors live in a ``TensorBox`` so a
/// copy is one retain. Every case has value semantics as seen from the language:
/// tensors, lists and records are copy-on-write.
///
/// ```swift
/// let v = Value(try Tensor([1, 2, 3]))
/// v.typeName        // "tensor"
/// Value.number(3).display()   // "3"
/// ```
public enum Value: @unchecked Sendable {
    /// A number (dtr's scalar). Integral values display without a decimal point.
    case number(Double)
    /// `true` / `false`.
    case bool(Bool)
    /// `none`: the value of statements and of `print`; never displayed.
    case none
    /// A string.
    case string(String)
    /// A tensor (boxed so a `Value` stays small; see ``Value/init(_:)``).
    case tensor(TensorBox)
    /// A list of values (non-numeric or ragged `[…]`).
    case list([Value])
    /// A record `{name: value, …}` with ordered fields.
    case record(Record)
    /// A user function or lambda.
    case function(Closure)
    /// A builtin function from the ``Registry``.
    case builtin(Builtin)
    /// An integer range `lower..<upper` (half-open; `a...b` is stored as `a..<b+1`).
    case range(RangeValue)
    /// A value defined by another layer (a plot, a figure): it knows how to display itself.
    case object(any DisplayableObject)

    /// Wraps a tensor.
    public init(_ tensor: Tensor) { self = .tensor(TensorBox(tensor)) }

    /// The tensor inside a `.tensor` value, or nil.
    public var tensorValue: Tensor? {
        if case .tensor(let box) = self { return box.tensor }
        return nil
    }

    /// The user-facing name of the value's kind: `number`, `tensor`, `string`, `bool`,
    /// `none`, `list`, `record`, `function`, `range`, or the object's own kind name.
    public var typeName: String {
        switch self {
        case .number: return "number"
        case .bool: return "bool"
        case .none: return "none"
        case .string: return "string"
        case .tensor: return "tensor"
        case .list: return "list"
        case .record: return "record"
        case .function, .builtin: return "function"
        case .range: return "range"
        case .object(let o): return o.typeName
        }
    }

    /// Whether the value holds no reference (a number, a boolean or `none`), so destroying
    /// it is a no-op.
    @inline(__always) var isTrivial: Bool {
        switch self {
        case .number, .bool, .none: return true
        default: return false
        }
    }

    /// Whether this is a string.
    var isString: Bool {
        if case .string = self { return true }
        return false
    }

    /// Whether this is `none`.
    @inline(__always) public var isNone: Bool {
        if case .none = self { return true }
        return false
    }
}

/// A value made by another layer (the Render layer's plots and figures) that the language
/// carries around and displays without knowing its type.
public protocol DisplayableObject: AnyObject, Sendable {
    /// The kind name shown by `type(x)` and in error messages, e.g. `"plot"`.
    var typeName: String { get }
    /// The value as text for a terminal of `width` columns; ANSI colour only when `color`.
    func display(width: Int, color: Bool) -> String
}

/// Holds a tensor inside a ``Value``. Shared between copies of the value; the evaluator
/// copies the box before writing unless it is uniquely referenced (copy-on-write).
public final class TensorBox: @unchecked Sendable {
    /// The tensor.
    public var tensor: Tensor
    /// The tensor's node on a gradient tape while `grad` differentiates through it (nil for
    /// plain tensors; `variable.value` is then `tensor`). See `GradBuiltins.swift`.
    public let variable: Variable?
    /// Wraps `tensor`.
    public init(_ tensor: Tensor) {
        self.tensor = tensor
        variable = nil
    }
    /// Wraps a value tracked on a gradient tape.
    public init(tracked variable: Variable) {
        tensor = variable.value
        self.variable = variable
    }
}

/// An integer range `lower..<upper`.
public struct RangeValue: Sendable, Equatable {
    /// First element.
    public var lower: Int
    /// One past the last element.
    public var upper: Int
    /// Number of elements (0 when `upper <= lower`).
    public var count: Int { upper > lower ? upper &- lower : 0 }
    /// Creates a half-open range.
    public init(lower: Int, upper: Int) {
        self.lower = lower
        self.upper = upper
    }
}

/// A record: named fields in the order they were written. Value semantics (arrays inside).
public struct Record: Sendable {
    /// Field names in order.
    public private(set) var names: [String]
    /// Field values, parallel to `names`.
    public private(set) var values: [Value]

    /// An empty record.
    public init() {
        names = []
        values = []
    }

    /// A record with the given fields in order (a repeated name keeps its last value).
    public init(_ fields: [(String, Value)]) {
        self.init()
        for (n, v) in fields { self[n] = v }
    }

    /// The value of field `name`, or nil; setting adds the field at the end if it is new.
    public subscript(name: String) -> Value? {
        get {
            for i in 0..<names.count where names[i] == name { return values[i] }
            return nil
        }
        set {
            if let i = names.firstIndex(of: name) {
                if let v = newValue {
                    values[i] = v
                } else {
                    names.remove(at: i)
                    values.remove(at: i)
                }
            } else if let v = newValue {
                names.append(name)
                values.append(v)
            }
        }
    }

    /// The fields as (name, value) pairs in order.
    public var fields: [(String, Value)] { Array(zip(names, values)) }
}
