/// Turns a parsed ``Program`` into a tree of ``Node``s with every name resolved to a slot
/// (the resolver and code generator in one pass). Static mistakes (`break` outside a loop,
/// `return` at the top level, a local read before it is assigned) are reported here,
/// before anything runs.
struct Compiler {
    let globals: Globals
    /// The function being compiled, nil at the top level.
    private var scope: FunctionScope?
    /// Open loops at the top level.
    private var topLoopDepth = 0

    init(globals: Globals) { self.globals = globals }

    /// Compiles top-level statements. The result's value is the last statement's value
    /// when that is an expression.
    mutating func compileProgram(_ program: Program) throws(Diagnostic) -> BlockNode {
        let nodes = try program.statements.map { (s: Stmt) throws(Diagnostic) -> Node in try compile(s) }
        let last = program.statements.last.map { if case .expression = $0.kind { return true } else { return false } } ?? false
        let span = program.statements.first.map { $0.span } ?? SourceSpan(file: program.file, start: 0, end: 0, localLine: 1, column: 1)
        return BlockNode(nodes, lastIsExpression: last, span: span)
    }

    // MARK: - Statements

    private mutating func compile(_ s: Stmt) throws(Diagnostic) -> Node {
        switch s.kind {
        case .expression(let e):
            return try compile(e)
        case .assign(let target, let op, let value):
            return try compileAssign(target, op, value, s.span)
        case .function(let decl):
            let make = try compileFunction(name: decl.name.name, parameters: decl.parameters, body: decl.body, span: decl.span,
                                           selfName: scope.flatMap { $0.cells[decl.name.name] != nil && $0.boundOnce.contains(decl.name.name) ? decl.name.name : nil })
            let ref = bindingRef(decl.name.name)
            markAssigned(decl.name.name)
            return store(ref, make, span: s.span)
        case .forIn(let variable, let sequence, let body):
            let seq = try compile(sequence)
            let ref = bindingRef(variable.name)
            markAssigned(variable.name)
            enterLoop()
            defer { exitLoop() }
            return ForNode(ref, seq, try compileBody(body), span: s.span)
        case .whileLoop(let condition, let body):
            let cond = try compile(condition)
            enterLoop()
            defer { exitLoop() }
            return WhileNode(cond, try compileBody(body), span: s.span)
        case .breakLoop:
            guard loopDepth > 0 else { throw Diagnostic.error("break outside a loop", at: s.span) }
            return BreakNode(span: s.span)
        case .continueLoop:
            guard loopDepth > 0 else { throw Diagnostic.error("continue outside a loop", at: s.span) }
            return ContinueNode(span: s.span)
        case .returnValue(let e):
            guard scope != nil else { throw Diagnostic.error("return outside a function", at: s.span) }
            return ReturnNode(try e.map { (x: Expr) throws(Diagnostic) -> Node in try compile(x) }, span: s.span)
        }
    }

    private var loopDepth: Int { scope?.loopDepth ?? topLoopDepth }
    private mutating func enterLoop() { if let scope { scope.loopDepth += 1 } else { topLoopDepth += 1 } }
    private mutating func exitLoop() { if let scope { scope.loopDepth -= 1 } else { topLoopDepth -= 1 } }

    private mutating func compileBody(_ block: Block) throws(Diagnostic) -> Node {
        let nodes = try block.statements.map { (s: Stmt) throws(Diagnostic) -> Node in try compile(s) }
        if nodes.count == 1 { return nodes[0] }
        return BlockNode(nodes, lastIsExpression: false, span: block.span)
    }

    private mutating func compileBlock(_ block: Block) throws(Diagnostic) -> Node {
        let nodes = try block.statements.map { (s: Stmt) throws(Diagnostic) -> Node in try compile(s) }
        let last = block.statements.last.map { if case .expression = $0.kind { return true } else { return false } } ?? false
        if nodes.count == 1, last { return nodes[0] }
        return BlockNode(nodes, lastIsExpression: last, span: block.span)
    }

