import CBLAS
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

typealias DgemmFn = @convention(c) (CBLAS_ORDER, CBLAS_TRANSPOSE, CBLAS_TRANSPOSE, blasint, blasint, blasint,
                                    Double, UnsafePointer<Double>?, blasint, UnsafePointer<Double>?, blasint,
                                    Double, UnsafeMutablePointer<Double>?, blasint) -> Void
typealias SgemmFn = @convention(c) (CBLAS_ORDER, CBLAS_TRANSPOSE, CBLAS_TRANSPOSE, blasint, blasint, blasint,
                                    Float, UnsafePointer<Float>?, blasint, UnsafePointer<Float>?, blasint,
                                    Float, UnsafeMutablePointer<Float>?, blasint) -> Void
typealias CorenameFn = @convention(c) () -> UnsafeMutablePointer<CChar>?
typealias ConfigFn = @convention(c) () -> UnsafeMutablePointer<CChar>?
typealias SetThreadsFn = @convention(c) (Int32) -> Void
typealias GetThreadsFn = @convention(c) () -> Int32

/// The OpenBLAS entry points, loaded with `dlopen` on first use.
///
/// Debian's OpenBLAS mis-detects some CPUs (e.g. picking "Prescott" kernels on AVX-512
/// machines, 5× slower). OpenBLAS reads `OPENBLAS_CORETYPE` in its load-time constructor,
/// so before loading we set it from the CPU flags (`CPUFeatures`) — unless the user already
/// set it, which is always respected.
struct BLAS: @unchecked Sendable {
    let dgemm: DgemmFn
    let sgemm: SgemmFn
    let coreName: String?
    /// The `OPENBLAS_CORETYPE` we set, or nil when the user's value (or none) was kept.
    let chosenCoreType: String?
    /// The name `dlopen` succeeded with (one of `libraryNames`).
    let name: String
    /// The file the library was loaded from (the mapping holding `cblas_dgemm`), else the name opened.
    let path: String
    /// `openblas_get_config()`: version and build options ("OpenBLAS 0.3.21 DYNAMIC_ARCH …").
    let config: String?
    /// `openblas_set_num_threads`, when dtr chooses the thread count per product (see
    /// ``BLASThreads``); nil when the user set `OPENBLAS_NUM_THREADS`/`OMP_NUM_THREADS`.
    let setThreads: SetThreadsFn?
    /// The threads OpenBLAS started with (its pool size).
    let maxThreads: Int

    /// Library names tried in order.
    static let libraryNames = ["libopenblas.so.0", "libopenblas.so", "libopenblas.dylib"]

    /// Loaded once, thread-safely (Swift initialises globals and static lets exactly once).
    static let shared: Result<BLAS, TensorError> = load()

    /// The loaded library or the error explaining why it is unavailable.
    static func get() throws(TensorError) -> BLAS { try shared.get() }

    static func load() -> Result<BLAS, TensorError> {
        var chosen: String? = nil
        if getenv("OPENBLAS_CORETYPE") == nil, let core = CPUFeatures.openBLASCoreType(for: CPUFeatures.flags) {
            setenv("OPENBLAS_CORETYPE", core, 0)
            chosen = core
        }
        var handle: UnsafeMutableRawPointer? = nil
        var opened = ""
        for name in libraryNames {
            handle = dlopen(name, RTLD_NOW | RTLD_GLOBAL)
            if handle != nil { opened = name; break }
        }
        guard let handle else {
            let reason = dlerror().map { String(cString: $0) } ?? "not found"
            return .failure(.invalidArgument("matmul needs OpenBLAS (libopenblas.so.0), which could not be loaded: \(reason). Install it, e.g. `apt-get install libopenblas0`."))
        }
        guard let d = dlsym(handle, "cblas_dgemm"), let s = dlsym(handle, "cblas_sgemm") else {
            return .failure(.invalidArgument("the loaded OpenBLAS lacks cblas_dgemm/cblas_sgemm"))
        }
        var core: String? = nil
        if let c = dlsym(handle, "openblas_get_corename") {
            let fn = unsafeBitCast(c, to: CorenameFn.self)
            core = fn().map { String(cString: $0) }
        }
        var config: String? = nil
        if let c = dlsym(handle, "openblas_get_config") {
            config = unsafeBitCast(c, to: ConfigFn.self)().map { String(cString: $0) }
        }
        let path = MappedFile.path(containing: UInt(bitPattern: d)) ?? opened
        var threads = 1
        if let g = dlsym(handle, "openblas_get_num_threads") { threads = Int(unsafeBitCast(g, to: GetThreadsFn.self)()) }
        var set: SetThreadsFn? = nil
        if getenv("OPENBLAS_NUM_THREADS") == nil, getenv("OMP_NUM_THREADS") == nil, threads > 1,
           let f = dlsym(handle, "openblas_set_num_threads") {
            set = unsafeBitCast(f, to: SetThreadsFn.self)
        }
        return .success(BLAS(dgemm: unsafeBitCast(d, to: DgemmFn.self), sgemm: unsafeBitCast(s, to: SgemmFn.self),
                             coreName: core, chosenCoreType: chosen, name: opened, path: path, config: config,
                             setThreads: set, maxThreads: Swift.max(1, threads)))
    }
}

extension Tensor {
    /// The OpenBLAS kernel family in use ("SkylakeX", "Haswell", …), loading OpenBLAS if
    /// needed; nil when it cannot be loaded.
    public static var blasCoreName: String? { (try? BLAS.get())?.coreName }
}
