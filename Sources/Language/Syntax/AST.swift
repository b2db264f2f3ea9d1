/// The abstract syntax tree produced by ``Parser``.
///
/// Every node carries a ``SourceSpan``. Nodes are value types (`struct`s wrapping
/// `indirect enum`s). Left-associative operator chains are stored flat
/// (``Expr/Kind/binary(first:rest:)``, ``Expr/Kind/pipe(first:stages:)``), so a program like
/// `1 + 1 + … + 1` with millions of terms is a shallow tree that is built and freed without
/// recursion per term. Everything that nests (brackets, unary operators, `^`, postfix
/// operators, blocks) is bounded by ``Parser/maxNestingDepth``.
///
/// Names are plain strings here; the evaluator resolves them to slots in its own pass.
/// The AST is append-only: new cases and fields may be added, existing ones are not renamed.

// MARK: - Program

/// A parsed source text: its statements in order, and the file they came from.
public struct Program: Sendable {
    /// The top-level statements.
    public var statements: [Stmt]
    /// The source the program was parsed from.
    public var file: SourceFile

    /// Creates a program.
    public init(statements: [Stmt], file: SourceFile) {
        self.statements = statements
        self.file = file
    }
}

// MARK: - Small shared nodes

/// A name as written in the source, with its span.
public struct Identifier: Sendable, Equatable {
    /// The name (an identifier; may contain Unicode letters such as `ᾱ`).
    public var name: String
    /// Where it is written.
    public var span: SourceSpan

    /// Creates an identifier.
    public init(_ name: String, span: SourceSpan) {
        self.name = name
        self.span = span
    }
}

/// A function or lambda parameter: `p` or `p = default`.
public struct Parameter: Sendable {
    /// The parameter's name.
    public var name: Identifier
    /// The default value expression, evaluated at call time when the argument is omitted.
    public var defaultValue: Expr?
    /// The whole parameter, including any default.
    public var span: SourceSpan

    /// Creates a parameter.
    public init(name: Identifier, defaultValue: Expr? = nil, span: SourceSpan) {
        self.name = name
        self.defaultValue = defaultValue
        self.span = span
    }
}

/// A call argument: positional (`x`) or named (`seed: 7`).
public struct Argument: Sendable {
    /// The name for a named argument, `nil` for a positional one.
    public var label: Identifier?
    /// The argument's value.
    public var value: Expr
    /// The whole argument, including its label.
    public var span: SourceSpan

    /// Creates an argument.
    public init(label: Identifier? = nil, value: Expr, span: SourceSpan) {
        self.label = label
        self.value = value
        self.span = span
    }
}

/// One `name: value` entry of a record literal.
public struct RecordField: Sendable {
    /// The field's name.
    public var name: Identifier
    /// The field's value.
    public var value: Expr
    /// The whole entry.
    public var span: SourceSpan

    /// Creates a record field.
    public init(name: Identifier, value: Expr, span: SourceSpan) {
        self.name = name
        self.value = value
        self.span = span
    }
}

/// One item inside `[ ]` of a subscript: an expression (`x[-1]`, `m[idx]`) or a slice
/// `start:stop:step` with every part optional (`m[:, 1:4]`, `m[::10]`).
public enum IndexItem: Sendable {
    /// A single index or an index tensor (gather).
    case expr(Expr)
    /// A slice; a `nil` part takes its default (start 0 / stop end / step 1, numpy's rules).
    case slice(start: Expr?, stop: Expr?, step: Expr?, span: SourceSpan)

    /// The item's span.
    public var span: SourceSpan {
        switch self {
        case .expr(let expr): return expr.span
        case .slice(_, _, _, let span): return span
        }
    }
}

/// A `{ statements }` block. Its value is the value of its last statement when that is an
/// expression statement, otherwise `none`.
public struct Block: Sendable {
    /// The statements in order.
    public var statements: [Stmt]
    /// From `{` through `}`.
    public var span: SourceSpan

    /// Creates a block.
    public init(statements: [Stmt], span: SourceSpan) {
        self.statements = statements
        self.span = span
    }
}

/// One `if condition { body }` arm of an if-expression (the first arm or an `else if`).
public struct IfBranch: Sendable {
    /// The condition.
    public var condition: Expr
    /// The body evaluated when the condition is true.
    public var body: Block
    /// From `if` through the body's `}`.
    public var span: SourceSpan

