import Diffusion
import Tensor

extension Registry {
    /// Toy data, sample metrics and parameter-tree helpers for training in dtr (SPEC §5
    /// "Learning"): `toy2d energy_distance mmd tree_map tree_leaves`. The models, optimisers and
    /// samplers built on them are written in dtr, in `stdlib/nn.dtr`, `optim.dtr` and
    /// `samplers.dtr`.
    static let learningBuiltins: [Builtin] = [
        Builtin("toy2d", [.required("name", .string), .required("n", .integer), .optional("seed", .integer, .number(0))],
                help: """
                n points of a 2-D toy data set as an n×2 f64 tensor, the same for the same seed (default 0; \
                the global generator is not used). The shapes of FFJORD's toy_data.py (Grathwohl et al., ICLR 2019) and \
                scikit-learn, at dtr's own scales: "moons" (two interleaving half circles, noise 0.05, scaled to unit std per axis), \
                "swissroll" (make_swiss_roll with noise 1, coordinates (x, z)/5), "8gaussians" (8 modes on a \
                circle of radius 2, std 0.2), "checkerboard" (uniform on the 8 dark squares of a 4×4 board on \
                [−2, 2]²), "rings" (4 concentric circles of radii 0.5, 1, 1.5, 2, noise 0.05). Points are drawn \
                independently, so the first rows of a larger sample are a smaller sample.
                """,
                example: "x = toy2d(\"8gaussians\", 1000, seed: 1)\nshape(x)", expected: "[1000, 2]") { a throws(Unwind) in
            let name = try a.choice(0, "toy data set", Toy2D.names)
            let n = try a.count(1, "n (the number of points)")
            try a.checkLength(n.multipliedReportingOverflow(by: 5).overflow ? Int.max : n * 5, at: 1)
            let seed = seedArgument(a, 2) ?? 0
            return Value(try a.run(at: 1) { () throws(TensorError) in try Toy2D.sample(name, n: n, seed: seed) })
        },
        Builtin("energy_distance", [.required("a", .tensor), .required("b", .tensor), .optional("unbiased", .bool, .bool(false))],
                help: """
                The squared energy distance between two samples (Székely & Rizzo 2013), one point per row \
                (n×d and m×d; a 1-D tensor is n scalars): D² = 2·E|X − Y| − E|X − X′| − E|Y − Y′|. By default \
                the V-statistic (means over all pairs, diagonal included, as the dcor package): the energy \
                distance between the two empirical distributions, ≥ 0 and 0 only for identical samples. \
                `unbiased: true` leaves the diagonal out of the within-sample means (U-statistics): an unbiased \
                estimate, about 0 (possibly below) for two samples of one distribution. Lower is closer; \
                O(n·m) time, about a second for n = m = 20 000.
                """,
                example: "energy_distance([[0, 0]], [[3, 4]])", expected: "10") { a throws(Unwind) in
            let x = a.tensor(0), y = a.tensor(1), unbiased = a.bool(2)
            return .number(try a.run { () throws(TensorError) in try SampleDistance.energy(x, y, unbiased: unbiased) })
        },
        Builtin("mmd", [.required("a", .tensor), .required("b", .tensor), .optional("bandwidth", .number, .number(1)),
                        .optional("unbiased", .bool, .bool(false))],
                help: """
                The squared maximum mean discrepancy between two samples (Gretton et al., JMLR 2012), one point \
                per row, with the RBF kernel k(x, y) = exp(−|x − y|²/(2h²)), h = `bandwidth` (default 1): \
                E k(X, X′) + E k(Y, Y′) − 2·E k(X, Y). V-statistic by default (≥ 0), the unbiased U-statistic \
                with `unbiased: true`, as `energy_distance`.
                """,
                example: "mmd([[0, 0]], [[0, 0]])", expected: "0") { a throws(Unwind) in
            let x = a.tensor(0), y = a.tensor(1), h = a.number(2), unbiased = a.bool(3)
            guard h > 0, h.isFinite else { throw a.fail("bandwidth must be positive, got \(NumberFormat.format(h))", at: 2) }
            return .number(try a.run { () throws(TensorError) in try SampleDistance.mmd(x, y, bandwidth: h, unbiased: unbiased) })
        },
        Builtin("tree_map", [.required("f", .function), .required("tree", .any), .variadic("trees")],
                help: """
                Applies f to every leaf of a parameter tree — records and lists nested in any way, leaves being \
                tensors, numbers or anything else — and returns a tree of the same structure (as JAX's \
                tree_map). With more trees of the same structure, f receives the matching leaves of each: \
                `tree_map((p, g) => p - 0.1 * g, params, grads)` is one step of gradient descent.
                """,
                example: "tree_map((p, g) => p - 0.5 * g, {w: [1, 2], b: 3}, {w: [2, 2], b: 2})",
                expected: "{w: [0 1], b: 2}") { a throws(Unwind) in
            try TreeMap(args: a).map(a.value(1), a.list(2), path: "", depth: 0)
        },
        Builtin("tree_leaves", [.required("tree", .any)],
                help: """
                The leaves of a parameter tree (records and lists nested in any way) as a list, in field and \
                item order — the order `tree_map` visits them. Handy for counting parameters or a global \
                gradient norm: `sqrt(sum(map(tree_leaves(g), x => sum(x ^ 2))))`.
                """,
                example: "tree_leaves({w: [1, 2], layers: [{b: 3}, {b: 4}]})", expected: "[[1 2], 3, 4]") { a throws(Unwind) in
            var leaves: [Value] = []
            try TreeMap(args: a).collect(a.value(0), into: &leaves, depth: 0)
            return .list(leaves)
        },
    ]
}

