extension Registry {
    /// Plots (`plot scatter heatmap hist bar image grid save`). Plot values are
    /// `Value.object(…)` conforming to ``DisplayableObject``. Add declarations here.
    static let plotBuiltins: [Builtin] = []
}
