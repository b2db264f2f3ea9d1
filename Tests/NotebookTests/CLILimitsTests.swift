import Foundation
import Testing

/// The memory limit under the limits shared servers and containers set, and plot errors,
/// through the built executable (issue #14).
@Suite("dtr under limits")  // a missing binary fails: Process.run throws
struct CLILimitsTests {
    /// Runs `dtr ARGS` under `ulimit -v kib` in a shell.
    static func underAddressLimit(_ kib: Int, _ arguments: [String], in folder: URL) throws -> DTRBinary.Result {
        let quoted = arguments.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        return try DTRBinary.run(["-c", "ulimit -v \(kib) && exec '\(DTRBinary.path)' \(quoted)"], in: folder,
                                 executable: "/bin/sh")
    }

    @Test func aTensorBeyondTheAddressSpaceLimitIsTheMemoryLimitError() throws {
        let folder = try ScratchFolder()
        let result = try Self.underAddressLimit(3_000_000, ["eval", "a = zeros([25000, 25000]); shape(a)"], in: folder.url)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("error: tensor needs 4.7 GiB, more than the memory limit of "), "\(result.stderr)")
        #expect(!result.stderr.contains("Fatal error"))
        // The limit reported is below the 2.9 GiB address space, not half of physical memory.
        let limit = result.stderr.split(separator: "\n").first.map(String.init) ?? ""
        #expect(limit.hasSuffix("GiB") || limit.hasSuffix("MiB"))
        if let number = Double(limit.split(separator: " ").dropLast().last ?? ""), limit.hasSuffix("GiB") {
            #expect(number < 2.9, "\(limit)")
        }
    }

    @Test func allocationsThatFitTheLimitButNotTogetherAreTheMemoryLimitErrorToo() throws {
        let folder = try ScratchFolder()
        // Each tensor (1.1 GiB) is under the limit; the third cannot be mapped.
        let program = "a = zeros([12000, 12000]); b = ones([12000, 12000]); c = ones([12000, 12000]); shape(c)"
        let result = try Self.underAddressLimit(3_000_000, ["eval", program], in: folder.url)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("error: tensor needs 1.1 GiB, more than the memory"), "\(result.stderr)")
        #expect(result.stderr.contains("memory limit"))
        #expect(!result.stderr.contains("Fatal error"))
    }

    @Test func theDefaultLimitFollowsTheAddressSpaceLimit() throws {
        let folder = try ScratchFolder()
        let small = try Self.underAddressLimit(3_000_000, ["eval", "zeros([400000000])"], in: folder.url)
        #expect(small.stderr.contains("more than the memory limit of"), "3.0 GB on a 2.9 GiB address space: \(small.stderr)")
        let normal = try DTRBinary.run(["eval", "shape(zeros([400000000]))"], in: folder.url)
        #expect(normal.status == 0, "without the ulimit it fits: \(normal.stderr)")
    }

    @Test func anInvalidFigureIsARuntimeErrorAtTheCallEverywhere() throws {
        let folder = try ScratchFolder()
        let eval = try DTRBinary.run(["eval", "p = plot([1, 2, 3], logy: true, ylim: [-1, 5])\n1"], in: folder.url)
        #expect(eval.status == 1)
        #expect(eval.stderr.contains("error: ylim: with logy both limits must be positive"))
        #expect(eval.stderr.contains("line 1, col 5"))
        #expect(!eval.stdout.contains("cannot draw"))
        try folder.write("p.dtrnb", "```dtr\nplot([1, 2, 3], logy: true, ylim: [-1, 5])\n```\n")
        let run = try DTRBinary.run(["run", "p.dtrnb", "--update"], in: folder.url)
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: ylim: with logy both limits must be positive"))
        #expect(!run.stderr.contains("warning"))
        #expect(!(try folder.text("p.dtrnb")).contains("cannot draw"))
        let rank3 = try DTRBinary.run(["eval", "plot(randn([3, 4, 5]))"], in: folder.url)
        #expect(rank3.status == 1)
        #expect(rank3.stderr.contains("1-D tensor (one series) or a 2-D tensor (one series per row), got shape (3, 4, 5)"))
    }
}