    private mutating func compileAssign(_ target: AssignTarget, _ op: AssignmentOperator, _ value: Expr, _ span: SourceSpan) throws(Diagnostic) -> Node {
        let name = target.root.name
        let rhs: Node
        if target.steps.isEmpty, op == .assign, case .lambda(let params, let body) = value.kind, let scope,
           scope.cells[name] != nil, scope.boundOnce.contains(name) {
            // `f = x => … f(…) …` in a function: the lambda reaches itself without a cycle.
            rhs = try compileFunction(name: "<lambda>", parameters: params, body: body, span: value.span, selfName: name)
        } else {
            rhs = try compile(value)
        }
        if target.steps.isEmpty && op == .assign {
            let ref = bindingRef(name)
            markAssigned(name)
            let plain = store(ref, rhs, span: span)
            // `g = g + e` on a global accumulates in place.
            if case .global(let g) = ref, let add = rhs as? AddNode, let get = add.lhs as? GlobalGet, get.slot == g {
                return GlobalAccumulateNode(slot: g, name: name, rhs: add.rhs, fallback: plain)
            }
            return plain
        }
        // Compound assignment and path assignment read the root first.
        let read = try compileName(name, target.root.span)
        let ref = bindingRef(name)
        if target.steps.isEmpty, let bop = op.binaryOperator {
            return CompoundAssignNode(ref, read: read, op: bop, value: rhs, span: span)
        }
        var steps: [PathStep] = []
        for step in target.steps {
            switch step {
            case .field(let id): steps.append(.field(id.name, id.span))
            case .index(let items, let sp): steps.append(.index(try compileItems(items), sp))
            }
        }
        return PathAssignNode(ref, read: read, steps: steps, op: op.binaryOperator, value: rhs, span: span)
    }

    /// Where an assignment to `name` writes.
    private mutating func bindingRef(_ name: String) -> VarRef {
        if let scope, scope.isLocal(name), let ref = scope.lookup(name) { return ref }
        return .global(globals.slot(for: name))
    }

    private mutating func markAssigned(_ name: String) { scope?.assigned.insert(name) }

    private func store(_ ref: VarRef, _ value: Node, span: SourceSpan) -> Node {
        switch ref {
        case .local(let i): return SetLocal(i, value, span: span)
        case .global(let i): return SetGlobal(i, value, span: span)
        default: return SetVar(ref, value, span: span)
        }
    }

    // MARK: - Functions

    /// `selfName`: the enclosing function's cell this `fn` is stored in, when nothing else is
    /// ever stored there; the function then reaches itself through ``FunctionCode/selfCapture``.
    private mutating func compileFunction(name: String, parameters: [Parameter], body: Expr, span: SourceSpan,
                                          selfName: String? = nil) throws(Diagnostic) -> Node {
        var seen = Set<String>()
        for p in parameters where !seen.insert(p.name.name).inserted {
            throw Diagnostic.error("parameter \"\(p.name.name)\" appears twice", at: p.name.span)
        }
        let paramNames = parameters.map(\.name.name)
        let locals = ScopeAnalysis.boundNames([Stmt(.expression(body), span: body.span)])
        let captured = ScopeAnalysis.namesUsedByInnerFunctions(parameters: parameters, body: body)
            .intersection(Set(paramNames + locals))
        let inner = FunctionScope(name: name, parent: scope, parameters: paramNames, locals: locals, captured: captured)
        let bindings = ScopeAnalysis.bindingCounts([Stmt(.expression(body), span: body.span)])
        inner.boundOnce = Set(locals.filter { bindings[$0] == 1 && !paramNames.contains($0) })
        let outer = scope
        scope = inner
        defer { scope = outer }
        var defaults: [Node?] = []
        for p in parameters {
            defaults.append(try p.defaultValue.map { (d: Expr) throws(Diagnostic) -> Node in try compile(d) })
        }
        let bodyNode: Node
        if case .block(let b) = body.kind {
            bodyNode = try compileBlock(b)
        } else {
            bodyNode = try compile(body)
        }
        let code = FunctionCode(name: name, parameterNames: paramNames, defaults: defaults,
                                parameterCells: inner.parameterCells, frameSize: inner.frameSize,
                                cellCount: inner.cellCount, body: bodyNode, span: span,
                                selfCapture: selfName.flatMap { inner.captures[$0] } ?? -1)
        return MakeClosureNode(code, sources: inner.captureSources, span: span)
    }

