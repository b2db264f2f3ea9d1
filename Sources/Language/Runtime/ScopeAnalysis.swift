/// Name analysis done before compiling a function: which names it binds (its locals) and
/// which names its inner functions use from outside themselves (free names).
///
/// Scoping rule (Python's, without `global`/`nonlocal`): inside a function, a name is
/// local when the function assigns it anywhere (`x = …`, `x += …`, `x[i] = …`,
/// `x.f = …`), declares it (`fn x`), loops over it (`for x in …`) or takes it as a
/// parameter. Other names refer to the nearest enclosing function that binds them
/// (captured by reference), or else to the global (top-level) binding. Blocks do not open
/// scopes. At the top level every binding is global.
enum ScopeAnalysis {
    /// Names bound by `statements` (not looking inside nested functions), in order.
    static func boundNames(_ statements: [Stmt]) -> [String] {
        var names: [String] = []
        var seen = Set<String>()
        func add(_ n: String) { if seen.insert(n).inserted { names.append(n) } }
        for s in statements { visitBindings(s, add) }
        return names
    }

    /// How many times each name is bound by `statements` (not looking inside nested functions).
    static func bindingCounts(_ statements: [Stmt]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for s in statements { visitBindings(s) { counts[$0, default: 0] += 1 } }
        return counts
    }

    private static func visitBindings(_ s: Stmt, _ add: (String) -> Void) {
        switch s.kind {
        case .expression(let e): visitBindings(e, add)
        case .assign(let target, _, let value):
            visitBindings(value, add)
            for step in target.steps { if case .index(let items, _) = step { for i in items { visitBindings(i, add) } } }
            add(target.root.name)
        case .function(let decl): add(decl.name.name)
        case .forIn(let v, let seq, let body):
            visitBindings(seq, add)
            add(v.name)
            for st in body.statements { visitBindings(st, add) }
        case .whileLoop(let c, let body):
            visitBindings(c, add)
            for st in body.statements { visitBindings(st, add) }
        case .returnValue(let e): if let e { visitBindings(e, add) }
        case .breakLoop, .continueLoop: break
        }
    }

    private static func visitBindings(_ item: IndexItem, _ add: (String) -> Void) {
        switch item {
        case .expr(let e): visitBindings(e, add)
        case .slice(let a, let b, let c, _): for e in [a, b, c] { if let e { visitBindings(e, add) } }
        }
    }

    /// Blocks inside expressions (`if` arms, `{ … }`) can bind names too.
    private static func visitBindings(_ e: Expr, _ add: (String) -> Void) {
        forEachChild(e, { child in visitBindings(child, add) }, blocks: { block in
            for st in block.statements { visitBindings(st, add) }
        })
    }

    /// Names a function (parameters and body) refers to without binding them itself,
    /// including the free names of functions nested inside it.
    static func freeNames(parameters: [Parameter], body: Expr) -> Set<String> {
        var bound = Set(parameters.map(\.name.name))
        if case .block(let b) = body.kind { bound.formUnion(boundNames(b.statements)) }
        bound.formUnion(boundNames([Stmt(.expression(body), span: body.span)]))
        var used = Set<String>()
        for p in parameters { if let d = p.defaultValue { collectUses(d, &used) } }
        collectUses(body, &used)
        return used.subtracting(bound)
    }

    /// The union of the free names of the functions directly inside `statements`/`exprs`.
    static func namesUsedByInnerFunctions(parameters: [Parameter], body: Expr) -> Set<String> {
        var out = Set<String>()
        func visit(_ e: Expr) {
            if case .lambda(let ps, let b) = e.kind {
                out.formUnion(freeNames(parameters: ps, body: b))
                return
            }
            forEachChild(e, visit, blocks: { block in for s in block.statements { visitStmt(s) } })
        }
        func visitStmt(_ s: Stmt) {
            if case .function(let d) = s.kind {
                out.formUnion(freeNames(parameters: d.parameters, body: d.body))
                return
            }
            forEachExpr(in: s, visit, blocks: { block in for st in block.statements { visitStmt(st) } })
        }
        for p in parameters { if let d = p.defaultValue { visit(d) } }
        visit(body)
        return out
    }

    private static func collectUses(_ e: Expr, _ used: inout Set<String>) {
        var acc = used
        func visit(_ e: Expr) {
            switch e.kind {
            case .name(let n): acc.insert(n)
            case .lambda(let ps, let b): acc.formUnion(freeNames(parameters: ps, body: b))
            default: forEachChild(e, visit, blocks: { block in for s in block.statements { visitStmt(s) } })
            }
        }
        func visitStmt(_ s: Stmt) {
            switch s.kind {
            case .function(let d): acc.formUnion(freeNames(parameters: d.parameters, body: d.body))
            case .assign(let t, _, _):
                if !t.steps.isEmpty { acc.insert(t.root.name) }
                forEachExpr(in: s, visit, blocks: { block in for st in block.statements { visitStmt(st) } })
            default: forEachExpr(in: s, visit, blocks: { block in for st in block.statements { visitStmt(st) } })
            }
        }
        visit(e)
        used = acc
    }

    /// Calls `visit` for each direct child expression of `e` and `blocks` for each block
    /// (not entering lambdas' bodies: a lambda's children are its defaults and body, which
    /// the caller decides about).
    static func forEachChild(_ e: Expr, _ visit: (Expr) -> Void, blocks: (Block) -> Void) {
        switch e.kind {
        case .number, .string, .bool, .noneLiteral, .name: break
        case .list(let items): items.forEach(visit)
        case .record(let fields): fields.forEach { visit($0.value) }
        case .unary(_, let x): visit(x)
        case .binary(let first, let rest):
            visit(first)
            rest.forEach { visit($0.operand) }
        case .power(let a, let b, _): visit(a); visit(b)
        case .range(let a, let b, _): visit(a); visit(b)
        case .call(let callee, let args):
            visit(callee)
            args.forEach { visit($0.value) }
        case .index(let base, let items):
            visit(base)
            for item in items {
                switch item {
                case .expr(let x): visit(x)
                case .slice(let a, let b, let c, _): for x in [a, b, c] { if let x { visit(x) } }
                }
            }
        case .field(let base, _): visit(base)
        case .lambda: break
        case .ifElse(let branches, let elseBlock):
            for br in branches {
                visit(br.condition)
                blocks(br.body)
            }
            if let elseBlock { blocks(elseBlock) }
        case .block(let b): blocks(b)
        case .pipe(let first, let stages):
            visit(first)
            for s in stages {
                visit(s.callee)
                s.arguments?.forEach { visit($0.value) }
            }
        }
    }

    /// Calls `visit` for each expression directly in statement `s` and `blocks` for its blocks.
    static func forEachExpr(in s: Stmt, _ visit: (Expr) -> Void, blocks: (Block) -> Void) {
        switch s.kind {
        case .expression(let e): visit(e)
        case .assign(let t, _, let v):
            for step in t.steps {
                if case .index(let items, _) = step {
                    for item in items {
                        switch item {
                        case .expr(let x): visit(x)
                        case .slice(let a, let b, let c, _): for x in [a, b, c] { if let x { visit(x) } }
                        }
                    }
                }
            }
            visit(v)
        case .function: break
        case .forIn(_, let seq, let body): visit(seq); blocks(body)
        case .whileLoop(let c, let body): visit(c); blocks(body)
        case .returnValue(let e): if let e { visit(e) }
        case .breakLoop, .continueLoop: break
        }
    }
}
