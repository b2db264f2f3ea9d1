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
    init(_ callee: Node, _ arguments: [ArgumentNode], span: SourceSpan) {
        self.callee = callee
        self.arguments = arguments
        self.argumentNodes = arguments.map(\.value)
        self.positionalOnly = arguments.allSatisfy { $0.label == nil }
        super.init(span: span)
    }
    override func eval(_ c: Context) throws(Unwind) -> Value {
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
    let general: CallNode
    init(_ general: CallNode, _ a0: Node) {
        self.callee = general.callee
        self.a0 = a0
        let local = a0 as? LocalConstNode
        self.a0Local = local ?? LocalConstNode(.add, slot: 0, k: 0, fallback: a0)
        self.a0IsLocal = local != nil
        self.general = general
        super.init(span: general.span)
    }
    override func eval(_ c: Context) throws(Unwind) -> Value {
        let f = try callee.eval(c)
        guard case .function(let closure) = f, c.isFast(closure, 1) else {
            return try c.call(f, general.arguments, first: nil, span)
        }
        let base = try c.pushFastFrame(closure, self)
        do throws(Unwind) {
            if a0IsLocal { base[0] = try a0Local.compute(c) } else { base[0] = try a0.eval(c) }
        } catch {
            c.dropFrame(base, closure.frameSize)
            throw error
        }
        return try c.runFastFrame(closure, base, self)
    }
}

/// `callee(a, b)`.
final class Call2Node: Node {
    let callee: Node, a0: Node, a1: Node
    let general: CallNode
    init(_ general: CallNode, _ a0: Node, _ a1: Node) {
        self.callee = general.callee
        self.a0 = a0
        self.a1 = a1
        self.general = general
        super.init(span: general.span)
    }
    override func eval(_ c: Context) throws(Unwind) -> Value {
        let f = try callee.eval(c)
        guard case .function(let closure) = f, c.isFast(closure, 2) else {
            return try c.call(f, general.arguments, first: nil, span)
        }
        let base = try c.pushFastFrame(closure, self)
        do throws(Unwind) {
            base[0] = try a0.eval(c)
            base[1] = try a1.eval(c)
        } catch {
            c.dropFrame(base, closure.frameSize)
            throw error
        }
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

    /// The hot path: a call with exactly the declared number of positional arguments to a
    /// function that neither captures nor is captured from; arguments are evaluated
    /// straight into the callee's frame.
    @inline(__always)
    func fastCall(_ closure: Closure, _ arguments: [Node], site: Node) throws(Unwind) -> Value {
        let n = arguments.count
        guard isFast(closure, n) else {
            return try callPositional(closure, arguments, first: nil, site.span)
        }
        let base = try pushFastFrame(closure, site)
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
        n == closure.parameterCount && closure.isSimple
    }

    /// Reserves and clears a frame (fast path).
    @inline(__always)
    func pushFastFrame(_ closure: Closure, _ site: Node) throws(Unwind) -> UnsafeMutablePointer<Value> {
        let size = closure.frameSize
        let base = sp
        guard depth < Context.maxDepth, stackEnd - base > size else { throw recursionTooDeep(site.span) }
        var k = 0
        while k < size { (base + k).initialize(to: .none); k += 1 }
        sp = base + size
        return base
    }

    /// Destroys a frame's values and releases its slots.
    @inline(__always)
    func dropFrame(_ base: UnsafeMutablePointer<Value>, _ size: Int) {
        var k = 0
        while k < size { _ = (base + k).move(); k += 1 }
        sp = base
    }

    /// Runs the body on a pushed frame whose arguments are bound, then pops it.
    @inline(__always)
    func runFastFrame(_ closure: Closure, _ base: UnsafeMutablePointer<Value>, _ site: Node) throws(Unwind) -> Value {
        let savedFP = fp
        fp = base
        depth += 1
        let result: Value
        do throws(Unwind) {
            tick &+= 1
            if tick & 255 == 0, Interrupt.isRequested { throw Unwind.interrupted(site.span) }
            result = try closure.body.eval(self)
        } catch {
            depth -= 1
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
        depth -= 1
        fp = savedFP
        dropFrame(base, closure.frameSize)
        return result
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
