extension Registry {
    /// Schedules, routing and losses (SPEC §5). Bound by the Diffusion layer's owner:
    /// add `Builtin(...)` declarations here.
    static let diffusionBuiltins: [Builtin] = []
}
