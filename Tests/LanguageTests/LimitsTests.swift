import Testing
import Tensor
@testable import Language

/// The resource limits of README "Safety": each ends a run with a clear diagnostic.
struct LimitsTests {
    static func run(_ text: String, options: SessionOptions = SessionOptions(loadStandardLibrary: false)) -> RunOutcome {
        Session(options: options, output: CapturedOutput()).run(text)
    }

    static func message(_ outcome: RunOutcome) -> String { outcome.diagnostics.first?.message ?? "" }

    @Test func stringsStopGrowingAtTheLimit() {
        let outcome = Self.run("s = \"ab\"\nwhile true { s = s + s }")
        #expect(outcome.exitCode == 1)
        #expect(Self.message(outcome).hasPrefix("string too long: 512.0 MiB, more than the limit of 256.0 MiB"))
    }

    @Test func listsStopGrowingAtTheLimit() {
        let outcome = Self.run("l = [\"a\"]\nwhile true { l = l + l }")
        #expect(outcome.exitCode == 1)
        #expect(Self.message(outcome) == "list too long: 33554432 items, more than the limit of 16777216")
    }

    @Test func printedOutputIsCappedWhenAsked() {
        let options = SessionOptions(loadStandardLibrary: false, maxOutputBytes: 1000)
        let out = CapturedOutput()
        let session = Session(options: options, output: out)
        let outcome = session.run("for i in 0..<1000 { print(\"0123456789\") }")
        #expect(outcome.exitCode == 1)
        #expect(Self.message(outcome).hasPrefix("output limit: this run printed more than 1000 B"))
        #expect(out.text.utf8.count <= 1000)
        // The count starts again with each run (cell).
        #expect(session.run("print(1)").exitCode == 0)
        #expect(SessionOptions().maxOutputBytes == nil)
    }

    @Test func memorySizesParse() {
        #expect(ValueLimits.parseMemorySize("512M") == 512 << 20)
        #expect(ValueLimits.parseMemorySize("2G") == 2 << 30)
        #expect(ValueLimits.parseMemorySize("1.5GiB") == 3 << 29)
        #expect(ValueLimits.parseMemorySize("100000") == 100_000)
        #expect(ValueLimits.parseMemorySize("64kb") == 64 << 10)
        #expect((ValueLimits.parseMemorySize("50%") ?? 0) > 0)
        for bad in ["", "0", "-1G", "1X", "nan", "inf", "1e30", "200%", "%", "G"] {
            #expect(ValueLimits.parseMemorySize(bad) == nil, "\(bad) should not parse")
        }
    }

    @Test func recursionAndNestingAreDiagnostics() {
        let deep = Self.run("fn f(n) = f(n + 1)\nf(0)")
        #expect(deep.exitCode == 1)
        #expect(Self.message(deep).hasPrefix("recursion too deep"))
        let nested = Self.run(String(repeating: "[", count: 1000) + String(repeating: "]", count: 1000))
        #expect(nested.exitCode == 2)
        #expect(Self.message(nested).hasPrefix("expression nested too deeply"))
    }
}
