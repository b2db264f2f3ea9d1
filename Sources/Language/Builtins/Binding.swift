import Tensor

extension Builtin {
    /// Binds positional and named arguments to the declared parameters, fills defaults,
    /// checks and converts kinds, then runs the builtin. Every mistake is a diagnostic at
    /// the offending argument.
    func invoke(_ positional: [Value], _ positionalSpans: [SourceSpan], _ named: [(String, Value, SourceSpan)],
                _ span: SourceSpan, _ context: Context) throws(Unwind) -> Value {
        let n = parameters.count
        var values = [Value?](repeating: nil, count: n)
        var spans = [SourceSpan](repeating: span, count: n)
        var p = 0
        var i = 0
        while i < positional.count {
            guard p < n else {
                let fixed = parameters.filter { !$0.variadic }.count
                throw Unwind.error("\(name) takes at most \(fixed) argument\(fixed == 1 ? "" : "s") but \(positional.count) were given",
                                   positionalSpans[i], notes: [.init(signature)])
            }
            if parameters[p].variadic {
                values[p] = .list(Array(positional[i...]))
                spans[p] = positionalSpans[i]
                i = positional.count
            } else {
                values[p] = positional[i]
                spans[p] = positionalSpans[i]
                i += 1
            }
            p += 1
        }
        for (label, v, argSpan) in named {
            guard let k = parameters.firstIndex(where: { $0.name == label && !$0.variadic }) else {
                let names = parameters.filter { !$0.variadic }.map(\.name)
                throw Unwind.error(
                    "\(name) has no parameter named \"\(label)\"", argSpan,
                    suggestion: Suggestions.closest(to: label, among: names).map(Diagnostic.didYouMean),
                    notes: [.init(names.isEmpty ? "\(name) takes no named arguments" : "valid names: " + names.joined(separator: ", "))])
            }
            guard values[k] == nil else {
                throw Unwind.error("argument \"\(label)\" of \(name) is given twice", argSpan)
            }
            values[k] = v
            spans[k] = argSpan
        }
        var bound: [Value] = []
        bound.reserveCapacity(n)
        for k in 0..<n {
            let param = parameters[k]
            guard let v = values[k] else {
                guard let d = param.defaultValue else {
                    throw Unwind.error("\(name) is missing argument \"\(param.name)\"", span, notes: [.init(signature)])
                }
                bound.append(d)
                continue
            }
            if v.isNone, let d = param.defaultValue, d.isNone {
                bound.append(.none)
                continue
            }
            if param.variadic {
                bound.append(v)
                continue
            }
            bound.append(try convert(v, param, spans[k]))
        }
        let args = Args(values: bound, spans: spans, span: span, builtin: self, context: context)
        if context.gradDepth > 0, let r = try GradDispatch.builtin(self, args) { return r }
        return try body(args)
    }

    private func convert(_ v: Value, _ param: BuiltinParameter, _ span: SourceSpan) throws(Unwind) -> Value {
        func wrong() -> Unwind {
            Unwind.error("argument \"\(param.name)\" of \(name) must be \(param.kind.name.withArticle), got \(v.typeName.withArticle)", span)
        }
        switch param.kind {
        case .any: return v
        case .number:
            switch v {
            case .number: return v
            case .bool(let b): return .number(b ? 1 : 0)
            case .tensor(let box): if let x = box.tensor.scalarValue { return .number(x) }
            default: break
            }
            throw wrong()
        case .integer:
            var x: Double
            switch v {
            case .number(let d): x = d
            case .bool(let b): x = b ? 1 : 0
            case .tensor(let box):
                guard let d = box.tensor.scalarValue else { throw wrong() }
                x = d
            default: throw wrong()
            }
            _ = try integer(x, span, "argument \"\(param.name)\" of \(name)")
            if x == 0 { x = 0 }
            return .number(x)
        case .tensor:
            if case .tensor = v { return v }
            if case .list(let items) = v, items.contains(where: { $0.isTracked }) { return GradDispatch.listLiteral(items) }
            if let t = Conversions.asTensor(v) { return Value(t) }
            if case .list(let items) = v {
                do throws(TensorError) { _ = try Conversions.tensor(fromList: items) } catch {
                    throw Unwind.error("argument \"\(param.name)\" of \(name) must be a tensor: \(error.description)", span)
                }
            }
            throw wrong()
        case .numeric:
            if case .tensor = v { return v }
            if case .list(let items) = v, items.contains(where: { $0.isTracked }) { return GradDispatch.listLiteral(items) }
            switch numericOperand(v) {
            case .scalar(let x): return .number(x)
            case .tensor(let t): return Value(t)
            case nil: throw wrong()
            }
        case .string:
            if case .string = v { return v }
            throw wrong()
        case .bool:
            if case .bool = v { return v }
            throw wrong()
        case .function:
            switch v {
            case .function, .builtin: return v
            default: throw wrong()
            }
        case .list:
            switch v {
            case .list: return v
            case .tensor(let box):
                let t = box.tensor
                guard t.rank > 0 else { throw wrong() }
                if let v = box.variable { return .list(try (0..<t.shape[0]).map { i throws(Unwind) in try GradDispatch.index(v, [IndexArg.index(i)], span) }) }
                var rows: [Value] = []
                for r in 0..<t.shape[0] {
                    rows.append(Conversions.result(try engine(span) { () throws(TensorError) in try t.subscripted([IndexArg.index(r)]) }))
                }
                return .list(rows)
            default: throw wrong()
            }
        case .record:
            if case .record = v { return v }
            throw wrong()
        case .shape:
            var dims: [Double] = []
            switch v {
            case .number(let x): dims = [x]
            case .list(let items):
                for item in items {
                    guard case .number(let x) = item else { throw wrong() }
                    dims.append(x)
                }
            case .tensor(let box) where box.tensor.rank <= 1: dims = box.tensor.toArray()
            default: throw wrong()
            }
            var out: [Value] = []
            for d in dims {
                let k = try engine(span) { () throws(TensorError) in try Shape.size(d, "shape") }
                out.append(.number(Double(k)))
            }
            return .list(out)
        }
    }
}

extension String {
    /// The noun with "a" or "an" in front ("an integer", "a tensor").
    var withArticle: String {
        guard let first = first else { return self }
        return ("aeiou".contains(first) ? "an " : "a ") + self
    }
}
