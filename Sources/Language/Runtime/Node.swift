/// A compiled expression or statement: the AST after name resolution, as a tree of final
/// classes whose `eval` the interpreter calls. Names are already slot indices; spans are
/// kept for diagnostics.
class Node {
    /// Where the construct is written.
    let span: SourceSpan

    init(span: SourceSpan) { self.span = span }

    /// Evaluates the node. Statements give `none`.
    func eval(_ c: Context) throws(Unwind) -> Value { .none }
}

/// A literal value.
final class ConstNode: Node {
    let value: Value
    init(_ value: Value, span: SourceSpan) {
        self.value = value
        super.init(span: span)
    }
    override func eval(_ c: Context) throws(Unwind) -> Value { value }
}

// MARK: - Variables

/// Reads a local slot of the current frame.
final class LocalGet: Node {
    let slot: Int
    init(_ slot: Int, span: SourceSpan) {
        self.slot = slot
        super.init(span: span)
    }
    override func eval(_ c: Context) throws(Unwind) -> Value {
        // Numbers first: no outlined copy of the enum.
        if case .number(let x) = c.fp[slot] { return .number(x) }
        return c.fp[slot]
    }
}

/// Reads a global slot; an undefined slot is an "unknown name" error.
final class GlobalGet: Node {
    let slot: Int
    let name: String
    init(_ slot: Int, name: String, span: SourceSpan) {
        self.slot = slot
        self.name = name
        super.init(span: span)
    }
    override func eval(_ c: Context) throws(Unwind) -> Value {
        if case .number(let x) = c.globals[slot] { return .number(x) }
        let v = c.globals[slot]
        if case .none = v, !c.defined[slot] {
            throw c.session.unknownName(name, span)
        }
        return v
    }
}

/// Reads a local of the current frame that inner functions captured.
final class CellGet: Node {
    let cell: Int
    init(_ cell: Int, span: SourceSpan) {
        self.cell = cell
        super.init(span: span)
    }
    override func eval(_ c: Context) throws(Unwind) -> Value { c.cells[cell].value }
}

/// Reads a variable captured by the running closure.
final class CaptureGet: Node {
    let index: Int
    init(_ index: Int, span: SourceSpan) {
        self.index = index
        super.init(span: span)
    }
    override func eval(_ c: Context) throws(Unwind) -> Value { c.captures[index].value }
}

/// Where a variable lives, decided by the resolver.
enum VarRef {
    case local(Int)
    case global(Int)
    case cell(Int)
    case capture(Int)

    /// Stores `v` into the variable.
    @inline(__always)
    func store(_ v: Value, _ c: Context) {
        switch self {
        case .local(let i): c.fp[i] = v
        case .global(let i):
            c.globals[i] = v
            c.defined[i] = true
        case .cell(let i): c.cells[i].value = v
        case .capture(let i): c.captures[i].value = v
        }
    }

    /// Moves the value out of the variable, leaving `none` (so a following write finds
    /// the value's storage uniquely referenced).
    @inline(__always)
    func take(_ c: Context) -> Value {
        switch self {
        case .local(let i): return swapNone(&c.fp[i])
        case .global(let i): return swapNone(&c.globals[i])
        case .cell(let i): return swapNone(&c.cells[i].value)
        case .capture(let i): return swapNone(&c.captures[i].value)
        }
    }
}

@inline(__always) private func swapNone(_ v: inout Value) -> Value {
    var out = Value.none
    swap(&out, &v)
    return out
}

/// `name = value` for a plain variable.
final class SetLocal: Node {
    let slot: Int, value: Node
    init(_ slot: Int, _ value: Node, span: SourceSpan) {
        self.slot = slot
        self.value = value
        super.init(span: span)
    }
    override func eval(_ c: Context) throws(Unwind) -> Value {
        c.fp[slot] = try value.eval(c)
        return .none
    }
}

/// `name = value` for a global.
final class SetGlobal: Node {
    let slot: Int, value: Node
    init(_ slot: Int, _ value: Node, span: SourceSpan) {
        self.slot = slot
        self.value = value
        super.init(span: span)
    }
    override func eval(_ c: Context) throws(Unwind) -> Value {
        let v = try value.eval(c)
        c.globals[slot] = v
        c.defined[slot] = true
        return .none
    }
}

/// `name = value` for a cell or captured variable.
final class SetVar: Node {
    let ref: VarRef, value: Node
    init(_ ref: VarRef, _ value: Node, span: SourceSpan) {
        self.ref = ref
        self.value = value
        super.init(span: span)
    }
    override func eval(_ c: Context) throws(Unwind) -> Value {
        ref.store(try value.eval(c), c)
        return .none
    }
}
