/// Compile-time view of one function's variables (see ``ScopeAnalysis`` for the rules).
final class FunctionScope {
    /// The function's name (for diagnostics).
    let name: String
    let parent: FunctionScope?
    /// For each parameter, its cell index or -1.
    private(set) var parameterCells: [Int]
    /// Local slots per call.
    private(set) var frameSize = 0
    /// Cells per call.
    private(set) var cellCount = 0
    /// Locals that live in frame slots.
    var slots: [String: Int] = [:]
    /// Locals captured by inner functions (live in boxes).
    var cells: [String: Int] = [:]
    /// Variables this function captured from enclosing functions.
    var captures: [String: Int] = [:]
    var captureSources: [CaptureSource] = []
    /// Locals assigned so far in source order (reading a local before is an error).
    var assigned = Set<String>()
    /// Open loops (for `break`/`continue`).
    var loopDepth = 0
    /// Locals bound exactly once in the body (not parameters): a `fn NAME` among them
    /// always holds that one function, so the function may refer to itself without
    /// capturing NAME's cell (which would be a reference cycle, leaking the closure).
    var boundOnce = Set<String>()

    init(name: String, parent: FunctionScope?, parameters: [String], locals: [String], captured: Set<String>) {
        self.name = name
        self.parent = parent
        self.parameterCells = Array(repeating: -1, count: parameters.count)
        var cellCount = 0
        for (i, p) in parameters.enumerated() {
            slots[p] = i
            assigned.insert(p)
            if captured.contains(p) {
                cells[p] = cellCount
                parameterCells[i] = cellCount
                cellCount += 1
            }
        }
        var size = parameters.count
        for name in locals where slots[name] == nil && cells[name] == nil {
            if captured.contains(name) {
                cells[name] = cellCount
                cellCount += 1
            } else {
                slots[name] = size
                size += 1
            }
        }
        frameSize = size
        self.cellCount = cellCount
    }

    /// Whether the function binds `name` itself.
    func isLocal(_ name: String) -> Bool { cells[name] != nil || slots[name] != nil }

    /// How this function reaches `name`, or nil when it is global.
    func lookup(_ name: String) -> VarRef? {
        if let c = cells[name] { return .cell(c) }
        if let s = slots[name] { return .local(s) }
        if let c = captures[name] { return .capture(c) }
        guard let parent, let outer = parent.lookupForCapture(name) else { return nil }
        let index = captureSources.count
        captureSources.append(outer)
        captures[name] = index
        return .capture(index)
    }

    /// How an inner function captures `name` from this one, or nil when it is global.
    private func lookupForCapture(_ name: String) -> CaptureSource? {
        if let c = cells[name] { return .cell(c) }
        if slots[name] != nil { return nil }  // not captured by analysis: cannot happen
        switch lookup(name) {
        case .capture(let i)?: return .capture(i)
        default: return nil
        }
    }
}
