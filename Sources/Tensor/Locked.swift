#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A value guarded by a pthread mutex — `Synchronization.Mutex`'s interface, but on the lock
/// ThreadSanitizer intercepts. TSan does not see `Mutex`'s futex-based locking (the standard
/// library is not instrumented), so it reported accesses inside `withLock` as data races;
/// with this lock `scripts/sanitize.sh thread` checks the real ordering.
public final class Locked<Value: ~Copyable>: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var value: Value

    /// A lock guarding `value` (`sending`, as with `Mutex`: no one else keeps a reference to it).
    public init(_ value: consuming sending Value) {
        self.value = value
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Runs `body` with exclusive access to the value. As with `Mutex`, the value and the result
    /// are `sending`, so no reference into the guarded state escapes the lock.
    public func withLock<R: ~Copyable, E: Error>(_ body: (inout sending Value) throws(E) -> sending R) throws(E) -> sending R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
