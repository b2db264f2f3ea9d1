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
    static let thread: Bool = dlsym(searchEverything, "__tsan_init") != nil

    /// `RTLD_DEFAULT`: a null handle on glibc, `(void *)-2` on Darwin.
    #if canImport(Darwin)
    private static var searchEverything: UnsafeMutableRawPointer? { UnsafeMutableRawPointer(bitPattern: -2) }
    #else
    private static var searchEverything: UnsafeMutableRawPointer? { nil }
    #endif
}
