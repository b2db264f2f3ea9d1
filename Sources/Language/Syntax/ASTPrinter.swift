/// A compact S-expression form of the AST, for tests, debugging and a REPL `:ast` view.
///
/// `-2 ^ 2` prints as `(neg (^ 2 2))`; `a + b - c` as `(- (+ a b) c)`;
/// `f(x, seed: 7)` as `(call f x seed:7)`; `m[:, 1:4]` as `(index m (slice _ _ _) (slice 1 4 _))`;
/// `a |> f(b) |> g` as `(|> a (f b) g)`; `if c { 1 } else { 2 }` as `(if c (block 1) (block 2))`.
/// Numbers print as written. Long operator chains print without recursion.
extension Expr {
    /// The S-expression form of this expression.
    public var sexpr: String {
        switch kind {
        case .number(_, let text): return text
        case .string(let value): return ASTPrinter.quoted(value)
        case .bool(let value): return value ? "true" : "false"
        case .noneLiteral: return "none"
        case .name(let name): return name
        case .list(let elements): return ASTPrinter.form("list", elements.map(\.sexpr))
        case .record(let fields): return ASTPrinter.form("record", fields.map { "(\($0.name.name) \($0.value.sexpr))" })
        case .unary(let op, let operand): return "(\(op == .negate ? "neg" : "not") \(operand.sexpr))"
        case .binary(let first, let rest):
            var text = ""
            for link in rest.reversed() { text += "(\(link.op.symbol) " }
            text += first.sexpr
            for link in rest { text += " \(link.operand.sexpr))" }
            return text
        case .power(let base, let exponent, _): return "(^ \(base.sexpr) \(exponent.sexpr))"
        case .range(let lower, let upper, let inclusive):
            return "(\(inclusive ? "..." : "..<") \(lower.sexpr) \(upper.sexpr))"
        case .call(let callee, let arguments):
            return ASTPrinter.form("call", [callee.sexpr] + arguments.map(ASTPrinter.argument))
        case .index(let base, let items):
            return ASTPrinter.form("index", [base.sexpr] + items.map(ASTPrinter.item))
        case .field(let base, let name): return "(. \(base.sexpr) \(name.name))"
        case .lambda(let parameters, let body):
            return "(lambda \(ASTPrinter.parameters(parameters)) \(body.sexpr))"
        case .ifElse(let branches, let elseBlock):
            var parts: [String] = []
            for branch in branches { parts += [branch.condition.sexpr, branch.body.sexpr] }
            if let elseBlock { parts.append(elseBlock.sexpr) }
            return ASTPrinter.form("if", parts)
        case .block(let block): return block.sexpr
        case .pipe(let first, let stages):
            let shown = stages.map { stage in
                stage.arguments.map { ASTPrinter.form(stage.callee.sexpr, $0.map(ASTPrinter.argument)) } ?? stage.callee.sexpr
            }
            return ASTPrinter.form("|>", [first.sexpr] + shown)
        }
    }
}

extension Block {
    /// `(block s₁ s₂ …)`.
    public var sexpr: String { ASTPrinter.form("block", statements.map(\.sexpr)) }
}

extension AssignTarget {
    /// The target in expression form: `(index (. a b) 0)`.
    public var sexpr: String {
        var text = root.name
        for step in steps {
            switch step {
            case .field(let name): text = "(. \(text) \(name.name))"
            case .index(let items, _): text = ASTPrinter.form("index", [text] + items.map(ASTPrinter.item))
            }
        }
        return text
    }
}

extension Stmt {
    /// The S-expression form of this statement.
    public var sexpr: String {
        switch kind {
        case .expression(let expr): return expr.sexpr
        case .assign(let target, let op, let value): return "(\(op.rawValue) \(target.sexpr) \(value.sexpr))"
        case .function(let decl):
            return "(fn \(decl.name.name) \(ASTPrinter.parameters(decl.parameters)) \(decl.body.sexpr))"
        case .forIn(let variable, let sequence, let body):
            return "(for \(variable.name) \(sequence.sexpr) \(body.sexpr))"
        case .whileLoop(let condition, let body): return "(while \(condition.sexpr) \(body.sexpr))"
        case .breakLoop: return "break"
        case .continueLoop: return "continue"
        case .returnValue(let value): return value.map { "(return \($0.sexpr))" } ?? "(return)"
        }
    }
}

extension Program {
    /// One statement per line.
    public var sexpr: String { statements.map(\.sexpr).joined(separator: "\n") }
}

/// Helpers for the S-expression printer.
enum ASTPrinter {
    static func form(_ head: String, _ parts: [String]) -> String {
        parts.isEmpty ? "(\(head))" : "(\(head) \(parts.joined(separator: " ")))"
    }

    static func quoted(_ value: String) -> String {
        var out = "\""
        for character in value {
            switch character {
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default: out.append(character)
            }
        }
        return out + "\""
    }

    static func argument(_ argument: Argument) -> String {
        argument.label.map { "\($0.name):\(argument.value.sexpr)" } ?? argument.value.sexpr
    }

    static func item(_ item: IndexItem) -> String {
        switch item {
        case .expr(let expr): return expr.sexpr
        case .slice(let start, let stop, let step, _):
            return "(slice \(start?.sexpr ?? "_") \(stop?.sexpr ?? "_") \(step?.sexpr ?? "_"))"
        }
    }

    static func parameters(_ parameters: [Parameter]) -> String {
        "(" + parameters.map { parameter in
            parameter.defaultValue.map { "(\(parameter.name.name) \($0.sexpr))" } ?? parameter.name.name
        }.joined(separator: " ") + ")"
    }
}
