import Tensor

/// The `dtype:` argument shared by creation functions.
func dtypeArgument(_ a: Args, _ i: Int) throws(Unwind) -> DType {
    guard a.given(i) else { return .f64 }
    guard let d = DType(rawValue: a.string(i)) else {
        throw a.fail("dtype must be \"f64\" or \"f32\", got \"\(a.string(i))\"", at: i)
    }
    return d
}

/// A `seed:` argument as the engine's seed (any integer; negative values wrap).
func seedArgument(_ a: Args, _ i: Int) -> UInt64? {
    guard a.given(i) else { return nil }
    return UInt64(bitPattern: Int64(a.int(i)))
}

extension Registry {
    /// `zeros ones full arange linspace eye rand randn randint seed`.
    static let creationBuiltins: [Builtin] = [
        Builtin("zeros", [.required("shape", .shape), .optional("dtype", .string).documented("\"f64\"")],
                help: "A tensor of zeros. `shape` is an integer or a list of integers; `dtype:` is \"f64\" (default) or \"f32\".",
                example: "zeros([2, 3])", expected: "f64[2, 3]\n[[0 0 0]\n [0 0 0]]") { a throws(Unwind) in
            let dt = try dtypeArgument(a, 1)
            return Value(try a.run { () throws(TensorError) in try Tensor.zeros(a.shape(0), dtype: dt) })
        },
        Builtin("ones", [.required("shape", .shape), .optional("dtype", .string).documented("\"f64\"")],
                help: "A tensor of ones.", example: "ones(3)", expected: "f64[3] [1 1 1]") { a throws(Unwind) in
            let dt = try dtypeArgument(a, 1)
            return Value(try a.run { () throws(TensorError) in try Tensor.ones(a.shape(0), dtype: dt) })
        },
        Builtin("full", [.required("shape", .shape), .required("value", .number), .optional("dtype", .string).documented("\"f64\"")],
                help: "A tensor with every element equal to `value`.",
                example: "full([2], 7)", expected: "f64[2] [7 7]") { a throws(Unwind) in
            let dt = try dtypeArgument(a, 2)
            return Value(try a.run { () throws(TensorError) in try Tensor.full(a.shape(0), a.number(1), dtype: dt) })
        },
        Builtin("arange", [.required("start", .number), .optional("stop", .number), .optional("step", .number, .number(1))],
                help: "Evenly spaced values in [start, stop) with `step` (numpy's arange). `arange(n)` is 0…n−1.",
                example: "arange(0, 1, 0.25)", expected: "f64[4] [0.   0.25 0.5  0.75]") { a throws(Unwind) in
            let (lo, hi) = a.given(1) ? (a.number(0), a.number(1)) : (0, a.number(0))
            return Value(try a.run { () throws(TensorError) in try Tensor.arange(lo, hi, step: a.number(2)) })
        },
        Builtin("linspace", [.required("start", .number), .required("stop", .number), .required("n", .integer),
                             .optional("endpoint", .bool, .bool(true))],
                help: "`n` evenly spaced values from start to stop inclusive (numpy's linspace); with `endpoint: false` stop is left out (step (stop − start)/n).",
                example: "linspace(0, 1, 5)", expected: "f64[5] [0.   0.25 0.5  0.75 1.  ]") { a throws(Unwind) in
            let n = a.int(2)
            if a.bool(3) || n < 0 {
                return Value(try a.run { () throws(TensorError) in try Tensor.linspace(a.number(0), a.number(1), count: n) })
            }
            return Value(try a.run { () throws(TensorError) in
                try Tensor.linspace(a.number(0), a.number(1), count: n + 1).subscripted([IndexArg.slice(nil, n, nil)]).contiguous()
            })
        },
        Builtin("eye", [.required("n", .integer)],
                help: "The n×n identity matrix.", example: "eye(2)", expected: "f64[2, 2]\n[[1 0]\n [0 1]]") { a throws(Unwind) in
            Value(try a.run { () throws(TensorError) in try Tensor.eye(a.int(0)) })
        },
        Builtin("rand", [.required("shape", .shape), .optional("seed", .integer), .optional("dtype", .string).documented("\"f64\"")],
                help: "Uniform random values in [0, 1). Uses the global generator (seeded with 0 at start, see `seed`) unless `seed:` is given.",
                example: "rand([2, 2], seed: 1)") { a throws(Unwind) in
            let dt = try dtypeArgument(a, 2)
            return Value(try a.run { () throws(TensorError) in try Random.rand(a.shape(0), seed: seedArgument(a, 1), dtype: dt) })
        },
        Builtin("randn", [.required("shape", .shape), .optional("seed", .integer), .optional("dtype", .string).documented("\"f64\"")],
                help: "Standard normal random values. Uses the global generator unless `seed:` is given.",
                example: "randn([3, 4], seed: 7)") { a throws(Unwind) in
            let dt = try dtypeArgument(a, 2)
            return Value(try a.run { () throws(TensorError) in try Random.randn(a.shape(0), seed: seedArgument(a, 1), dtype: dt) })
        },
        Builtin("randint", [.required("low", .integer), .required("high", .integer), .required("shape", .shape), .optional("seed", .integer)],
                help: "Random integers in [low, high).", example: "randint(0, 10, [5], seed: 3)") { a throws(Unwind) in
            Value(try a.run { () throws(TensorError) in try Random.randint(a.int(0), a.int(1), a.shape(2), seed: seedArgument(a, 3)) })
        },
        Builtin("seed", [.required("n", .integer)],
                help: "Restarts the global random generator at seed n (every run starts at seed 0).",
                example: "seed(42); rand(2)") { a throws(Unwind) in
            Random.seed(UInt64(bitPattern: Int64(a.int(0))))
            return .none
        },
    ]
}
