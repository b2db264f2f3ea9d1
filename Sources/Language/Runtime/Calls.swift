import Tensor

/// A call argument after compilation.
struct ArgumentNode {
    let label: String?
    let value: Node
    let span: SourceSpan
}

/// `callee(arguments)`.
final class CallNode: Node {
    let callee: Node
    let arguments: [ArgumentNode]
    let argumentNodes: [Node]
    let positionalOnly: Bool
    /// The callee's global slot when the callee is a global name, else -1.
    let calleeGlobal: Int
    init(_ callee: Node, _ arguments: [ArgumentNode], span: SourceSpan) {
        self.callee = callee
        self.arguments = arguments
        self.argumentNodes = arguments.map(\.value)
        self.positionalOnly = arguments.allSatisfy { $0.label == nil }
        self.calleeGlobal = (callee as? GlobalGet)?.slot ?? -1
        super.init(span: span)
    }
    override func eval(_ c: Context) throws(Unwind) -> Value {
        if positionalOnly, calleeGlobal >= 0, let u = c.globalFunction(calleeGlobal) {
            let r: Result<Value, Unwind>? = u._withUnsafeGuaranteedRef { closure in
                guard c.isFast(closure, argumentNodes.count) else { return nil }
                do throws(Unwind) {
                    return .success(try c.fastCall(closure, argumentNodes, site: self))
                } catch { return .failure(error) }
            }
            if let r { return try r.get() }
        }
        let f = try callee.eval(c)
        if positionalOnly, case .function(let closure) = f {
            return try c.fastCall(closure, argumentNodes, site: self)
        }
        return try c.call(f, arguments, first: nil, span)
    }
}

/// `callee(a)`: one positional argument, children in `let`s (no array traffic).
final class Call1Node: Node {
    let callee: Node, a0: Node
    /// The argument when it is `local ± constant` (evaluated without virtual dispatch).
    let a0Local: LocalConstNode
    let a0IsLocal: Bool
    /// The callee's global slot when the callee is a global name, else -1.
    let calleeGlobal: Int
    let general: CallNode
    init(_ general: CallNode, _ a0: Node) {
        self.callee = general.callee
        self.a0 = a0
        let local = a0 as? LocalConstNode
        self.a0Local = local ?? LocalConstNode(.add, slot: 0, k: 0, fallback: a0)
        self.a0IsLocal = local != nil
        self.calleeGlobal = general.calleeGlobal
        self.general = general
        super.init(span: general.span)
    }
    override func eval(_ c: Context) throws(Unwind) -> Value {
        if calleeGlobal >= 0, let u = c.globalFunction(calleeGlobal) {
            if let r = u._withUnsafeGuaranteedRef({ closure in tryEnter(closure, c) }) { return try r.get() }
        }
        return try slowEval(c)
    }

    /// Any other callee: evaluated, then called (fast frame when possible).
    @inline(never)
    private func slowEval(_ c: Context) throws(Unwind) -> Value {
        let f = try callee.eval(c)
        guard case .function(let closure) = f, c.isFast(closure, 1) else {
            return try c.call(f, general.arguments, first: nil, span)
        }
        return try enter(closure, c)
    }

    /// `enter` when the closure takes the fast path, else nil.
    @inline(__always)
    private func tryEnter(_ closure: Closure, _ c: Context) -> Result<Value, Unwind>? {
        guard c.isFast(closure, 1) else { return nil }
        do throws(Unwind) { return .success(try enter(closure, c)) } catch { return .failure(error) }
    }

    /// Evaluates the argument, then runs the (fast) closure on a new frame. Out of line,
    /// so the closure passed to `_withUnsafeGuaranteedRef` is inlined into `eval`.
    @inline(never)
    private func enter(_ closure: Closure, _ c: Context) throws(Unwind) -> Value {
        let v0 = a0IsLocal ? try a0Local.compute(c) : try a0.eval(c)
        let base = try c.pushFastFrame(closure, bound: 1, self)
        base.initialize(to: consume v0)
        return try c.runFastFrame(closure, base, self)
    }
}

/// `callee(a, b)`.
final class Call2Node: Node {
    let callee: Node, a0: Node, a1: Node
    /// The callee's global slot when the callee is a global name, else -1.
    let calleeGlobal: Int
    let general: CallNode
    init(_ general: CallNode, _ a0: Node, _ a1: Node) {
        self.callee = general.callee
        self.a0 = a0
        self.a1 = a1
        self.calleeGlobal = general.calleeGlobal
        self.general = general
        super.init(span: general.span)
    }
    override func eval(_ c: Context) throws(Unwind) -> Value {
        if calleeGlobal >= 0, let u = c.globalFunction(calleeGlobal) {
            if let r = u._withUnsafeGuaranteedRef({ closure in tryEnter(closure, c) }) { return try r.get() }
        }
        return try slowEval(c)
    }

