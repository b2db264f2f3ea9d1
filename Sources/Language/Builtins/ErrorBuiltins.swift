extension Registry {
    /// `error`: lets code written in dtr (the stdlib included) refuse bad input with a
    /// diagnostic, as a builtin does.
    static let errorBuiltins: [Builtin] = [
        Builtin("error", [.required("message", .string)],
                help: "Stops with the message as an error diagnostic (pointing at this call, with the call stack). For refusing bad input in functions written in dtr.",
                example: "fn half(n) = if n % 2 == 0 { n / 2 } else { error(\"half needs an even number\") }") { a throws(Unwind) in
            throw a.fail(a.string(0))
        },
    ]
}
