/// `dtr eval '-2 ^ 2'`: a program may start with `-`, so only eval's own options are read as
/// options; every other argument is the program (passed after `--` to the argument parser).
enum EvalArguments {
    /// The options `dtr eval` understands; everything else is program text.
    static let options: Set<String> = ["--allow-fs", "-h", "--help", "-help"]
    /// The options `dtr eval` understands that take a value (`--max-memory 2G` or `--max-memory=2G`).
    static let valueOptions: Set<String> = ["--max-memory"]

    /// Rewrites `["eval", …]` so that arguments which are not eval options follow a `--`.
    /// An explicit `--` is honoured; with no program left, the parser still reports it missing.
    static func protect(_ args: [String]) -> [String] {
        guard args.first == "eval" else { return args }
        var flags: [String] = []
        var program: [String] = []
        var afterSeparator = false
        var takesValue = false
        for a in args.dropFirst() {
            if takesValue {
                flags.append(a)
                takesValue = false
            } else if afterSeparator {
                program.append(a)
            } else if a == "--" {
                afterSeparator = true
            } else if options.contains(a) {
                flags.append(a)
            } else if valueOptions.contains(a) {
                flags.append(a)
                takesValue = true
            } else if let name = a.split(separator: "=", maxSplits: 1).first, a.contains("="),
                      valueOptions.contains(String(name)) {
                flags.append(a)
            } else {
                program.append(a)
            }
        }
        return ["eval"] + flags + (program.isEmpty ? [] : ["--"] + program)
    }
}
