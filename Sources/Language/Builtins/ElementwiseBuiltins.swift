import Tensor

/// A builtin applying an engine unary op elementwise; numbers give numbers.
func unaryBuiltin(_ name: String, _ op: UnaryOp, _ help: String, example: String, expected: String) -> Builtin {
    Builtin(name, [.required("x", .numeric)], help: help, example: example, expected: expected) { a throws(Unwind) in
        switch a.value(0) {
        case .number(let x):
            let r = try a.run { () throws(TensorError) in try Tensor.unary(op, Tensor(scalar: x)) }
            return .number(r.load(r.offset))
        default:
            let t = a.tensor(0)
            return Value(try a.run { () throws(TensorError) in try Tensor.unary(op, t) })
        }
    }
}

extension Registry {
    /// `abs exp log log1p sqrt sin cos tanh sigmoid relu gelu silu round floor isnan`.
    static let elementwiseBuiltins: [Builtin] = [
        unaryBuiltin("abs", .abs, "Absolute value, elementwise.", example: "abs([-1, 2])", expected: "f64[2] [1 2]"),
        unaryBuiltin("exp", .exp, "e^x, elementwise.", example: "exp(0)", expected: "1"),
        unaryBuiltin("log", .log, "Natural logarithm, elementwise (nan below 0, -inf at 0).", example: "log(1)", expected: "0"),
        unaryBuiltin("log1p", .log1p, "log(1 + x), accurate for small x.", example: "log1p(0)", expected: "0"),
        unaryBuiltin("sqrt", .sqrt, "Square root, elementwise (nan below 0).", example: "sqrt([4, 9])", expected: "f64[2] [2 3]"),
        unaryBuiltin("sin", .sin, "Sine (radians), elementwise.", example: "sin(0)", expected: "0"),
        unaryBuiltin("cos", .cos, "Cosine (radians), elementwise.", example: "cos(0)", expected: "1"),
        unaryBuiltin("tanh", .tanh, "Hyperbolic tangent, elementwise.", example: "tanh(0)", expected: "0"),
        unaryBuiltin("sigmoid", .sigmoid, "1 / (1 + e^-x), elementwise.", example: "sigmoid(0)", expected: "0.5"),
        unaryBuiltin("relu", .relu, "max(x, 0), elementwise.", example: "relu([-1, 2])", expected: "f64[2] [0 2]"),
        unaryBuiltin("gelu", .gelu, "Exact GELU x·Φ(x), elementwise.", example: "gelu(0)", expected: "0"),
        unaryBuiltin("silu", .silu, "x·sigmoid(x), elementwise.", example: "silu(0)", expected: "0"),
        unaryBuiltin("round", .round, "Rounds to the nearest integer, half to even (as numpy).",
                     example: "round([0.5, 1.5, 2.5])", expected: "f64[3] [0 2 2]"),
        unaryBuiltin("floor", .floor, "Largest integer not above x, elementwise.", example: "floor(2.7)", expected: "2"),
        Builtin("isnan", [.required("x", .numeric)], help: "True where x is nan (a bool tensor; a boolean for a number).",
                example: "isnan([1, 0 / 0])", expected: "bool[2] [false  true]") { a throws(Unwind) in
            if case .number(let x) = a.value(0) { return .bool(x.isNaN) }
            let t = a.tensor(0)
            return Value(try a.run { () throws(TensorError) in try Tensor.binary(.ne, t, t).converted(to: .bool) })
        },
    ]
}
