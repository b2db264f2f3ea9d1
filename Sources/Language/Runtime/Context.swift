import Tensor

/// A captured variable: a local that an inner function refers to lives in a box shared by
/// the frame and every closure that captured it.
final class Box {
    var value: Value
    init(_ value: Value) { self.value = value }
}

/// The evaluator's machine state while a program runs: the value stack holding every
/// active call's locals, the global slots, the current closure environment and the call
/// depth. One per ``Session``; used by one thread at a time.
final class Context {
    /// Most nested dtr calls allowed before "recursion too deep": 10,000 (on the evaluation
    /// thread's 1 GiB stack); 6,000 under ThreadSanitizer, whose 65,536-entry shadow call stack
    /// would overflow first (each dtr call is several instrumented Swift frames).
    static let maxDepth = Sanitizer.thread ? 6_000 : 10_000
    /// Values on the stack (all frames together).
    static let stackCapacity = 1 << 21

    /// Current frame's first slot.
    var fp: UnsafeMutablePointer<Value>
    /// First free slot above the current frame.
    var sp: UnsafeMutablePointer<Value>
    let stackBase: UnsafeMutablePointer<Value>
    let stackEnd: UnsafeMutablePointer<Value>
    /// Global slots (see ``Globals``); re-read after anything that may add globals.
    var globals: UnsafeMutablePointer<Value>
    /// Whether each global slot has been assigned (parallel to `globals`).
    var defined: UnsafeMutablePointer<Bool>
    /// Cells of the current frame (locals captured by inner functions).
    var cells: [Box] = []
    /// Captured variables of the running closure.
    var captures: [Box] = []
    /// Active dtr calls.
    var depth = 0
    /// Active `grad` evaluations: builtins check for tracked arguments only while it is > 0.
    var gradDepth = 0
    /// Counts loop iterations and calls; the interrupt flag is polled every 256 ticks.
    var tick = 0
    /// The value of the `return` being unwound.
    var returnValue: Value = .none
    /// Functions that were bound to globals when top-level code started running inside a
    /// run (`load`); kept alive until the run ends, because calls through a global name do
    /// not retain the closure (see ``Context/globalFunction(_:)``).
    var pinned: [Value] = []
    /// The session (output, files, registry, `load`).
    unowned(unsafe) let session: Session

    init(session: Session, globals: Globals) {
        self.session = session
        self.globals = globals.slots
        self.defined = globals.defined
        stackBase = UnsafeMutablePointer<Value>.allocate(capacity: Context.stackCapacity)
        stackEnd = stackBase + Context.stackCapacity
        fp = stackBase
        sp = stackBase
    }

    deinit { stackBase.deallocate() }

    /// Re-reads the global slot pointers after new globals may have moved them.
    func refresh(_ g: Globals) {
        globals = g.slots
        defined = g.defined
    }

    /// Keeps every function currently bound to a global alive until ``unpin()``: call
    /// before running top-level code that may rebind globals while calls are active.
    func pinGlobalFunctions(_ g: Globals) {
        for i in 0..<g.names.count {
            if case .function = g.slots[i] { pinned.append(g.slots[i]) }
        }
    }

    /// Releases the pinned functions (when no call is active any more).
    func unpin() { pinned = [] }

    /// Puts the machine back at the top level. Calls clean up their frames while unwinding,
    /// so this only resets the registers.
    func resetToTopLevel() {
        fp = stackBase
        sp = stackBase
        cells = []
        captures = []
        depth = 0
        gradDepth = 0
        returnValue = .none
    }
}