    /// Creates a branch.
    public init(condition: Expr, body: Block, span: SourceSpan) {
        self.condition = condition
        self.body = body
        self.span = span
    }
}

// MARK: - Operators

/// Operators of the flat, left-associative chains, grouped by precedence level.
public enum BinaryOperator: String, Sendable, Equatable, CaseIterable {
    // or / and (short-circuit: the evaluator must not evaluate the right operand when the left decides)
    case or = "or"
    case and = "and"
    // comparisons (elementwise, giving bool tensors)
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessEqual = "<="
    case greater = ">"
    case greaterEqual = ">="
    // additive
    case add = "+"
    case subtract = "-"
    // multiplicative
    case multiply = "*"
    case divide = "/"
    case remainder = "%"
    case floorDivide = "//"
    case matmul = "@"

    /// The operator as written in source.
    public var symbol: String { rawValue }

    /// Whether this is one of `== != < <= > >=`.
    public var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: true
        default: false
        }
    }
}

/// Prefix operators: `-x`, `not x`.
public enum UnaryOperator: String, Sendable, Equatable {
    case negate = "-"
    case not = "not"
}

/// `=`, `+=`, `-=`, `*=`, `/=`.
public enum AssignmentOperator: String, Sendable, Equatable {
    case assign = "="
    case addAssign = "+="
    case subtractAssign = "-="
    case multiplyAssign = "*="
    case divideAssign = "/="

    /// The arithmetic operator a compound assignment applies (`+=` → `+`), `nil` for `=`.
    public var binaryOperator: BinaryOperator? {
        switch self {
        case .assign: return nil
        case .addAssign: return .add
        case .subtractAssign: return .subtract
        case .multiplyAssign: return .multiply
        case .divideAssign: return .divide
        }
    }
}

/// One `op operand` link of a flat chain: in `a + b - c`, the rest is `[(+, b), (-, c)]`.
public struct ChainLink: Sendable {
    /// The operator joining the previous value to `operand`.
    public var op: BinaryOperator
    /// The right operand.
    public var operand: Expr
    /// The operator token's span (for diagnostics such as shape mismatches).
    public var opSpan: SourceSpan

    /// Creates a chain link.
    public init(op: BinaryOperator, operand: Expr, opSpan: SourceSpan) {
        self.op = op
        self.operand = operand
        self.opSpan = opSpan
    }
}

/// One `|> stage` of a pipe chain.
///
/// `a |> f(b, k: c)` is stored as `callee: f, arguments: [b, k: c]` and means `f(a, b, k: c)`;
/// `a |> f` is stored as `callee: f, arguments: nil` and means `f(a)`. When the stage is a
/// call, `callee` is the callee of its outermost call: `a |> g(1)(2)` has callee `g(1)`.
public struct PipeStage: Sendable {
    /// The function to call.
    public var callee: Expr
    /// The explicit arguments written in the stage, or `nil` when the stage is not a call.
    public var arguments: [Argument]?
    /// The stage expression's span.
    public var span: SourceSpan
    /// The `|>` token's span.
    public var opSpan: SourceSpan

    /// Creates a pipe stage.
    public init(callee: Expr, arguments: [Argument]?, span: SourceSpan, opSpan: SourceSpan) {
        self.callee = callee
        self.arguments = arguments
        self.span = span
        self.opSpan = opSpan
    }
}

// MARK: - Expressions

