/// One step of an assignment path (`.name` or `[items]`).
enum PathStep {
    case field(String, SourceSpan)
    case index([IndexSpec], SourceSpan)
}

/// An evaluated path step.
private enum EvaluatedStep {
    case field(String, SourceSpan)
    case index([IndexArg], SourceSpan)
}

/// `x op= value` for a plain variable (`+=`, `-=`, `*=`, `/=`).
final class CompoundAssignNode: Node {
    let ref: VarRef
    let read: Node
    let op: BinaryOperator
    let value: Node
    init(_ ref: VarRef, read: Node, op: BinaryOperator, value: Node, span: SourceSpan) {
        self.ref = ref
        self.read = read
        self.op = op
        self.value = value
        super.init(span: span)
    }
    override func eval(_ c: Context) throws(Unwind) -> Value {
        let old = try read.eval(c)
        let rhs = try value.eval(c)
        if case .number(let x) = old, case .number(let y) = rhs {
            ref.store(Ops.numbers(op, x, y), c)
        } else {
            ref.store(try Ops.binary(op, old, rhs, span), c)
        }
        return .none
    }
}

/// `root.field[i] op= value`: updates the root binding through the path with value
/// semantics (the root's own copy is changed; other bindings never see it).
final class PathAssignNode: Node {
    let ref: VarRef
    let read: Node
    let steps: [PathStep]
    let op: BinaryOperator?
    let value: Node
    init(_ ref: VarRef, read: Node, steps: [PathStep], op: BinaryOperator?, value: Node, span: SourceSpan) {
        self.ref = ref
        self.read = read
        self.steps = steps
        self.op = op
        self.value = value
        super.init(span: span)
    }

    override func eval(_ c: Context) throws(Unwind) -> Value {
        let rhs = try value.eval(c)
        var evaluated: [EvaluatedStep] = []
        for s in steps {
            switch s {
            case .field(let n, let sp): evaluated.append(.field(n, sp))
            case .index(let items, let sp):
                var args: [IndexArg] = []
                for item in items { args.append(try item.evaluate(c)) }
                evaluated.append(.index(args, sp))
            }
        }
        // The root must exist: an undefined global reports an unknown name. (Not reading
        // it otherwise keeps the value uniquely referenced for in-place writes.)
        if case .global(let g) = ref, !c.defined[g] { _ = try read.eval(c) }
        var root = ref.take(c)
        do throws(Unwind) {
            try update(&root, evaluated, 0, rhs)
        } catch {
            ref.store(root, c)
            throw error
        }
        ref.store(root, c)
        return .none
    }

    private func update(_ v: inout Value, _ steps: [EvaluatedStep], _ k: Int, _ rhs: Value) throws(Unwind) {
        let last = k == steps.count - 1
        switch steps[k] {
        case .field(let name, let span):
            guard case .record(var r) = v else {
                throw Unwind.error("cannot set field .\(name) of a \(v.typeName)", span)
            }
            v = .none
            defer { v = .record(r) }
            if last {
                if let op {
                    guard let old = r[name] else { throw Unwind.error("the record has no field \"\(name)\"", span) }
                    r[name] = try Ops.binary(op, old, rhs, span)
                } else {
                    r[name] = rhs
                }
            } else {
                guard var inner = r[name] else {
                    throw Unwind.error("the record has no field \"\(name)\"", span)
                }
                r[name] = Value.none
                defer { r[name] = inner }
                try update(&inner, steps, k + 1, rhs)
            }
        case .index(let args, let span):
            if last {
                var newValue = rhs
                if let op { newValue = try Ops.binary(op, try Indexing.get(v, args, span), rhs, span) }
                try Indexing.set(&v, args, newValue, span)
                return
            }
            guard case .list(var items) = v, args.count == 1, case .index(let i) = args[0] else {
                throw Unwind.error(
                    "only a list element can be followed by more steps in an assignment",
                    span, notes: [.init("for a tensor, index all axes at once: m[i, j] = …")])
            }
            let p = try Indexing.position(i, items.count, span)
            v = .none
            var inner = items[p]
            items[p] = .none
            defer {
                items[p] = inner
                v = .list(items)
            }
            try update(&inner, steps, k + 1, rhs)
        }
    }
}