    /// Any other callee: evaluated, then called (fast frame when possible).
    @inline(never)
    private func slowEval(_ c: Context) throws(Unwind) -> Value {
        let f = try callee.eval(c)
        guard case .function(let closure) = f, c.isFast(closure, 2) else {
            return try c.call(f, general.arguments, first: nil, span)
        }
        return try enter(closure, c)
    }

    /// `enter` when the closure takes the fast path, else nil.
    @inline(__always)
    private func tryEnter(_ closure: Closure, _ c: Context) -> Result<Value, Unwind>? {
        guard c.isFast(closure, 2) else { return nil }
        do throws(Unwind) { return .success(try enter(closure, c)) } catch { return .failure(error) }
    }

    /// Evaluates the arguments, then runs the (fast) closure on a new frame. Out of line,
    /// so the closure passed to `_withUnsafeGuaranteedRef` is inlined into `eval`.
    @inline(never)
    private func enter(_ closure: Closure, _ c: Context) throws(Unwind) -> Value {
        let v0 = try a0.eval(c)
        let v1 = try a1.eval(c)
        let base = try c.pushFastFrame(closure, bound: 2, self)
        base.initialize(to: consume v0)
        (base + 1).initialize(to: consume v1)
        return try c.runFastFrame(closure, base, self)
    }
}

/// `first |> stage |> stage(args) …`: each stage is called with the running value first.
final class PipeNode: Node {
    let first: Node
    let stages: [(callee: Node, arguments: [ArgumentNode], span: SourceSpan)]
    init(_ first: Node, stages: [(callee: Node, arguments: [ArgumentNode], span: SourceSpan)], span: SourceSpan) {
        self.first = first
        self.stages = stages
        super.init(span: span)
    }
    override func eval(_ c: Context) throws(Unwind) -> Value {
        var acc = try first.eval(c)
        for s in stages {
            let f = try s.callee.eval(c)
            acc = try c.call(f, s.arguments, first: acc, s.span)
        }
        return acc
    }
}

extension Context {
    /// Calls `f` with compiled arguments (evaluated here, in the caller's frame), with
    /// `first` (a pipe's value) before them when given.
    func call(_ f: Value, _ arguments: [ArgumentNode], first: Value?, _ span: SourceSpan) throws(Unwind) -> Value {
        switch f {
        case .function(let closure):
            if arguments.allSatisfy({ $0.label == nil }) {
                return try callPositional(closure, arguments.map(\.value), first: first, span)
            }
            var positional: [Value] = first.map { [$0] } ?? []
            var named: [(String, Value, SourceSpan)] = []
            for a in arguments {
                let v = try a.value.eval(self)
                if let l = a.label { named.append((l, v, a.span)) } else { positional.append(v) }
            }
            return try callClosure(closure, positional, named, span)
        case .builtin(let b):
            var positional: [Value] = first.map { [$0] } ?? []
            var spans: [SourceSpan] = first.map { _ in [span] } ?? []
            var named: [(String, Value, SourceSpan)] = []
            for a in arguments {
                let v = try a.value.eval(self)
                if let l = a.label { named.append((l, v, a.span)) } else { positional.append(v); spans.append(a.span) }
            }
            return try b.invoke(positional, spans, named, span, self)
        default:
            throw Unwind.error("cannot call a \(f.typeName)", span)
        }
    }

    /// Calls any function value with evaluated arguments (used by builtins such as `route(f, …)`).
    func callValue(_ f: Value, _ positional: [Value], named: [(String, Value, SourceSpan)] = [], _ span: SourceSpan) throws(Unwind) -> Value {
        switch f {
        case .function(let closure): return try callClosure(closure, positional, named, span)
        case .builtin(let b): return try b.invoke(positional, positional.map { _ in span }, named, span, self)
        default: throw Unwind.error("cannot call a \(f.typeName)", span)
        }
    }

    /// The closure bound to global slot `slot`, not retained.
    ///
    /// Safe to call through for the duration of a call: a global slot is only overwritten
    /// by top-level code, and top-level code that can run while calls are active (`load`,
    /// a nested run) first pins every function bound to a global (see ``pinGlobalFunctions(_:)``),
    /// so the closure outlives the call even if its name is rebound.
    @inline(__always)
    func globalFunction(_ slot: Int) -> Unmanaged<Closure>? {
        if case .function(let f) = globals[slot] { return .passUnretained(f) }
        return nil
    }

