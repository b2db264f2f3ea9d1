import Tensor

/// What a builtin parameter accepts. The registry checks and converts arguments before
/// the builtin runs, so implementations read typed values without further checks.
public enum ArgKind: Sendable {
    /// Any value, unchanged.
    case any
    /// A number (booleans and one-element tensors are accepted and converted).
    case number
    /// An exact integer (stored as a number).
    case integer
    /// A tensor; numbers, booleans and numeric lists are converted.
    case tensor
    /// A number stays a number, anything tensor-like becomes a tensor (elementwise functions).
    case numeric
    /// A string.
    case string
    /// `true`/`false`.
    case bool
    /// A user function or builtin.
    case function
    /// A list (a tensor is turned into a list of its rows).
    case list
    /// A record.
    case record
    /// A shape: an integer, or a list/1-D tensor of integers (stored as a list of numbers).
    case shape

    /// The kind's name in error messages.
    public var name: String {
        switch self {
        case .any: "value"
        case .number: "number"
        case .integer: "integer"
        case .tensor: "tensor"
        case .numeric: "number or tensor"
        case .string: "string"
        case .bool: "boolean"
        case .function: "function"
        case .list: "list"
        case .record: "record"
        case .shape: "shape (an integer or a list of integers)"
        }
    }
}

/// One declared parameter of a builtin.
public struct BuiltinParameter: Sendable {
    /// The parameter's name (also its label for named arguments).
    public let name: String
    /// What it accepts.
    public let kind: ArgKind
    /// The value used when the argument is omitted; nil makes the parameter required.
    /// A default of `none` means "not given" and skips the kind check.
    public let defaultValue: Value?
    /// Whether it collects all remaining positional arguments into a list (`print(a, b, …)`).
    public let variadic: Bool
    /// The value the builtin uses when a `none`-default parameter is left out, for the
    /// signature (`T = 1000`), when it is one fixed value; nil shows `[name]`.
    public var documentedDefault: String? = nil

    /// This parameter with `text` shown as its default in the signature (see ``documentedDefault``).
    public func documented(_ text: String) -> BuiltinParameter {
        var p = self
        p.documentedDefault = text
        return p
    }

    /// A required parameter.
    public static func required(_ name: String, _ kind: ArgKind) -> BuiltinParameter {
        BuiltinParameter(name: name, kind: kind, defaultValue: nil, variadic: false)
    }
    /// An optional parameter (`none` default = "not given").
    public static func optional(_ name: String, _ kind: ArgKind, _ defaultValue: Value = .none) -> BuiltinParameter {
        BuiltinParameter(name: name, kind: kind, defaultValue: defaultValue, variadic: false)
    }
    /// A parameter taking every remaining positional argument (as a list).
    public static func variadic(_ name: String, _ kind: ArgKind = .any) -> BuiltinParameter {
        BuiltinParameter(name: name, kind: kind, defaultValue: .list([]), variadic: true)
    }
}

/// A builtin function: declared once with its parameters, help text and a runnable
/// example; `help(name)`, `dtr help NAME` and the registry test all read the declaration.
///
/// ```swift
/// Builtin("double", [.required("x", .numeric)],
///         help: "Twice x.", example: "double(21)", expected: "42") { a throws(Unwind) in
///     try a.elementwise(0) { $0 * 2 }
/// }
/// ```
public final class Builtin: @unchecked Sendable {
    /// The name users call it by.
    public let name: String
    /// Declared parameters in positional order.
    public let parameters: [BuiltinParameter]
    /// What it does (one paragraph, shown by `help`).
    public let help: String
    /// A dtr snippet using it; the registry test runs every example.
    public let example: String
    /// The example's displayed value, when it is deterministic (checked by the test).
    public let expected: String?
    let body: (Args) throws(Unwind) -> Value

    init(_ name: String, _ parameters: [BuiltinParameter], help: String, example: String, expected: String? = nil,
         _ body: @escaping (Args) throws(Unwind) -> Value) {
        self.name = name
        self.parameters = parameters
        self.help = help
        self.example = example
        self.expected = expected
        self.body = body
    }

    /// `name(a, [b], c = 1, rest…)` as shown in help and errors, in the syntax of a `fn`
    /// line: every parameter may be given by position or by name (`c: 2`); `[b]` may be
    /// left out (the builtin then does without it), `c = 1` shows the value used when `c`
    /// is left out, `rest…` takes the remaining positional arguments.
    public var signature: String {
        let ps = parameters.map { p -> String in
            if p.variadic { return "\(p.name)…" }
            guard let d = p.defaultValue else { return p.name }
            if d.isNone { return p.documentedDefault.map { "\(p.name) = \($0)" } ?? "[\(p.name)]" }
            return "\(p.name) = \(d.nested())"
        }
        return "\(name)(\(ps.joined(separator: ", ")))"
    }

    /// The help page: signature, text and example.
    public var helpText: String {
        var s = signature + "\n\n" + help + "\n\nExample:\n    " + example.indentingLines()
        if let expected { s += "\n  ⇒ " + expected.indentingLines() }
        return s
    }
}

private extension String {
    /// Continuation lines indented by four spaces.
    func indentingLines() -> String {
        split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n    ")
    }
}
