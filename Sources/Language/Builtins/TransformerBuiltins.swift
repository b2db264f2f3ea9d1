import Tensor

extension Registry {
    /// What the tiny DiT of SPEC §5 ("A tiny DiT") needs beyond the tensor basics:
    /// `layer_norm eigh frechet_distance digits`. The model itself is `stdlib/dit.dtr`.
    static let transformerBuiltins: [Builtin] = [
        Builtin("layer_norm", [.required("x", .tensor), .optional("eps", .number, .number(1e-5))],
                help: """
                Layer normalisation over the last axis without a learned gain or bias (Ba, Kiros & Hinton 2016): \
                each row becomes (x − mean)/√(var + eps) with the biased variance, as \
                torch.nn.LayerNorm(C, elementwise_affine=False) (DiT's blocks use eps 1e-6). Keeps x's shape and \
                dtype; differentiable (grad follows it).
                """,
                example: "layer_norm([1, 2, 3], eps: 0)", expected: "f64[3] [-1.22474487  0.          1.22474487]") { a throws(Unwind) in
            let x = a.tensor(0), eps = a.number(1)
            return Value(try a.run { () throws(TensorError) in try Tensor.layerNorm(x, eps: eps) })
        },
        Builtin("eigh", [.required("a", .tensor)],
                help: """
                The eigendecomposition of a symmetric n×n matrix as the list [values, vectors]: eigenvalues in \
                ascending order and the matching unit eigenvectors as the columns of vectors, so \
                a = vectors @ diag(values) @ transpose(vectors). As numpy.linalg.eigh, reading the lower triangle; \
                LAPACK's dsyevd from OpenBLAS, in f64. Eigenvectors are unique only up to sign.
                """,
                example: "eigh([[2, 1], [1, 2]])[0]", expected: "f64[2] [1 3]") { a throws(Unwind) in
            let m = a.tensor(0)
            let (w, v) = try a.run { () throws(TensorError) in try Tensor.eigh(m) }
            return .list([Value(w), Value(v)])
        },
        Builtin("frechet_distance", [.required("a", .tensor), .required("b", .tensor)],
                help: """
                The Fréchet distance between Gaussians fitted to two samples of feature vectors (one per row, \
                n×d and m×d, at least 2 rows each): ‖μ_a − μ_b‖² + tr(Σ_a + Σ_b − 2·(Σ_a Σ_b)^½) with unbiased \
                covariances — the formula behind FID (Heusel et al., NeurIPS 2017), here for any features (notebook \
                07 uses a digit classifier's penultimate layer, "FD-digits"). The matrix square root goes \
                through eigh. 0 for identical samples; lower is closer.
                """,
                example: "frechet_distance([[0, 0], [2, 2]], [[1, 0], [3, 2]])  # the means differ by 1") { a throws(Unwind) in
            let x = a.tensor(0), y = a.tensor(1)
            return .number(try a.run { () throws(TensorError) in try Tensor.frechetDistance(x, y) })
        },
        Builtin("digits", [.optional("split", .string, .string("train"))],
                help: """
                The 8×8 handwritten digits (1,797 images of the UCI "optdigits" test set, Alpaydin & Kaynak 1998, \
                as shipped in scikit-learn's load_digits; CC BY 4.0) as a record {images: n×8×8 in [−1, 1] \
                (grey level/8 − 1), labels: n digits 0…9}. A fixed 80/20 split of a fixed shuffle: \
                split "train" is 1,437 images, "test" 360, "all" 1,797. Stored in stdlib/data/digits.npy \
                (written by scripts/make_digits.py).
                """,
                example: "d = digits(split: \"test\")\nshape(d.images)", expected: "[360, 8, 8]") { a throws(Unwind) in
            let split = try a.choice(0, "split", ["train", "test", "all"])
            return try DigitsData.record(split, a)
        },
    ]
}

/// The digits table of `stdlib/data/digits.npy`: 1,797 rows of 64 grey levels (0…16) and a label.
enum DigitsData {
    static let rows = 1797, train = 1437

    static func record(_ split: String, _ a: Args) throws(Unwind) -> Value {
        guard let dir = StandardLibrary.directory else {
            throw a.fail("digits needs dtr's stdlib folder (set DTR_STDLIB), which was not found")
        }
        let access = FileAccess(root: dir, allowOutside: true)
        let bytes: [UInt8]
        do throws(FileAccessError) { bytes = try access.read("data/digits.npy") } catch {
            throw a.fail("cannot read \(dir)/data/digits.npy: \(error)")
        }
        let table: Tensor
        do throws(DataFileError) { table = try NumpyFile.decode(bytes) } catch {
            throw a.fail("cannot decode \(dir)/data/digits.npy: \(error.message)")
        }
        guard table.shape == [rows, 65] else {
            throw a.fail("\(dir)/data/digits.npy has shape \(Shape.describe(table.shape)), expected [1797, 65]")
        }
        let range = split == "train" ? 0..<train : split == "test" ? train..<rows : 0..<rows
        let v = table.toArray()
        var pixels: [Double] = [], labels: [Double] = []
        pixels.reserveCapacity(range.count * 64)
        for r in range {
            for j in 0..<64 { pixels.append(v[r * 65 + j] / 8 - 1) }
            labels.append(v[r * 65 + 64])
        }
        return try a.run { () throws(TensorError) -> Value in
            .record(Record([("images", Value(try Tensor(pixels, shape: [range.count, 8, 8]))),
                            ("labels", Value(try Tensor(labels, shape: [range.count])))]))
        }
    }
}

extension GradDispatch {
    /// `layer_norm(x, eps:)` with x tracked.
    static func layerNorm(_ a: Args) throws(Unwind) -> Value {
        let x = try v(a, 0), eps = a.number(1)
        return .tracked(try a.run { () throws(TensorError) in try Variable.layerNorm(x, eps: eps) })
    }
}
