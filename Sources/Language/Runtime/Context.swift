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
    /// Most nested dtr calls allowed before "recursion too deep".
    static let maxDepth = 10_000
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
    /// Counts loop iterations and calls; the interrupt flag is polled every 256 ticks.
    var tick = 0
    /// The value of the `return` being unwound.
    var returnValue: Value = .none
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

    /// Puts the machine back at the top level. Calls clean up their frames while unwinding,
    /// so this only resets the registers.
    func resetToTopLevel() {
        fp = stackBase
        sp = stackBase
        cells = []
        captures = []
        depth = 0
        returnValue = .none
    }
}
