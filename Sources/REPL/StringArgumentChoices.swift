/// The fixed names that string arguments of library functions accept (SPEC §5), offered by
/// tab completion inside the string: `schedule("co⇥` → `schedule("cosine"`.
public enum StringArgumentChoices {
    /// Schedule names for `schedule(name, T)`.
    public static let schedules = ["linear", "cosine", "scaled_linear", "sigmoid", "quad", "jsd", "const"]
    /// Routing names for `route(name, T, C)`.
    public static let routes = ["dtr", "random", "dense", "interval"]
    /// Loss weighting schemes for `loss_weight(s, scheme)`.
    public static let lossSchemes = ["constant", "min_snr", "p2"]
    /// Prediction targets for `loss_weight(…, prediction:)`.
    public static let predictions = ["eps", "v", "x0"]
    /// Spacings for `timesteps(T, n, spacing:)`.
    public static let spacings = ["linspace", "leading", "trailing"]
    /// Data sets for `toy2d(name, n)`.
    public static let toys = ["moons", "swissroll", "8gaussians", "checkerboard", "rings"]

    /// The choices for argument `index` (positional) or `name` (named) of `function`.
    public static func choices(function: String, index: Int?, name: String?) -> [String] {
        switch (function, index, name) {
        case ("schedule", 0, _), ("schedule", _, "name"): return schedules
        case ("route", 0, _), ("route", _, "name"): return routes
        case ("loss_weight", 1, _), ("loss_weight", _, "scheme"): return lossSchemes
        case (_, _, "prediction"): return predictions
        case (_, _, "spacing"): return spacings
        case ("toy2d", 0, _), ("toy2d", _, "name"): return toys
        default: return []
        }
    }
}
