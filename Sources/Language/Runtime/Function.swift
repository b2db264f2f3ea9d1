/// The compiled form of a `fn` or lambda, shared by every closure made from it.
final class FunctionCode {
    /// The function's name (`<lambda>` for lambdas).
    let name: String
    /// Parameter names in order; parameter `i` lives in local slot `i`.
    let parameterNames: [String]
    /// `parameterNames.count`.
    let parameterCount: Int
    /// Default-value expressions (evaluated in the callee's frame at call time), per parameter.
    let defaults: [Node?]
    /// For each parameter, its cell index if inner functions capture it, else -1.
    let parameterCells: [Int]
    /// Local slots per call (parameters first).
    let frameSize: Int
    /// Captured locals per call.
    let cellCount: Int
    /// Whether calls need the closure environment swapped in.
    let needsEnvironment: Bool
    /// The body.
    let body: Node
    /// Where the function is written.
    let span: SourceSpan
    /// The capture index through which the function refers to itself (a local `fn` that
    /// recurses), or -1. That capture is not stored in the closure — a closure holding the
    /// box that holds it is a reference cycle, never freed — but bound to the running
    /// closure on each call.
    let selfCapture: Int

    init(name: String, parameterNames: [String], defaults: [Node?], parameterCells: [Int], frameSize: Int,
         cellCount: Int, body: Node, span: SourceSpan, selfCapture: Int = -1) {
        self.name = name
        self.parameterNames = parameterNames
        self.parameterCount = parameterNames.count
        self.defaults = defaults
        self.parameterCells = parameterCells
        self.frameSize = frameSize
        self.cellCount = cellCount
        self.needsEnvironment = cellCount > 0
        self.body = body
        self.span = span
        self.selfCapture = selfCapture
    }
}

/// A function value: code plus the variables it captured from enclosing functions.
public final class Closure: @unchecked Sendable {
    let code: FunctionCode
    let captures: [Box]
    let hasCaptures: Bool
    /// Copies of the code's hot fields, so a call touches one object.
    let body: Node
    let frameSize: Int
    let parameterCount: Int
    /// Whether calls with exactly `parameterCount` positional arguments may take the fast path.
    let isSimple: Bool
    /// `parameterCount` when `isSimple`, else -1: the one number the fast path checks.
    let fastArity: Int

    init(code: FunctionCode, captures: [Box]) {
        self.code = code
        self.captures = captures
        self.hasCaptures = !captures.isEmpty
        self.body = code.body
        self.frameSize = code.frameSize
        self.parameterCount = code.parameterCount
        self.isSimple = !code.needsEnvironment && captures.isEmpty
        self.fastArity = isSimple ? code.parameterCount : -1
    }

    /// The function's name as written (`<lambda>` for lambdas).
    public var name: String { code.name }
    /// Parameter names in order.
    public var parameterNames: [String] { code.parameterNames }
}

/// Where a closure being created finds each variable it captures.
enum CaptureSource {
    /// A cell of the enclosing frame.
    case cell(Int)
    /// A variable the enclosing closure itself captured.
    case capture(Int)
}

/// Creates a closure (a `fn` statement's value or a lambda).
final class MakeClosureNode: Node {
    let code: FunctionCode
    let sources: [CaptureSource]
    init(_ code: FunctionCode, sources: [CaptureSource], span: SourceSpan) {
        self.code = code
        self.sources = sources
        super.init(span: span)
    }
    override func eval(_ c: Context) throws(Unwind) -> Value {
        if sources.isEmpty { return .function(Closure(code: code, captures: [])) }
        var boxes: [Box] = []
        boxes.reserveCapacity(sources.count)
        for (k, s) in sources.enumerated() {
            if k == code.selfCapture { boxes.append(Box(.none)); continue }  // bound per call
            switch s {
            case .cell(let i): boxes.append(c.cells[i])
            case .capture(let i): boxes.append(c.captures[i])
            }
        }
        return .function(Closure(code: code, captures: boxes))
    }
}
