/// `dtr eval '-2 ^ 2'`: a program may start with `-`, so only eval's own options are read as
/// options; every other argument is the program (passed after `--` to the argument parser).
enum EvalArguments {
    /// The options `dtr eval` understands; everything else is program text.
    static let options: Set<String> = ["--allow-fs", "-h", "--help", "-help"]

    /// Rewrites `["eval", …]` so that arguments which are not eval options follow a `--`.
    /// An explicit `--` is honoured; with no program left, the parser still reports it missing.
    static func protect(_ args: [String]) -> [String] {
        guard args.first == "eval" else { return args }
        var flags: [String] = []
        var program: [String] = []
        var afterSeparator = false
        for a in args.dropFirst() {
            if afterSeparator {
                program.append(a)
            } else if a == "--" {
                afterSeparator = true
            } else if options.contains(a) {
                flags.append(a)
            } else {
                program.append(a)
            }
        }
        return ["eval"] + flags + (program.isEmpty ? [] : ["--"] + program)
    }
}
