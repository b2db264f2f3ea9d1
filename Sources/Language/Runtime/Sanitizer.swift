#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the process was built with, for the few limits a sanitizer needs changed.
enum Sanitizer {
    /// Whether this process runs under ThreadSanitizer (its runtime exports `__tsan_init`).
    ///
    /// TSan records every instrumented call on a fixed per-thread shadow stack of 65,536
    /// entries (compiler-rt's `kShadowStackSize`) and crashes past it, however big the real
    /// stack is; so under TSan the evaluator's recursion limit is lowered to fit
    /// (see ``Context/maxDepth``).
    static let thread: Bool = dlsym(nil, "__tsan_init") != nil
}
