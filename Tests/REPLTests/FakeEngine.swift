import Foundation
import Synchronization
import Tensor
@testable import REPL

/// A tiny stand-in for the language, enough to drive the REPL: numbers, names, `a + b`,
/// `a * b`, `name = expr`, records `{a: 1}` (stored as fields), `spin()` which loops until
/// Ctrl-C, and `fail()` which is a runtime error. Entries may hold several lines.
final class FakeEngine: REPLEngine {
    var values: [String: Double] = [:]
    var records: [String: [String: Double]] = [:]
    var evaluated: [(source: String, origin: SourceOrigin)] = []
    var lastOptions: DisplayOptions?
    var allocated = 0

    func evaluate(_ source: String, origin: SourceOrigin, options: DisplayOptions) -> EvalOutcome {
        evaluated.append((source, origin))
        lastOptions = options
        var last: String?
        // A bracket opened at the end of a line joins it to the next: `y = (\n4)` is `y = 4`.
        let joined = source.replacingOccurrences(of: "(\n", with: "(")
        for line in joined.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) where !line.isEmpty && !line.hasPrefix("#") {
            if line == "spin()" {
                while !Interrupt.isRequested {}
                return .interrupted
            }
            if line == "fail()" { return .error("error: fail() failed\n --> \(origin.name)") }
            if let eq = line.firstIndex(of: "="), !line.contains("==") {
                let name = line[..<eq].trimmingCharacters(in: .whitespaces)
                let rhs = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
                if rhs.hasPrefix("{") {
                    var fields: [String: Double] = [:]
                    for part in rhs.dropFirst().dropLast().split(separator: ",") {
                        let kv = part.split(separator: ":").map { $0.trimmingCharacters(in: .whitespaces) }
                        if kv.count == 2 { fields[kv[0]] = Double(kv[1]) ?? 0 }
                    }
                    records[name] = fields
                    last = nil
                    continue
                }
                guard let v = value(rhs) else { return .error("error: unknown name in \"\(rhs)\"") }
                values[name] = v
                allocated += 8
                last = nil
            } else {
                guard let v = value(line) else { return .error("error: unknown name in \"\(line)\"") }
                last = format(v)
            }
        }
        return .value(last)
    }

    func value(_ expr: String) -> Double? {
        if expr.hasPrefix("("), expr.hasSuffix(")") { return value(String(expr.dropFirst().dropLast())) }
        for op in ["+", "*"] {
            let parts = expr.split(separator: Character(op)).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2 {
                guard let a = value(parts[0]), let b = value(parts[1]) else { return nil }
                return op == "+" ? a + b : a * b
            }
        }
        return Double(expr) ?? values[expr]
    }

    func format(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(v) }

    func typeDescription(of expression: String, options: DisplayOptions) -> EvalOutcome {
        if records[expression] != nil { return .value("record") }
        return value(expression) == nil ? .error("error: unknown name \"\(expression)\"") : .value("tensor f64 []")
    }

    var bindings: [BindingSummary] {
        (values.keys.map { BindingSummary(name: $0, type: "tensor f64", detail: "[]") }
            + records.keys.map { BindingSummary(name: $0, type: "record", detail: "") }).sorted { $0.name < $1.name }
    }

    func reset() { values = [:]; records = [:] }

    func help(for name: String?) -> String? {
        guard let name else { return "Builtins: zeros, ones, schedule, route." }
        return ["zeros": "zeros(shape) — a tensor of zeros", "schedule": "schedule(name, T)"][name]
    }

    var completionNames: [String] {
        ["zeros", "ones", "schedule", "route", "seed", "randn", "print"] + values.keys + records.keys
    }

    func fieldNames(of path: [String]) -> [String] {
        guard path.count == 1, let record = records[path[0]] else { return [] }
        return record.keys.sorted()
    }

    func parameterNames(of function: String) -> [String] {
        ["randn": ["shape", "seed"], "schedule": ["name", "T", "beta_start", "beta_end"]][function] ?? []
    }

    var allocatedBytes: Int? { allocated }
}

/// Collects what the REPL writes.
final class Capture: Sendable {
    private let out = Mutex(""), err = Mutex("")
    var stdout: String { out.withLock { $0 } }
    var stderr: String { err.withLock { $0 } }
    var output: REPLOutput {
        REPLOutput(output: { text in self.out.withLock { $0 += text } },
                   errors: { text in self.err.withLock { $0 += text } })
    }
}

/// A core wired to a fake engine and a capture, as the terminal front end would use it.
func makeCore(_ engine: FakeEngine = FakeEngine(), interactive: Bool = true,
              historyFile: HistoryFile? = nil) -> (REPLCore, Capture) {
    let capture = Capture()
    let core = REPLCore(engine: engine, output: capture.output, interactive: interactive,
                        historyFile: historyFile) { DisplayOptions(width: 100, height: 30, color: false) }
    return (core, capture)
}
