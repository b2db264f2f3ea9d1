import Foundation
import Testing
@testable import Kernel

@Suite("Connection files")
struct ConnectionInfoTests {
    @Test func readsPortsKeyAndEndpoints() throws {
        let json = """
            {"shell_port": 5001, "iopub_port": 5002, "stdin_port": 5003, "control_port": 5004, "hb_port": 5005,
             "ip": "127.0.0.1", "key": "abc", "transport": "tcp", "signature_scheme": "hmac-sha256",
             "kernel_name": "dtr"}
            """
        let info = try ConnectionInfo(json: Array(json.utf8))
        #expect(info.endpoint(info.shellPort) == "tcp://127.0.0.1:5001")
        #expect(info.heartbeatPort == 5005)
        #expect(info.signer != nil)
        let ipc = try ConnectionInfo(json: Array(json.replacingOccurrences(of: "\"tcp\"", with: "\"ipc\"").utf8))
        #expect(ipc.endpoint(5002) == "ipc://127.0.0.1-5002")
    }

    @Test func rejectsWhatItCannotServe() {
        #expect(throws: KernelError.self) { try ConnectionInfo(json: Array("[1]".utf8)) }
        #expect(throws: KernelError.self) { try ConnectionInfo(json: Array("{\"shell_port\": 1}".utf8)) }
        let md5 = """
            {"shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5,
             "key": "k", "signature_scheme": "hmac-md5"}
            """
        #expect(throws: KernelError.self) { try ConnectionInfo(json: Array(md5.utf8)) }
    }
}

@Suite("Kernel requests")
struct KernelRequestTests {
    @Test func isCompleteUsesTheREPLMultiLineRules() {
        #expect(KernelSession.isComplete("x = 1").status == "complete")
        #expect(KernelSession.isComplete("fn f(x) {\n  x").status == "incomplete")
        #expect(KernelSession.isComplete("fn f(x) {\n  x").indent == "    ")
        #expect(KernelSession.isComplete("f([1,\n").indent == "        ")
        #expect(KernelSession.isComplete("# a comment about what follows").status == "incomplete")
        #expect(KernelSession.isComplete("x = = 2").status == "invalid")
    }

    @Test func historySearchUsesShellGlobs() {
        #expect(Glob.matches("1?2*", "1+2"))
        #expect(Glob.matches("1?2*", "1 2 + 3"))
        #expect(!Glob.matches("1?2*", "12"))
        #expect(Glob.matches("*sum*", "x = sum(a)"))
        #expect(!Glob.matches("a", "ab"))
    }

    @Test func completionAndInspectionShareTheREPLsEngine() {
        let session = KernelSession()
        _ = session.execute("cfg = {alpha: 1, beta: 2}", storeHistory: true, display: { _ in }, print: nil)
        let fields = session.complete("cfg.al", cursor: 6)
        #expect(fields.matches == ["alpha"])
        #expect(fields.start == 4 && fields.end == 6)
        let names = session.complete("x = linsp", cursor: 9)
        #expect(names.matches.contains("linspace"))
        #expect(session.inspect("linspace(0, 1, 5)", cursor: 3)?.contains("linspace") == true)
        #expect(session.inspect("linspace(", cursor: 9)?.contains("linspace") == true)
        #expect(session.inspect("nosuchname", cursor: 2) == nil)
    }

    @Test func executeDisplaysValuesPlotsAndErrorsAndKeepsCount() {
        let session = KernelSession()
        var printed = ""
        var displays: [CellDisplay] = []
        let first = session.execute("print(\"hi\"); 1 + 1", storeHistory: true, display: { displays.append($0) },
                                    print: { printed += $0 })
        #expect(first.count == 1 && first.ok)
        #expect(printed == "hi\n")
        guard case .result(let text)? = displays.first else { Issue.record("no result"); return }
        #expect(text == "2")
        displays = []
        let plot = session.execute("plot([1, 4, 9])", storeHistory: true, display: { displays.append($0) }, print: nil)
        #expect(plot.count == 2 && plot.ok)
        guard case .image(let png, let art)? = displays.first else { Issue.record("no image"); return }
        #expect(Array(png.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
        #expect(!art.isEmpty)
        displays = []
        let bad = session.execute("undefined_thing + 1", storeHistory: false, display: { displays.append($0) }, print: nil)
        #expect(bad.count == 2 && !bad.ok)
        guard case .error(let name, let value, let traceback)? = displays.first else { Issue.record("no error"); return }
        #expect(name == "Error")
        #expect(value.contains("unknown name"))
        #expect(traceback.count > 1)
        #expect(session.history.map(\.code) == ["print(\"hi\"); 1 + 1", "plot([1, 4, 9])"])
    }
}

@Suite("Kernelspecs")
struct KernelspecTests {
    @Test func installListAndRemoveUnderAPrefix() throws {
        let prefix = NSTemporaryDirectory() + "dtr-kernelspec-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: prefix) }
        let folder = try Kernelspec.kernelsFolder(.prefix(prefix), environment: [:])
        #expect(folder == prefix + "/share/jupyter/kernels")
        let path = try Kernelspec.install(name: "dtr-test", displayName: "dtr (test)", executable: "/opt/dtr/bin/dtr", into: folder)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path + "/kernel.json"))) as? [String: Any]
        #expect(json?["argv"] as? [String] == ["/opt/dtr/bin/dtr", "kernel", "-f", "{connection_file}"])
        #expect(json?["language"] as? String == "dtr")
        #expect(json?["interrupt_mode"] as? String == "message")
        #expect(json?["display_name"] as? String == "dtr (test)")
        let logo = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path + "/logo-64x64.png")))
        #expect(Array(logo.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(Array(logo[16..<24]) == [0, 0, 0, 64, 0, 0, 0, 64])  // IHDR width and height

        let env = ["JUPYTER_PATH": prefix + "/share/jupyter", "HOME": prefix + "/home"]
        #expect(Kernelspec.list(environment: env).contains { $0.name == "dtr-test" && $0.path == path })
        #expect(try Kernelspec.remove(name: "dtr-test", environment: env) == path)
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(throws: KernelError.self) { try Kernelspec.remove(name: "dtr-test", environment: env) }
    }

    @Test func sysPrefixNeedsAnEnvironmentAndNamesAreChecked() {
        #expect(throws: KernelError.self) { try Kernelspec.kernelsFolder(.sysPrefix, environment: [:]) }
        #expect((try? Kernelspec.kernelsFolder(.sysPrefix, environment: ["VIRTUAL_ENV": "/v"])) == "/v/share/jupyter/kernels")
        #expect(throws: KernelError.self) { try Kernelspec.install(name: "../x", displayName: "x", executable: "/x", into: "/tmp") }
    }
}
