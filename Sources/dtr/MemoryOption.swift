import ArgumentParser
import Language

/// `--max-memory SIZE`: the largest tensor a program may allocate (default: half of
/// physical memory). Past it, an allocation is the diagnostic "tensor needs …, more than
/// the memory limit of …". Strings and lists are capped below it too.
struct MemoryOption: ParsableArguments {
    @Option(name: .customLong("max-memory"), help: ArgumentHelp(
        "Largest tensor allocation: bytes with a unit (512M, 2G) or a share of physical memory (25%). Default: 50%.",
        valueName: "SIZE"))
    var maxMemory: String?

    func validate() throws {
        if let maxMemory, ValueLimits.parseMemorySize(maxMemory) == nil {
            throw ValidationError("--max-memory expects a size such as 512M, 2G or 25%, got \"\(maxMemory)\"")
        }
    }

    /// Installs the limit (call before running anything).
    func apply() {
        if let maxMemory, let bytes = ValueLimits.parseMemorySize(maxMemory) { ValueLimits.memoryLimit = bytes }
    }
}
