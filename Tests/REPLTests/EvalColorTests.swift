import Foundation
import Testing

/// `dtr eval` displays its value in colour on a colour terminal, like the REPL and `dtr run`,
/// and never when NO_COLOR is set or stdout is not a terminal (issue #14).
struct EvalColorTests {
    static func eval(_ program: String, noColor: Bool) throws -> String {
        let path = try #require(DTRBinary.path, "build dtr first (swift build)")
        var environment = ["HOME": NSTemporaryDirectory(), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TERM": "xterm-256color"]
        if noColor { environment["NO_COLOR"] = "1" }
        let session = try PTYSession(executable: path, arguments: ["eval", program], environment: environment)
        #expect(session.waitForExit(timeout: 60) == 0)
        return String(decoding: session.raw, as: UTF8.self)
    }

    @Test func aPlotIsColouredOnAColourTerminal() throws {
        let coloured = try Self.eval("plot([1, 4, 9])", noColor: false)
        #expect(coloured.contains("\u{1B}["), "ANSI colour on a terminal")
        let plain = try Self.eval("plot([1, 4, 9])", noColor: true)
        #expect(!plain.contains("\u{1B}["), "NO_COLOR turns it off")
        #expect(plain.contains("⠀") || plain.contains("─") || plain.contains("│"), "the plot is still drawn")
    }
}
