import Foundation
import Testing

/// `dtr --version` (SPEC §2): the version, the git commit of the build, the OpenBLAS file it
/// loaded with the kernel family and why, and the C kernels' instruction set — through the
/// real `.build/debug/dtr`, with the environment each case needs.
struct VersionReportTests {
    /// Runs `dtr --version` with `extra` added to the environment; stdout lines and status.
    static func version(_ extra: [String: String] = [:]) throws -> (lines: [String], status: Int32)? {
        let binary = CLIConformanceTests.binary
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            Issue.record("\(binary) is not built (swift build --product dtr)")
            return nil
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["--version"]
        var env = ProcessInfo.processInfo.environment
        env["OPENBLAS_CORETYPE"] = nil
        env["DTR_KERNEL_LEVEL"] = nil
        for (k, v) in extra { env[k] = v }
        process.environment = env
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        return (text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init), process.terminationStatus)
    }

    @Test func namesVersionCommitBLASAndKernels() throws {
        guard let (lines, status) = try Self.version() else { return }
        #expect(status == 0)
        #expect(lines.count == 6 && lines[5].isEmpty, "five lines and a newline: \(lines)")
        guard lines.count >= 5 else { return }
        #expect(lines[0] == "dtr 0.1.0")
        #expect(lines[1] == "commit: unknown (not built by scripts/package.sh)", "a debug build has no commit baked in")
        #expect(lines[2].hasPrefix("BLAS: libopenblas.so.0 = /") && lines[2].contains("/libopenblas"),
                "the name opened and the file it resolved to: \(lines[2])")
        #expect(lines[2].contains("(OpenBLAS "), "OpenBLAS's own config string: \(lines[2])")
        #expect(lines[3].hasPrefix("BLAS kernels: "))
        let named = ["C kernels: AVX-512 (level 3;", "C kernels: AVX2+FMA (level 2;", "C kernels: baseline (level 0;"]
        #expect(named.contains { lines[4].hasPrefix($0) }, "\(lines[4])")
    }

    @Test func aCoreTypeYouSetIsReportedAsYours() throws {
        guard let (lines, _) = try Self.version(["OPENBLAS_CORETYPE": "Prescott"]) else { return }
        #expect(lines.count > 3 && lines[3] == "BLAS kernels: Prescott (OPENBLAS_CORETYPE=Prescott, set by you)", "\(lines)")
    }

    @Test func theKernelCapShowsAsTheLevel() throws {
        guard let (lines, _) = try Self.version(["DTR_KERNEL_LEVEL": "0"]) else { return }
        #expect(lines.count > 4 && lines[4] == "C kernels: baseline (level 0; DTR_KERNEL_LEVEL=0|2 caps it)", "\(lines)")
    }
}