    /// The hot path: a call with exactly the declared number of positional arguments to a
    /// function that neither captures nor is captured from; arguments are evaluated
    /// straight into the callee's frame.
    @inline(__always)
    func fastCall(_ closure: Closure, _ arguments: [Node], site: Node) throws(Unwind) -> Value {
        let n = arguments.count
        guard isFast(closure, n) else {
            return try callPositional(closure, arguments, first: nil, site.span)
        }
        let base = try pushFastFrame(closure, bound: 0, site)
        var i = 0
        while i < n {
            do throws(Unwind) {
                base[i] = try arguments[i].eval(self)
            } catch {
                dropFrame(base, closure.frameSize)
                throw error
            }
            i += 1
        }
        return try runFastFrame(closure, base, site)
    }

    /// Whether `closure` can take the fast path with `n` positional arguments.
    @inline(__always)
    func isFast(_ closure: Closure, _ n: Int) -> Bool {
        n == closure.fastArity
    }

    /// Reserves a frame (fast path) and clears its slots from `bound` up; the caller
    /// initializes slots below `bound` (already evaluated arguments).
    @inline(__always)
    func pushFastFrame(_ closure: Closure, bound: Int, _ site: Node) throws(Unwind) -> UnsafeMutablePointer<Value> {
        let size = closure.frameSize
        let base = sp
        guard depth < Context.maxDepth, base + size < stackEnd else { throw recursionTooDeep(site.span) }
        if size > bound { Context.clear(base + bound, size - bound) }
        sp = base + size
        return base
    }

    /// Initializes `count` slots to `none` (out of line: keeps the call path small).
    @inline(never)
    static func clear(_ slots: UnsafeMutablePointer<Value>, _ count: Int) {
        slots.initialize(repeating: .none, count: count)
    }

    /// Destroys a frame's values and releases its slots.
    @inline(__always)
    func dropFrame(_ base: UnsafeMutablePointer<Value>, _ size: Int) {
        var k = 0
        while k < size {
            // Numbers, booleans and `none` need no destruction: skip the outlined destroy.
            if !base[k].isTrivial { (base + k).deinitialize(count: 1) }
            k += 1
        }
        sp = base
    }

    /// Runs the body on a pushed frame whose arguments are bound, then pops it.
    @inline(__always)
    func runFastFrame(_ closure: Closure, _ base: UnsafeMutablePointer<Value>, _ site: Node) throws(Unwind) -> Value {
        let savedFP = fp
        fp = base
        depth &+= 1
        do throws(Unwind) {
            tick &+= 1
            if tick & 255 == 0 { try pollInterrupt(site) }
            let result = try closure.body.eval(self)
            depth &-= 1
            fp = savedFP
            dropFrame(base, closure.frameSize)
            return result
        } catch {
            return try leaveFrame(closure, base, savedFP, error, site)
        }
    }

    /// Pops a frame left by `error`: a `return` gives its value, a failure records the call
    /// in its stack trace and goes on (out of line: keeps the call path small).
    @inline(never)
    func leaveFrame(_ closure: Closure, _ base: UnsafeMutablePointer<Value>, _ savedFP: UnsafeMutablePointer<Value>,
                    _ error: Unwind, _ site: Node) throws(Unwind) -> Value {
        depth &-= 1
        fp = savedFP
        dropFrame(base, closure.frameSize)
        switch error {
        case .returnValue:
            let v = returnValue
            returnValue = .none
            return v
        case .failure(let f):
            f.passedThrough(closure.code.name, at: site.span)
            throw error
        case .breakLoop, .continueLoop:
            throw error
        }
    }

    /// Throws "interrupted" at `site` if Ctrl-C was pressed.
    @inline(never)
    func pollInterrupt(_ site: Node) throws(Unwind) {
        if Interrupt.isRequested { throw Unwind.interrupted(site.span) }
    }

    /// Positional arguments (fewer than declared, or with a pipe's value first).
    func callPositional(_ closure: Closure, _ arguments: [Node], first: Value?, _ span: SourceSpan) throws(Unwind) -> Value {
        let code = closure.code
        let offset = first == nil ? 0 : 1
        let n = arguments.count + offset
        guard n <= code.parameterNames.count else { throw tooMany(code, n, span) }
        let base = try pushFrame(code, span)
        if let first { base[0] = first }
        do throws(Unwind) {
            for i in 0..<arguments.count { base[i + offset] = try arguments[i].eval(self) }
        } catch {
            popFrame(base, code)
            throw error
        }
        return try invoke(closure, base, given: n, missing: nil, span)
    }