/// The recursive walk of `tree_map`, with the path of the current leaf for error messages.
private struct TreeMap {
    let args: Args
    /// Nesting deeper than this is refused (a value built in a loop could be arbitrarily deep).
    static let maxDepth = 200

    func collect(_ tree: Value, into leaves: inout [Value], depth: Int) throws(Unwind) {
        guard depth < Self.maxDepth else {
            throw args.fail("the tree is nested more than \(Self.maxDepth) levels deep")
        }
        switch tree {
        case .record(let r): for v in r.values { try collect(v, into: &leaves, depth: depth + 1) }
        case .list(let items): for v in items { try collect(v, into: &leaves, depth: depth + 1) }
        default: leaves.append(tree)
        }
    }

    func map(_ tree: Value, _ others: [Value], path: String, depth: Int) throws(Unwind) -> Value {
        guard depth < Self.maxDepth else {
            throw args.fail("tree_map: the tree is nested more than \(Self.maxDepth) levels deep")
        }
        let at = path.isEmpty ? "" : " at \(path)"
        switch tree {
        case .record(let r):
            var out = Record()
            for (name, value) in r.fields {
                var matching: [Value] = []
                for (k, o) in others.enumerated() {
                    guard case .record(let other) = o else {
                        throw args.fail("tree_map: tree \(k + 2) has a \(o.typeName)\(at) where tree 1 has a record")
                    }
                    guard let v = other[name] else {
                        throw args.fail("tree_map: tree \(k + 2) has no field \"\(name)\"\(at)")
                    }
                    matching.append(v)
                }
                out[name] = try map(value, matching, path: path + "." + name, depth: depth + 1)
            }
            for (k, o) in others.enumerated() {
                if case .record(let other) = o, other.names.count != r.names.count {
                    throw args.fail("tree_map: tree \(k + 2) has \(other.names.count) fields\(at), tree 1 has \(r.names.count)")
                }
            }
            return .record(out)
        case .list(let items):
            var out: [Value] = []
            out.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                var matching: [Value] = []
                for (k, o) in others.enumerated() {
                    guard case .list(let other) = o else {
                        throw args.fail("tree_map: tree \(k + 2) has a \(o.typeName)\(at) where tree 1 has a list")
                    }
                    guard other.count == items.count else {
                        throw args.fail("tree_map: tree \(k + 2) has a list of \(other.count) items\(at), tree 1 has \(items.count)")
                    }
                    matching.append(other[i])
                }
                out.append(try map(item, matching, path: path + "[\(i)]", depth: depth + 1))
            }
            return .list(out)
        default:
            return try args.call(args.value(0), [tree] + others)
        }
    }
}
