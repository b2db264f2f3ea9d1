import Foundation
import Testing
@testable import REPL

@Suite("Tab completion")
struct CompletionTests {
    let engine: FakeEngine = {
        let engine = FakeEngine()
        engine.values["alpha"] = 1
        engine.records["cfg"] = ["beta": 0.8, "alpha": 4]
        return engine
    }()

    func complete(_ prefix: String) -> Completion {
        Completer(engine: engine).complete(prefix)
    }

    @Test("bindings, builtins and keywords by prefix")
    func names() {
        #expect(complete("ze").candidates == ["zeros"])
        #expect(complete("x = al").candidates == ["alpha"])
        #expect(complete("wh").candidates == ["while"])
        #expect(complete("ro").word == "ro")
        #expect(complete("route(") .candidates.contains("zeros"))
    }

    @Test("record fields after a dot")
    func fields() {
        #expect(complete("cfg.").candidates == ["alpha", "beta"])
        #expect(complete("y = cfg.b").candidates == ["beta"])
        #expect(complete("cfg.b").word == "b")
        #expect(complete("1.5").candidates.isEmpty)
        #expect(complete("nothing.").candidates.isEmpty)
    }

    @Test("named arguments first inside a call")
    func namedArguments() {
        #expect(complete("randn([3], s").candidates == ["seed: ", "shape: ", "schedule"])
        #expect(complete("schedule(").candidates.prefix(4) == ["T: ", "beta_end: ", "beta_start: ", "name: "])
        #expect(!complete("randn([3], seed: s").candidates.contains("seed: "))
    }

    @Test("schedule and routing names inside their string arguments")
    func stringArguments() {
        #expect(complete(#"s = schedule("co"#).candidates == [#"cosine""#, #"const""#].sorted())
        #expect(complete(#"schedule(""#).candidates.count == StringArgumentChoices.schedules.count)
        #expect(complete(#"route("d"#).candidates == [#"dense""#, #"dtr""#])
        #expect(complete(#"loss_weight(s, "min_snr", prediction: ""#).candidates == [#"eps""#, #"v""#, #"x0""#])
        #expect(complete(#"loss_weight(s, "m"#).candidates == [#"min_snr""#])
        #expect(complete(#"timesteps(1000, 50, spacing: "l"#).candidates == [#"leading""#, #"linspace""#])
        #expect(complete(#"schedule("co"#).word == "co")
        #expect(complete(#"print("co"#).candidates.isEmpty)
    }

    @Test("meta-commands after a colon")
    func metaCommands() {
        #expect(complete(":h").candidates == [":help ", ":history "])
        #expect(complete(":").candidates.count == MetaCommand.all.count)
        #expect(complete(":help sch").candidates == ["schedule"])
        #expect(complete(":type cfg.al").candidates == ["alpha"])
    }

    @Test("file paths after :load and :save")
    func paths() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dtr-complete-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("notebooks"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = FileManager.default.createFile(atPath: dir.appendingPathComponent("notebooks/tour.dtrnb").path, contents: Data())
        _ = FileManager.default.createFile(atPath: dir.appendingPathComponent("notes.dtr").path, contents: Data())
        _ = FileManager.default.createFile(atPath: dir.appendingPathComponent(".hidden").path, contents: Data())
        var completer = Completer(engine: engine)
        completer.directory = dir.path
        #expect(completer.complete(":load no").candidates == ["notebooks/", "notes.dtr"])
        #expect(completer.complete(":load notebooks/t").candidates == ["notebooks/tour.dtrnb"])
        #expect(completer.complete(":load notebooks/t").word == "notebooks/t")
        #expect(completer.complete(":save ").candidates == ["notebooks/", "notes.dtr"])
        #expect(completer.complete(":load .h").candidates == [".hidden"])
        #expect(completer.complete(":load \(dir.path)/notes").candidates == ["\(dir.path)/notes.dtr"])
    }

    @Test("nothing inside comments or numbers")
    func nothing() {
        #expect(complete("x = 1 # ze").candidates.isEmpty)
        #expect(complete("x = 12").candidates.isEmpty)
    }
}

@Suite("Completion never traps")
struct CompletionRobustnessTests {
    @Test("every prefix of awkward lines gives a context")
    func prefixes() {
        let engine = FakeEngine()
        engine.records["r"] = ["a": 1]
        let completer = Completer(engine: engine)
        let lines = [
            #"f(x, "a\"b", [1, {k: (2"#, "r.a.b.", ":load ", ":", ":help", "..", "x.1.y", "ᾱ = s.ᾱ", "\"", "((((", "))))",
            "f(:", ",,,", "# (", "a .b", "1e-4.", "_x._", ":type r.", #"schedule(name: "c"#, "\u{0}\u{7F}",
        ]
        for line in lines {
            for end in line.indices + [line.endIndex] {
                let completion = completer.complete(String(line[..<end]))
                #expect(String(line[..<end]).hasSuffix(completion.word))
            }
        }
    }
}