    /// Binds evaluated positional and named arguments, then calls.
    func callClosure(_ closure: Closure, _ positional: [Value], _ named: [(String, Value, SourceSpan)], _ span: SourceSpan) throws(Unwind) -> Value {
        let code = closure.code
        let params = code.parameterNames
        guard positional.count <= params.count else { throw tooMany(code, positional.count, span) }
        var filled = [Bool](repeating: false, count: params.count)
        for i in 0..<positional.count { filled[i] = true }
        var slots: [(Int, Value)] = []
        for (label, value, argSpan) in named {
            guard let i = params.firstIndex(of: label) else {
                throw Unwind.error(
                    "\(code.name) has no parameter named \"\(label)\"", argSpan,
                    suggestion: Suggestions.closest(to: label, among: params).map(Diagnostic.didYouMean),
                    notes: [.init(params.isEmpty ? "\(code.name) takes no arguments" : "parameters: " + params.joined(separator: ", "))])
            }
            guard !filled[i] else { throw Unwind.error("argument \"\(label)\" of \(code.name) is given twice", argSpan) }
            filled[i] = true
            slots.append((i, value))
        }
        let missing = (0..<params.count).filter { !filled[$0] }
        let base = try pushFrame(code, span)
        for i in 0..<positional.count { base[i] = positional[i] }
        for (i, v) in slots { base[i] = v }
        return try invoke(closure, base, given: params.count, missing: missing, span)
    }

    /// Reserves and clears a frame for `code` above the current one.
    @inline(__always)
    func pushFrame(_ code: FunctionCode, _ span: SourceSpan) throws(Unwind) -> UnsafeMutablePointer<Value> {
        let base = sp
        guard depth < Context.maxDepth, stackEnd - base > code.frameSize else { throw recursionTooDeep(span) }
        var k = 0
        while k < code.frameSize { (base + k).initialize(to: .none); k += 1 }
        sp = base + code.frameSize
        return base
    }

    @inline(__always)
    func popFrame(_ base: UnsafeMutablePointer<Value>, _ code: FunctionCode) {
        dropFrame(base, code.frameSize)
    }

    /// Runs `closure` on the frame at `base` whose first `given` parameters are bound
    /// (or, with `missing`, every parameter except those listed). Pops the frame.
    func invoke(_ closure: Closure, _ base: UnsafeMutablePointer<Value>, given: Int, missing: [Int]?, _ span: SourceSpan) throws(Unwind) -> Value {
        let code = closure.code
        let savedFP = fp
        fp = base
        depth += 1
        let swapEnv = code.needsEnvironment || !closure.captures.isEmpty
        var savedCells: [Box] = []
        var savedCaptures: [Box] = []
        if swapEnv {
            savedCells = cells
            savedCaptures = captures
            captures = closure.captures
            if code.selfCapture >= 0 { captures[code.selfCapture] = Box(.function(closure)) }
            if code.cellCount > 0 {
                var fresh: [Box] = []
                fresh.reserveCapacity(code.cellCount)
                for _ in 0..<code.cellCount { fresh.append(Box(.none)) }
                for (p, cell) in code.parameterCells.enumerated() where cell >= 0 { fresh[cell].value = base[p] }
                cells = fresh
            } else {
                cells = []
            }
        }
        defer {
            if swapEnv {
                cells = savedCells
                captures = savedCaptures
            }
            depth -= 1
            fp = savedFP
            popFrame(base, code)
        }
        do throws(Unwind) {
            if Interrupt.isRequested { throw Unwind.interrupted(span) }
            if let missing {
                for p in missing { try bindDefault(code, p, span) }
            } else if given < code.parameterNames.count {
                for p in given..<code.parameterNames.count { try bindDefault(code, p, span) }
            }
            return try code.body.eval(self)
        } catch {
            switch error {
            case .returnValue:
                let v = returnValue
                returnValue = .none
                return v
            case .failure(let f):
                f.passedThrough(code.name, at: span)
                throw error
            case .breakLoop, .continueLoop:
                throw error
            }
        }
    }

    func recursionTooDeep(_ span: SourceSpan) -> Unwind {
        Unwind.error("recursion too deep (more than \(Context.maxDepth) nested calls)", span,
                     notes: [.init("dtr has no tail-call elimination; use a loop for deep iteration")])
    }

    private func bindDefault(_ code: FunctionCode, _ p: Int, _ span: SourceSpan) throws(Unwind) {
        guard let d = code.defaults[p] else {
            throw Unwind.error("\(code.name) is missing argument \"\(code.parameterNames[p])\"", span,
                               notes: [.init("\(code.name) takes (\(code.parameterNames.joined(separator: ", ")))")])
        }
        let v = try d.eval(self)
        fp[p] = v
        let cell = code.parameterCells[p]
        if cell >= 0 { cells[cell].value = v }
    }

    private func tooMany(_ code: FunctionCode, _ n: Int, _ span: SourceSpan) -> Unwind {
        let k = code.parameterNames.count
        return Unwind.error("\(code.name) takes \(k) argument\(k == 1 ? "" : "s") but \(n) were given", span,
                            notes: [.init("\(code.name)(\(code.parameterNames.joined(separator: ", ")))")])
    }
}
