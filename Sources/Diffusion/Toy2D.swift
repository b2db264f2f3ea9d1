import Tensor
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Two-dimensional toy data sets for diffusion experiments, after the generators in
/// FFJORD's `toy_data.py` (Grathwohl et al., ICLR 2019) and scikit-learn's `make_moons`,
/// which most 2-D diffusion tutorials copy. Every point is drawn independently, so a
/// prefix of a larger sample is a sample too; scales are chosen so each set lies within
/// about [−3, 3]², close to the unit-variance noise a diffusion model starts from.
///
/// ```swift
/// let x = try Toy2D.sample("moons", n: 2000, seed: 0)   // 2000×2 f64
/// ```
public enum Toy2D {
    /// The data set names, in the order help texts list them.
    public static let names = ["moons", "swissroll", "8gaussians", "checkerboard", "rings"]

    /// The data sets, named as users call them.
    enum Kind: String {
        case moons, swissroll, eightGaussians = "8gaussians", checkerboard, rings
    }

    /// Standard deviation of the Gaussian noise added to the moons (scikit-learn's `noise`).
    static let moonsNoise = 0.05

    /// `n` points of the named data set as an n×2 f64 tensor, deterministic for `seed`:
    /// - `"moons"`: two interleaving half circles (scikit-learn's `make_moons`) with noise
    ///   0.05, centred and scaled to unit standard deviation per axis. Even rows lie on the
    ///   upper moon, odd rows on the lower one.
    /// - `"swissroll"`: FFJORD's swiss roll, scikit-learn's `make_swiss_roll(noise: 1)`
    ///   keeping (x, z) and divided by 5: t = 1.5π(1 + 2u), (t·cos t, t·sin t)/5 + 0.2·N(0, I).
    /// - `"8gaussians"`: eight equally likely modes at radius 2, angles k·45°, std 0.2
    ///   (FFJORD's layout, shrunk from radius 2.83 and std 0.35).
    /// - `"checkerboard"`: FFJORD's 4×4 checkerboard, uniform on the 8 dark squares of
    ///   [−2, 2]² (FFJORD's board spans [−4, 4]²).
    /// - `"rings"`: four concentric circles of radii 0.5, 1, 1.5, 2 (row i on ring i mod 4,
    ///   uniform angle) with noise 0.05 (FFJORD's rings scaled by 2/3).
    public static func sample(_ name: String, n: Int, seed: UInt64) throws(TensorError) -> Tensor {
        guard let kind = Kind(rawValue: name) else {
            throw .invalidArgument("unknown toy data set \"\(name)\"; valid: \(names.joined(separator: ", "))")
        }
        guard n >= 1 else { throw .invalidArgument("toy2d needs n ≥ 1, got n = \(n)") }
        var g = RandomGenerator(seed: seed)
        // Five n-vectors of randomness plus the n×2 result: all allocations check the memory limit.
        let u = try g.rand([n, 3])
        let z = try g.randn([n, 2])
        let out = try Tensor(uninitialized: [n, 2])
        let up = u.storage.f64, zp = z.storage.f64, o = out.storage.f64
        for start in stride(from: 0, to: n, by: Interrupt.chunkElements) {
            try Interrupt.check()
            for i in start..<min(n, start + Interrupt.chunkElements) {
                let p = point(kind, i, up[3 * i], up[3 * i + 1], up[3 * i + 2], zp[2 * i], zp[2 * i + 1])
                o[2 * i] = p.0
                o[2 * i + 1] = p.1
            }
        }
        return out
    }

    /// Row `i` of a data set from three uniforms on [0, 1) and two standard normals.
    static func point(_ kind: Kind, _ i: Int, _ u0: Double, _ u1: Double, _ u2: Double,
                      _ z0: Double, _ z1: Double) -> (Double, Double) {
        switch kind {
        case .moons:
            let theta = Double.pi * u0, s = moonsNoise
            let (x, y) = i % 2 == 0 ? (cos(theta), sin(theta)) : (1 - cos(theta), 0.5 - sin(theta))
            // Mixture moments for uniform angles: mean (1/2, 1/4), var_x = 3/4,
            // var_y = 1/2 − 4/π² + (2/π − 1/4)²; the noise adds s² to each.
            let varY = 0.5 - 4 / (Double.pi * Double.pi) + (2 / Double.pi - 0.25) * (2 / Double.pi - 0.25)
            return ((x + s * z0 - 0.5) / (0.75 + s * s).squareRoot(),
                    (y + s * z1 - 0.25) / (varY + s * s).squareRoot())
        case .swissroll:
            let t = 1.5 * Double.pi * (1 + 2 * u0)
            return ((t * cos(t) + z0) / 5, (t * sin(t) + z1) / 5)
        case .eightGaussians:
            let k = min(7, Double(Int(8 * u0)))
            let angle = k * Double.pi / 4
            return (2 * cos(angle) + 0.2 * z0, 2 * sin(angle) + 0.2 * z1)
        case .checkerboard:
            // FFJORD: x1 ∈ [−2, 2); x2 ∈ [0, 1) or [−2, −1), shifted up by one on odd columns; then ×2 there.
            let x1 = 4 * u0 - 2
            let x2 = u1 - (u2 < 0.5 ? 0 : 2) + floor(x1).truncatingRemainder(dividingBy: 2).magnitude
            return (x1, x2)
        case .rings:
            let radius = 0.5 * Double(i % 4 + 1), angle = 2 * Double.pi * u0
            return (radius * cos(angle) + 0.05 * z0, radius * sin(angle) + 0.05 * z1)
        }
    }
}
