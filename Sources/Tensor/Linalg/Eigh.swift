#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// LAPACK's divide-and-conquer symmetric eigensolver, Fortran calling convention.
typealias DsyevdFn = @convention(c) (UnsafePointer<CChar>?, UnsafePointer<CChar>?, UnsafePointer<Int32>?,
                                     UnsafeMutablePointer<Double>?, UnsafePointer<Int32>?, UnsafeMutablePointer<Double>?,
                                     UnsafeMutablePointer<Double>?, UnsafePointer<Int32>?, UnsafeMutablePointer<Int32>?,
                                     UnsafePointer<Int32>?, UnsafeMutablePointer<Int32>?, Int, Int) -> Void

/// `dsyevd_` from the OpenBLAS that ``BLAS`` loaded (Debian's libopenblas bundles LAPACK).
enum LAPACK {
    static let dsyevd: Result<DsyevdFn, TensorError> = {
        // BLAS loads OpenBLAS with RTLD_GLOBAL, so its symbols are found in the global scope
        // (a nil handle is RTLD_DEFAULT) without opening the library a second time.
        if case .failure(let e) = BLAS.shared { return .failure(e) }
        if let f = dlsym(nil, "dsyevd_") { return .success(unsafeBitCast(f, to: DsyevdFn.self)) }
        return .failure(.invalidArgument("eigh needs LAPACK's dsyevd_, which the loaded OpenBLAS does not export"))
    }()
}

extension Tensor {
    /// Eigenvalues (ascending) and eigenvectors (the columns of the second tensor) of the
    /// symmetric n×n matrix `a`, as numpy.linalg.eigh with the lower triangle (LAPACK dsyevd,
    /// computed in f64; results in a's dtype).
    public static func eigh(_ a: Tensor) throws(TensorError) -> (values: Tensor, vectors: Tensor) {
        guard a.rank == 2, a.shape[0] == a.shape[1] else {
            throw .invalidArgument("eigh needs a square n×n matrix, got shape \(Shape.describe(a.shape))")
        }
        let n = a.shape[0]
        guard n > 0 else { return (try Tensor(uninitialized: [0], dtype: a.dtype), try Tensor(uninitialized: [0, 0], dtype: a.dtype)) }
        guard n <= 46_340 else { throw .invalidArgument("eigh supports matrices up to 46340×46340, got \(n)×\(n)") }
        let fn = try LAPACK.dsyevd.get()
        // Row-major a is column-major aᵀ; LAPACK's "U" of aᵀ is numpy's lower triangle "L" of a.
        var m = try a.converted(to: .f64).contiguousCopy().toArray()
        guard m.allSatisfy({ $0.isFinite }) else { throw .invalidArgument("eigh needs finite values") }
        var w = [Double](repeating: 0, count: n)
        var nn = Int32(n), lda = Int32(n), info: Int32 = 0
        var lwork: Int32 = -1, liwork: Int32 = -1
        var wq = 0.0, iq: Int32 = 0
        let jobz: [CChar] = [86, 0], uplo: [CChar] = [85, 0] // "V", "U"
        fn(jobz, uplo, &nn, &m, &lda, &w, &wq, &lwork, &iq, &liwork, &info, 1, 1)
        guard info == 0 else { throw .invalidArgument("eigh: LAPACK workspace query failed (info \(info))") }
        lwork = Int32(wq.rounded(.up)); liwork = max(iq, 1)
        var work = [Double](repeating: 0, count: Int(max(lwork, 1)))
        var iwork = [Int32](repeating: 0, count: Int(liwork))
        fn(jobz, uplo, &nn, &m, &lda, &w, &work, &lwork, &iwork, &liwork, &info, 1, 1)
        guard info == 0 else { throw .invalidArgument("eigh did not converge (LAPACK info \(info))") }
        // LAPACK wrote eigenvector j as column j in column-major order: row-major that is row j.
        let rowsAreVectors = try Tensor(m, shape: [n, n])
        return (try Tensor(w, shape: [n]).converted(to: a.dtype),
                try rowsAreVectors.transpose(axes: [1, 0]).contiguous().converted(to: a.dtype))
    }

    /// The Fréchet distance between Gaussians fitted to two samples (one point per row,
    /// n×d and m×d, n, m ≥ 2): ‖μ_a − μ_b‖² + tr(Σ_a) + tr(Σ_b) − 2·tr((Σ_a Σ_b)^½), with
    /// unbiased covariances (numpy.cov) — the FID formula of Heusel et al., NeurIPS 2017.
    /// tr((Σ_a Σ_b)^½) is Σ √λ_i over the eigenvalues of the symmetric Σ_a^½ Σ_b Σ_a^½,
    /// with Σ_a^½ from `eigh` (eigenvalues below 0 from rounding taken as 0). Computed in f64.
    public static func frechetDistance(_ a: Tensor, _ b: Tensor) throws(TensorError) -> Double {
        guard a.rank == 2, b.rank == 2, a.shape[1] == b.shape[1] else {
            throw .invalidArgument("frechet_distance needs two n×d sample matrices with the same d, got \(Shape.describe(a.shape)) and \(Shape.describe(b.shape))")
        }
        guard a.shape[0] >= 2, b.shape[0] >= 2 else {
            throw .invalidArgument("frechet_distance needs at least 2 points per sample for a covariance")
        }
        let (ma, ca) = try meanAndCovariance(a), (mb, cb) = try meanAndCovariance(b)
        let d = ma.count
        var dist = 0.0
        for j in 0..<d { dist += (ma[j] - mb[j]) * (ma[j] - mb[j]) + ca[j * d + j] + cb[j * d + j] }
        let (wa, va) = try eigh(Tensor(ca, shape: [d, d]))
        let lam = wa.toArray().map { max($0, 0).squareRoot() }
        let v = try va.contiguous().toArray()
        var root = [Double](repeating: 0, count: d * d)   // Σ_a^½ = V·diag(√λ)·Vᵀ
        for i in 0..<d { for k in 0..<d where lam[k] != 0 {
            let s = v[i * d + k] * lam[k]
            for j in 0..<d { root[i * d + j] += s * v[j * d + k] }
        } }
        let r = try Tensor(root, shape: [d, d]), cbT = try Tensor(cb, shape: [d, d])
        let inner = try matmul(matmul(r, cbT), r).toArray()
        var sym = inner
        for i in 0..<d { for j in 0..<d { sym[i * d + j] = 0.5 * (inner[i * d + j] + inner[j * d + i]) } }
        let (wi, _) = try eigh(Tensor(sym, shape: [d, d]))
        for x in wi.toArray() { dist -= 2 * max(x, 0).squareRoot() }
        return dist
    }

    /// Column means and the unbiased d×d covariance of the rows of x.
    static func meanAndCovariance(_ x: Tensor) throws(TensorError) -> ([Double], [Double]) {
        let n = x.shape[0], d = x.shape[1]
        let v = try x.converted(to: .f64).contiguous().toArray()
        guard v.allSatisfy({ $0.isFinite }) else { throw .invalidArgument("frechet_distance needs finite values") }
        var mu = [Double](repeating: 0, count: d)
        for i in 0..<n { for j in 0..<d { mu[j] += v[i * d + j] } }
        for j in 0..<d { mu[j] /= Double(n) }
        var centred = v
        for i in 0..<n { for j in 0..<d { centred[i * d + j] -= mu[j] } }
        let c = try Tensor(centred, shape: [n, d])
        let cov = try matmul(c.transpose(axes: [1, 0]), c).toArray().map { $0 / Double(n - 1) }
        return (mu, cov)
    }
}