/// An expression node.
public struct Expr: Sendable {
    /// What kind of expression this is.
    public enum Kind: Sendable {
        /// A number literal: its value and the text as written (`"10_000_000"`, `"1e-4"`).
        case number(Double, text: String)
        /// A string literal with escapes already decoded.
        case string(String)
        /// `true` or `false`.
        case bool(Bool)
        /// `none` (named `noneLiteral` to avoid confusion with `Optional.none`).
        case noneLiteral
        /// A name reference.
        case name(String)
        /// `[a, b, c]`.
        indirect case list([Expr])
        /// `{a: 1, b: 2}` or `{}`.
        indirect case record([RecordField])
        /// `-x` or `not x`.
        indirect case unary(UnaryOperator, Expr)
        /// A flat left-associative chain at one precedence level: `first op₁ e₁ op₂ e₂ …`
        /// evaluates as `((first op₁ e₁) op₂ e₂) …`. All operators in one chain share a
        /// precedence level. `and`/`or` short-circuit.
        indirect case binary(first: Expr, rest: [ChainLink])
        /// `base ^ exponent` (right-associative: `2 ^ 3 ^ 2` is `2 ^ (3 ^ 2)`).
        indirect case power(base: Expr, exponent: Expr, opSpan: SourceSpan)
        /// `lower ..< upper` (half-open) or `lower ... upper` (inclusive).
        indirect case range(lower: Expr, upper: Expr, inclusive: Bool)
        /// `callee(args)`, positional and named arguments in source order.
        indirect case call(callee: Expr, arguments: [Argument])
        /// `base[items]`.
        indirect case index(base: Expr, items: [IndexItem])
        /// `base.name`.
        indirect case field(base: Expr, name: Identifier)
        /// `x => body`, `(a, b) => body`, `() => body`.
        indirect case lambda(parameters: [Parameter], body: Expr)
        /// `if c { … } else if d { … } else { … }`: the branches in order, then the optional
        /// final else. Without an else, a false condition gives `none`.
        indirect case ifElse(branches: [IfBranch], elseBlock: Block?)
        /// A block used as an expression (`{ a = 1; a + 1 }`).
        indirect case block(Block)
        /// A flat pipe chain: `first |> stage₁ |> stage₂ …`.
        indirect case pipe(first: Expr, stages: [PipeStage])
    }

    /// The node's kind and children.
    public var kind: Kind
    /// The node's full extent in the source.
    public var span: SourceSpan

    /// Creates an expression.
    public init(_ kind: Kind, span: SourceSpan) {
        self.kind = kind
        self.span = span
    }
}

// MARK: - Statements

/// The left-hand side of an assignment: a root name followed by field and index steps.
///
/// `x = …` has no steps; `a.b[0] = …` is root `a`, steps `[.field(b), .index([0])]`;
/// `m[3, :] = 0` is root `m`, steps `[.index([3, :])]`. Values have value semantics, so
/// the evaluator updates the root binding through the path.
public struct AssignTarget: Sendable {
    /// One step of the path from the root binding to the assigned place.
    public enum Step: Sendable {
        /// `.name`
        case field(Identifier)
        /// `[items]`; the span runs from the start of the target through this step's `]`.
        case index([IndexItem], span: SourceSpan)
    }

    /// The variable being assigned (or updated through `steps`).
    public var root: Identifier
    /// Field and index steps from the root, in source order.
    public var steps: [Step]
    /// The whole target expression.
    public var span: SourceSpan

    /// Creates an assignment target.
    public init(root: Identifier, steps: [Step] = [], span: SourceSpan) {
        self.root = root
        self.steps = steps
        self.span = span
    }
}

/// A named function definition: `fn name(params) = expr` or `fn name(params) { block }`.
public struct FunctionDecl: Sendable {
    /// The function's name.
    public var name: Identifier
    /// Parameters in order; defaults are evaluated at call time.
    public var parameters: [Parameter]
    /// The body: an expression, or an ``Expr/Kind/block(_:)`` for the `{ }` form.
    public var body: Expr
    /// From `fn` through the end of the body.
    public var span: SourceSpan

    /// Creates a function declaration.
    public init(name: Identifier, parameters: [Parameter], body: Expr, span: SourceSpan) {
        self.name = name
        self.parameters = parameters
        self.body = body
        self.span = span
    }
}

/// A statement node.
public struct Stmt: Sendable {
    /// What kind of statement this is.
    public enum Kind: Sendable {
        /// An expression evaluated for its value (the last one of a cell is displayed).
        case expression(Expr)
        /// `target = value`, or a compound assignment such as `target += value`.
        indirect case assign(target: AssignTarget, op: AssignmentOperator, value: Expr)
        /// `fn name(params) = expr` / `fn name(params) { … }`.
        indirect case function(FunctionDecl)
        /// `for variable in sequence { body }`.
        indirect case forIn(variable: Identifier, sequence: Expr, body: Block)
        /// `while condition { body }`.
        indirect case whileLoop(condition: Expr, body: Block)
        /// `break`.
        case breakLoop
        /// `continue`.
        case continueLoop
        /// `return` or `return value`.
        indirect case returnValue(Expr?)
    }

    /// The node's kind and children.
    public var kind: Kind
    /// The statement's full extent in the source (without the terminating newline or `;`).
    public var span: SourceSpan

    /// Creates a statement.
    public init(_ kind: Kind, span: SourceSpan) {
        self.kind = kind
        self.span = span
    }
}
