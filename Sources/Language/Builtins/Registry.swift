/// Every builtin, declared once. Each group lives in its own file as a `static let`
/// array of ``Builtin`` declarations; adding a builtin is adding one declaration to a
/// group (or a new group file plus one line in ``Registry/groups``).
public enum Registry {
    /// The builtin groups in registration order (later names win on a clash).
    static var groups: [[Builtin]] {
        [coreBuiltins, creationBuiltins, elementwiseBuiltins, reductionBuiltins, structureBuiltins,
         diffusionBuiltins, plotBuiltins, fileBuiltins, learningBuiltins, gradBuiltins,
         numpyBuiltins, samplingBuiltins, errorBuiltins, transformerBuiltins, sweepBuiltins]
    }

    /// All builtins.
    public static let all: [Builtin] = groups.flatMap { $0 }

    private static let byName: [String: Builtin] = {
        var d: [String: Builtin] = [:]
        for b in all { d[b.name] = b }
        return d
    }()

    /// The builtin called `name`, if any.
    public static func lookup(_ name: String) -> Builtin? { byName[name] }

    /// Builtin names, sorted.
    public static var names: [String] { byName.keys.sorted() }
}
