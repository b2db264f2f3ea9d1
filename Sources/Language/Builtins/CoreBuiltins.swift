import Tensor

extension Registry {
    /// `print str len range help load type`.
    static let coreBuiltins: [Builtin] = [
        Builtin("print", [.variadic("values"), .optional("sep", .string, .string(" "))],
                help: "Writes the values separated by spaces (or `sep`), then a newline. Strings appear without quotes; tensors as their rows. Returns none.",
                example: "print(\"loss\", 0.25, [1, 2])") { a throws(Unwind) in
            let text = a.list(0).map { $0.printed(width: a.session.options.width) }.joined(separator: a.string(1))
            if let cap = a.session.options.maxOutputBytes {
                a.session.printedBytes += text.utf8.count + 1
                if a.session.printedBytes > cap {
                    throw a.fail("output limit: this run printed more than \(Limits.formatBytes(cap)); print less (or summarise) per cell")
                }
            }
            a.session.output.write(text + "\n")
            return .none
        },
        Builtin("str", [.required("x", .any), .optional("digits", .integer)],
                help: "The value as text, as `print` would write it. With `digits:`, numbers (and tensor elements) are rounded to that many significant digits.",
                example: "str(3.14159, digits: 3)", expected: "\"3.14\"") { a throws(Unwind) in
            if let d = a.optionalInt(1) {
                guard d >= 1 else { throw a.fail("digits must be at least 1, got \(d)", at: 1) }
                switch a.value(0) {
                case .number(let x): return .string(NumberFormat.format(x, digits: d))
                case .tensor(let b):
                    return .string("[" + b.tensor.toArray().map { NumberFormat.format($0, digits: d) }.joined(separator: " ") + "]")
                default: break
                }
            }
            return .string(a.value(0).printed())
        },
        Builtin("len", [.required("x", .any)],
                help: "The number of items: elements of a list, characters of a string, rows (first axis) of a tensor, fields of a record, values of a range.",
                example: "len([1, 2, 3])", expected: "3") { a throws(Unwind) in
            switch a.value(0) {
            case .list(let l): return .number(Double(l.count))
            case .string(let s): return .number(Double(s.count))
            case .tensor(let b):
                guard let n = b.tensor.shape.first else { throw a.fail("a 0-d tensor has no length", at: 0) }
                return .number(Double(n))
            case .record(let r): return .number(Double(r.names.count))
            case .range(let r): return .number(Double(r.count))
            case let v: throw a.fail("a \(v.typeName) has no length", at: 0)
            }
        },
        Builtin("range", [.required("start", .integer), .optional("stop", .integer), .optional("step", .integer)],
                help: "Integers from start (default 0) up to but not including stop, like Python's range: `range(5)` is `0..<5`. With a step the result is a list.",
                example: "range(2, 10, 3)", expected: "[2, 5, 8]") { a throws(Unwind) in
            let (lo, hi) = a.given(1) ? (a.int(0), a.int(1)) : (0, a.int(0))
            let step = a.optionalInt(2) ?? 1
            guard step != 0 else { throw a.fail("range step cannot be zero", at: 2) }
            if step == 1 { return .range(RangeValue(lower: lo, upper: hi)) }
            let count = step > 0 ? (hi - lo + step - 1) / step : (lo - hi - step - 1) / -step
            guard count <= Indexing.maxMaterialised else {
                throw a.fail("range with a step is too long (\(count) values); use arange for big tensors", at: 2)
            }
            var out: [Value] = []
            var i = lo
            while step > 0 ? i < hi : i > hi {
                out.append(.number(Double(i)))
                i += step
            }
            return .list(out)
        },
        Builtin("help", [.optional("name", .any)],
                help: "Shows what a builtin does, its parameters and an example: `help(\"sum\")` or `help(sum)`. For a function written in dtr (the standard library's or your own) it shows the `fn` line and the `#` comment lines right above it. Without an argument, lists every builtin.",
                example: "help(\"len\")") { a throws(Unwind) in
            let out = a.session.output
            switch a.value(0) {
            case .none:
                out.write("Builtins: " + Registry.names.joined(separator: " ") + "\nUse help(\"name\") for one of them.\n")
            case .builtin(let b): out.write(b.helpText + "\n")
            case .string(let s):
                // What the name is bound to now (a user's `fn len` shadows the builtin).
                if case .function(let f)? = a.session.value(of: s) {
                    out.write(FunctionDocs.help(for: f) + "\n")
                } else if case .builtin(let b)? = a.session.value(of: s) {
                    out.write(b.helpText + "\n")
                } else if let b = Registry.lookup(s) {
                    out.write(b.helpText + "\n")
                } else {
                    let functions = a.session.globalNames.filter { n in
                        if case .function? = a.session.value(of: n) { return true }
                        return false
                    }
                    let hint = Suggestions.closest(to: s, among: Registry.names + functions).map(Diagnostic.didYouMean)
                    throw Unwind.error("no builtin or function named \"\(s)\"", a.spans[0], suggestion: hint)
                }
            case .function(let f):
                out.write(FunctionDocs.help(for: f) + "\n")
            case let v: throw a.fail("help takes a function (builtin or dtr) or its name, got a \(v.typeName)", at: 0)
            }
            return .none
        },
        Builtin("load", [.required("path", .string)],
                help: "Runs a dtr script into the current environment, so its functions and bindings become available. The path is relative to the notebook's or script's folder.",
                example: "load(\"helpers.dtr\")") { a throws(Unwind) in
            let path = a.string(0)
            let bytes: [UInt8]
            do throws(FileAccessError) { bytes = try a.session.files.read(path) } catch {
                throw a.fail(error.message, at: 0)
            }
            try a.session.runNested(SourceFile(name: path, bytes: bytes), at: a.span)
            return .none
        },
        Builtin("type", [.required("x", .any)],
                help: "The kind of a value as a string: number, tensor, string, bool, none, list, record, function, range (or a plot's kind).",
                example: "type([1, 2])", expected: "\"tensor\"") { a throws(Unwind) in
            .string(a.value(0).typeName)
        },
    ]
}
