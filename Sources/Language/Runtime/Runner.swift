#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs evaluation on a thread with a large stack, so deep (but limited) dtr recursion
/// and deeply nested expressions end in diagnostics, never in a stack overflow.
enum Runner {
    /// Stack size of the evaluation thread (address space is reserved, not committed).
    static let stackSize = 1 << 30

    private final class Job {
        let work: () -> Void
        init(_ work: @escaping () -> Void) { self.work = work }
    }

    /// Runs `work` on a fresh big-stack thread and waits for it. Falls back to the calling
    /// thread if a thread cannot be created.
    static func runOnBigStack(_ work: @escaping () -> Void) {
        var attr = pthread_attr_t()
        pthread_attr_init(&attr)
        defer { pthread_attr_destroy(&attr) }
        guard pthread_attr_setstacksize(&attr, stackSize) == 0 else { work(); return }
        let job = Unmanaged.passRetained(Job(work))
        #if canImport(Glibc)
        var thread = pthread_t()
        #else
        var thread: pthread_t? = nil
        #endif
        let rc = pthread_create(&thread, &attr, { raw in
            guard let raw else { return nil }
            let job = Unmanaged<Job>.fromOpaque(raw).takeRetainedValue()
            job.work()
            return nil
        }, job.toOpaque())
        guard rc == 0 else {
            job.takeRetainedValue().work()
            return
        }
        #if canImport(Glibc)
        pthread_join(thread, nil)
        #else
        if let thread { pthread_join(thread, nil) }
        #endif
    }
}
