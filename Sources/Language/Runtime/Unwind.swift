import Tensor

/// What the evaluator throws: a runtime failure, or a non-local exit (`break`, `continue`,
/// `return`). Typed throws keep control flow allocation-free; the returned value travels
/// in ``Context/returnValue``.
enum Unwind: Error {
    /// A runtime error (or an interrupt) carrying its diagnostic.
    case failure(RuntimeFailure)
    /// `break` (the resolver guarantees an enclosing loop).
    case breakLoop
    /// `continue`.
    case continueLoop
    /// `return` (the value is in `Context.returnValue`).
    case returnValue

    /// A runtime error with a message and the span of the offending expression.
    static func error(_ message: String, _ span: SourceSpan?, suggestion: String? = nil, notes: [Diagnostic.Note] = []) -> Unwind {
        .failure(RuntimeFailure(Diagnostic(.error, message, span: span, notes: notes, suggestion: suggestion)))
    }

    /// The failure for an engine error at `span` (an interrupt stays an interrupt).
    static func tensor(_ e: TensorError, _ span: SourceSpan?) -> Unwind {
        if case .interrupted = e { return interrupted(span) }
        return error(e.description, span)
    }

    /// The failure reported when Ctrl-C (or a timeout) stops the program.
    static func interrupted(_ span: SourceSpan?) -> Unwind {
        let f = RuntimeFailure(Diagnostic(.error, "interrupted", span: span))
        f.isInterrupt = true
        return .failure(f)
    }
}

/// A runtime error on its way out: the diagnostic plus the dtr call stack gathered while
/// unwinding. A class, so the thrown `Unwind` stays one word.
final class RuntimeFailure: @unchecked Sendable {
    var diagnostic: Diagnostic
    /// Whether this is an interrupt rather than an error (exit code 130).
    var isInterrupt = false

    init(_ diagnostic: Diagnostic) { self.diagnostic = diagnostic }

    /// Calls left out of the middle of a very deep stack.
    var omittedCalls = 0

    /// Records that the error passed out of a call to `function` made at `span`. Very deep
    /// stacks keep their 10 innermost and 10 outermost calls (and a note saying how many
    /// were left out), like Python's "previous line repeated" summary.
    func passedThrough(_ function: String, at span: SourceSpan) {
        if diagnostic.callStack.count >= 20 {
            diagnostic.callStack.remove(at: 10)
            omittedCalls += 1
        }
        diagnostic.callStack.insert(Diagnostic.StackEntry(function: function, span: span), at: 0)
    }

    /// The diagnostic as reported, with the omitted-calls note.
    var finished: Diagnostic {
        guard omittedCalls > 0 else { return diagnostic }
        var d = diagnostic
        d.notes.append(.init("\(omittedCalls) more calls are not shown in the call stack"))
        return d
    }
}

/// Runs an engine operation, turning its `TensorError` into a diagnostic at `span`.
@inline(__always)
func engine<T>(_ span: SourceSpan?, _ body: () throws(TensorError) -> T) throws(Unwind) -> T {
    do throws(TensorError) { return try body() } catch { throw Unwind.tensor(error, span) }
}
