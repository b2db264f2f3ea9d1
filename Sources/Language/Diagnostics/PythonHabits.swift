/// One-line hints for Python and numpy spellings that dtr does not use (SPEC §4, "Numpy
/// habits"): `True` → `true`, `np.zeros` → `zeros`, `def` → `fn`, `import` → `load`.
public enum PythonHabits {
    /// The hint for an unknown name that is a Python spelling, or nil.
    public static func hint(forName name: String) -> String? {
        switch name {
        case "True": return "did you mean \"true\"?"
        case "False": return "did you mean \"false\"?"
        case "None", "null", "nil": return "did you mean \"none\"?"
        case "np", "numpy", "torch", "math": return "dtr has no modules: call functions directly, e.g. zeros([2, 3]) or sqrt(x)"
        case "def": return "functions are written fn name(a, b) { … }"
        case "lambda": return "anonymous functions are written x => x + 1 or (a, b) => a * b"
        case "import", "from": return "dtr has no imports: every builtin is always there; load(\"file.dtr\") runs a script"
        case "class": return "dtr has no classes: use a record {name: value, …} and functions"
        case "elif": return "write else if"
        case "pass": return "an empty block {} does nothing"
        case "self": return "dtr has no classes or self: pass values as arguments"
        default: return nil
        }
    }
}
