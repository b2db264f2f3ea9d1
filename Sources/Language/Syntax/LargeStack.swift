#if canImport(Glibc)
import Glibc
#endif

/// Runs deeply recursive work (parsing, and tree walks that follow the AST's nesting) on a
/// thread with a large stack, so the nesting limits — not the calling thread's stack size
/// (512 KB on Swift concurrency's threads) — decide how deep user programs may nest.
enum LargeStack {
    /// The stack size used by ``run(bytes:_:)`` unless told otherwise.
    static let defaultBytes = 64 << 20

    /// Runs `body` on a fresh thread with a `bytes`-sized stack and waits for its result.
    /// Falls back to running on the current thread if a thread cannot be created.
    static func run<T>(bytes: Int = defaultBytes, _ body: () -> T) -> T {
        #if canImport(Glibc)
        return withoutActuallyEscaping(body) { escapable -> T in
            var result: T? = nil
            let work = ThreadWork { result = escapable() }
            var attributes = pthread_attr_t()
            pthread_attr_init(&attributes)
            defer { pthread_attr_destroy(&attributes) }
            pthread_attr_setstacksize(&attributes, bytes)
            var thread = pthread_t()
            let context = Unmanaged.passRetained(work).toOpaque()
            let status = pthread_create(&thread, &attributes, { raw in
                guard let raw else { return nil }
                Unmanaged<ThreadWork>.fromOpaque(raw).takeRetainedValue().body()
                return nil
            }, context)
            if status == 0 {
                pthread_join(thread, nil)
            } else {
                Unmanaged<ThreadWork>.fromOpaque(context).release()
                work.body()
            }
            if let result { return result }
            return escapable()  // unreachable in practice: the thread always sets `result`
        }
        #else
        return body()
        #endif
    }
}

/// The closure handed to the large-stack thread. It is run exactly once, by one thread at a
/// time (the caller waits in `pthread_join`), so the unchecked `Sendable` is sound.
private final class ThreadWork: @unchecked Sendable {
    let body: () -> Void
    init(_ body: @escaping () -> Void) { self.body = body }
}
