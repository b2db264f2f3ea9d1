/// The top-level bindings of a session: a name table used at resolve time and a slot
/// array read by index at run time. Shared by every cell, REPL entry and loaded file.
///
/// A slot that was never assigned holds `none` and is marked undefined; reading it is an
/// "unknown name" error (checked only when the slot holds `none`, so reads stay cheap).
final class Globals {
    private(set) var names: [String] = []
    private var index: [String: Int] = [:]
    private(set) var slots: UnsafeMutablePointer<Value>
    private(set) var defined: UnsafeMutablePointer<Bool>
    private var capacity: Int

    init(capacity: Int = 1024) {
        self.capacity = capacity
        slots = UnsafeMutablePointer<Value>.allocate(capacity: capacity)
        slots.initialize(repeating: .none, count: capacity)
        defined = UnsafeMutablePointer<Bool>.allocate(capacity: capacity)
        defined.initialize(repeating: false, count: capacity)
    }

    deinit {
        slots.deinitialize(count: capacity)
        slots.deallocate()
        defined.deallocate()
    }

    /// Sets every slot to `none`, releasing the values (see `Session.deinit`).
    func releaseValues() {
        for i in 0..<capacity { slots[i] = .none }
    }

    /// The slot of `name`, creating an undefined one if needed. May move `slots`.
    func slot(for name: String) -> Int {
        if let i = index[name] { return i }
        let i = names.count
        if i == capacity { grow() }
        names.append(name)
        index[name] = i
        return i
    }

    /// The slot of `name` if it has one.
    func existingSlot(_ name: String) -> Int? { index[name] }

    /// The value bound to `name`, if defined.
    func value(of name: String) -> Value? {
        guard let i = index[name], defined[i] else { return nil }
        return slots[i]
    }

    /// Binds `name` to `value`.
    func set(_ name: String, _ value: Value) {
        let i = slot(for: name)
        slots[i] = value
        defined[i] = true
    }

    /// Names currently bound.
    var definedNames: [String] { names.indices.filter { defined[$0] }.map { names[$0] } }

    private func grow() {
        let newCapacity = capacity * 2
        let newSlots = UnsafeMutablePointer<Value>.allocate(capacity: newCapacity)
        newSlots.moveInitialize(from: slots, count: capacity)
        (newSlots + capacity).initialize(repeating: .none, count: newCapacity - capacity)
        let newDefined = UnsafeMutablePointer<Bool>.allocate(capacity: newCapacity)
        newDefined.moveInitialize(from: defined, count: capacity)
        (newDefined + capacity).initialize(repeating: false, count: newCapacity - capacity)
        slots.deallocate()
        defined.deallocate()
        slots = newSlots
        defined = newDefined
        capacity = newCapacity
    }
}