    // MARK: - Expressions

    private mutating func compileName(_ name: String, _ span: SourceSpan) throws(Diagnostic) -> Node {
        if let scope, let ref = scope.lookup(name) {
            if scope.isLocal(name), !scope.assigned.contains(name) {
                throw Diagnostic(.error, "\"\(name)\" is used before it is assigned", span: span, notes: [
                    .init("\(scope.name) assigns \"\(name)\" later, which makes it local to the function; "
                          + "functions cannot assign to global variables (return the new value instead)"),
                ])
            }
            switch ref {
            case .local(let i): return LocalGet(i, span: span)
            case .cell(let i): return CellGet(i, span: span)
            case .capture(let i): return CaptureGet(i, span: span)
            case .global(let i): return GlobalGet(i, name: name, span: span)
            }
        }
        return GlobalGet(globals.slot(for: name), name: name, span: span)
    }

    mutating func compile(_ e: Expr) throws(Diagnostic) -> Node {
        switch e.kind {
        case .number(let x, _): return ConstNode(.number(x), span: e.span)
        case .string(let s): return ConstNode(.string(s), span: e.span)
        case .bool(let b): return ConstNode(.bool(b), span: e.span)
        case .noneLiteral: return ConstNode(.none, span: e.span)
        case .name(let n): return try compileName(n, e.span)
        case .list(let items):
            let nodes = try items.map { (x: Expr) throws(Diagnostic) -> Node in try compile(x) }
            let constants = nodes.compactMap { ($0 as? ConstNode)?.value }
            if constants.count == nodes.count, !nodes.isEmpty,
               constants.allSatisfy({ if case .number = $0 { return true } else { return false } }) {
                return ConstNode(Conversions.listLiteral(constants), span: e.span)
            }
            return ListNode(nodes, span: e.span)
        case .record(let fields):
            var seen = Set<String>()
            for f in fields where !seen.insert(f.name.name).inserted {
                throw Diagnostic.error("field \"\(f.name.name)\" appears twice in the record", at: f.name.span)
            }
            return RecordNode(names: fields.map(\.name.name),
                              values: try fields.map { (f: RecordField) throws(Diagnostic) -> Node in try compile(f.value) },
                              span: e.span)
        case .unary(let op, let x):
            let inner = try compile(x)
            if op == .negate {
                if let k = inner as? ConstNode, case .number(let v) = k.value { return ConstNode(.number(-v), span: e.span) }
                return NegateNode(inner, span: e.span)
            }
            return NotNode(inner, span: e.span)
        case .binary(let first, let rest):
            return try compileChain(first, rest, e.span)
        case .power(let a, let b, let opSpan):
            return PowerNode(try compile(a), try compile(b), opSpan: opSpan)
        case .range(let a, let b, let inclusive):
            return RangeNode(try compile(a), try compile(b), inclusive: inclusive, span: e.span)
        case .call(let callee, let args):
            let call = CallNode(try compile(callee), try compileArguments(args), span: e.span)
            if call.positionalOnly {
                if call.argumentNodes.count == 1 { return Call1Node(call, call.argumentNodes[0]) }
                if call.argumentNodes.count == 2 { return Call2Node(call, call.argumentNodes[0], call.argumentNodes[1]) }
            }
            return call
        case .index(let base, let items):
            return IndexNode(try compile(base), items: try compileItems(items), span: e.span)
        case .field(let base, let name):
            return FieldNode(try compile(base), name: name.name, span: name.span)
        case .lambda(let params, let body):
            return try compileFunction(name: "<lambda>", parameters: params, body: body, span: e.span)
        case .ifElse(let branches, let elseBlock):
            var conds: [Node] = [], bodies: [Node] = []
            for br in branches {
                conds.append(try compile(br.condition))
                bodies.append(try compileBlock(br.body))
            }
            let elseNode = try elseBlock.map { (b: Block) throws(Diagnostic) -> Node in try compileBlock(b) }
            if conds.count == 1 {
                let node = IfElseNode(conds[0], bodies[0], elseNode, span: e.span)
                if let test = conds[0] as? LocalConstNode,
                   [.less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual].contains(test.op) {
                    return IfLocalCompareNode(test, node)
                }
                return node
            }
            return IfNode(conditions: conds, bodies: bodies, elseBody: elseNode, span: e.span)
        case .block(let b):
            return try compileBlock(b)
        case .pipe(let first, let stages):
            var compiled: [(callee: Node, arguments: [ArgumentNode], span: SourceSpan)] = []
            for s in stages {
                compiled.append((try compile(s.callee), try compileArguments(s.arguments ?? []), s.span))
            }
            return PipeNode(try compile(first), stages: compiled, span: e.span)
        }
    }

