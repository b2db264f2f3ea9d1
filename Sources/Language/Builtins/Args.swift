import Tensor

/// The checked arguments of one builtin call, in declared parameter order, plus what a
/// builtin may need from the running program (calling functions back, output, files).
struct Args {
    /// One value per declared parameter (defaults filled in; variadics as a list).
    let values: [Value]
    /// Where each argument was written (the call's span for defaults).
    let spans: [SourceSpan]
    /// The whole call.
    let span: SourceSpan
    let builtin: Builtin
    unowned(unsafe) let context: Context

    /// The argument's value.
    func value(_ i: Int) -> Value { i < values.count ? values[i] : .none }
    /// Whether an optional argument was given (not `none`).
    func given(_ i: Int) -> Bool { !value(i).isNone }

    func number(_ i: Int) -> Double {
        if case .number(let x) = value(i) { return x }
        return .nan
    }
    func int(_ i: Int) -> Int {
        if case .number(let x) = value(i), let n = Int(exactly: x) { return n }
        return 0
    }
    func string(_ i: Int) -> String {
        if case .string(let s) = value(i) { return s }
        return ""
    }
    func bool(_ i: Int) -> Bool {
        if case .bool(let b) = value(i) { return b }
        return false
    }
    func tensor(_ i: Int) -> Tensor {
        if case .tensor(let b) = value(i) { return b.tensor }
        return Tensor(scalar: 0)
    }
    func list(_ i: Int) -> [Value] {
        if case .list(let l) = value(i) { return l }
        return []
    }
    func shape(_ i: Int) -> [Int] {
        list(i).map { if case .number(let x) = $0, let n = Int(exactly: x) { return n } else { return 0 } }
    }
    /// An optional integer argument, nil when not given.
    func optionalInt(_ i: Int) -> Int? { given(i) ? int(i) : nil }

    /// An error about this call (at argument `i`'s span when given).
    func fail(_ message: String, at i: Int? = nil) -> Unwind {
        Unwind.error(message, i.map { spans[$0] } ?? span)
    }

    /// Runs an engine operation, reporting its errors at the call.
    func run<T>(_ body: () throws(TensorError) -> T) throws(Unwind) -> T {
        try engine(span, body)
    }

    /// Calls a function value (a user function or builtin) with positional arguments.
    func call(_ f: Value, _ arguments: [Value]) throws(Unwind) -> Value {
        try context.callValue(f, arguments, span)
    }

    /// The session running the program.
    var session: Session { context.session }
}