    private mutating func compileChain(_ first: Expr, _ rest: [ChainLink], _ span: SourceSpan) throws(Diagnostic) -> Node {
        let head = try compile(first)
        guard let firstOp = rest.first?.op else { return head }
        if firstOp == .and || firstOp == .or {
            var operands = [head]
            for link in rest { operands.append(try compile(link.operand)) }
            return LogicNode(isAnd: firstOp == .and, operands: operands, span: span)
        }
        if rest.count == 1, let link = rest.first {
            let rhs = try compile(link.operand)
            if let k = rhs as? ConstNode, case .number(let kv) = k.value, link.op != .matmul {
                let general = ConstRightNode(link.op, head, k: kv, opSpan: link.opSpan)
                if let local = head as? LocalGet {
                    return LocalConstNode(link.op, slot: local.slot, k: kv, fallback: general)
                }
                return general
            }
            switch link.op {
            case .add: return AddNode(head, rhs, opSpan: link.opSpan)
            case .subtract: return SubtractNode(head, rhs, opSpan: link.opSpan)
            case .less: return LessNode(head, rhs, opSpan: link.opSpan)
            default: return BinaryNode(link.op, head, rhs, opSpan: link.opSpan)
            }
        }
        var operands: [Node] = []
        for link in rest { operands.append(try compile(link.operand)) }
        return ChainNode(first: head, ops: rest.map(\.op), operands: operands, opSpans: rest.map(\.opSpan), span: span)
    }

    private mutating func compileArguments(_ args: [Argument]) throws(Diagnostic) -> [ArgumentNode] {
        var seen = Set<String>()
        var out: [ArgumentNode] = []
        var sawNamed = false
        for a in args {
            if let l = a.label {
                guard seen.insert(l.name).inserted else {
                    throw Diagnostic.error("argument \"\(l.name)\" is given twice", at: l.span)
                }
                sawNamed = true
            } else if sawNamed {
                throw Diagnostic.error("a positional argument cannot follow a named one", at: a.span)
            }
            out.append(ArgumentNode(label: a.label?.name, value: try compile(a.value), span: a.span))
        }
        return out
    }

    private mutating func compileItems(_ items: [IndexItem]) throws(Diagnostic) -> [IndexSpec] {
        var out: [IndexSpec] = []
        for item in items {
            switch item {
            case .expr(let x): out.append(.expr(try compile(x)))
            case .slice(let a, let b, let c, _):
                out.append(.slice(try a.map { (x: Expr) throws(Diagnostic) -> Node in try compile(x) },
                                  try b.map { (x: Expr) throws(Diagnostic) -> Node in try compile(x) },
                                  try c.map { (x: Expr) throws(Diagnostic) -> Node in try compile(x) }))
            }
        }
        return out
    }
}
