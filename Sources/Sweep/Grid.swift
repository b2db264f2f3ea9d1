import Foundation
import Language
import Notebook

/// The parameter grid of a sweep: axes from `--grid NAME=V1,V2,…` (values are dtr literals,
/// as `--set` takes them) and optionally a seed axis from `--seeds N` (values 0…N−1). Its
/// points are the cartesian product, the first axis varying slowest and the seed fastest.
///
/// ```swift
/// let grid = try Grid(arguments: ["beta=0.1,0.2", "schedule=\"cosine\",\"linear\""], seeds: 2, seedName: "seed")
/// grid.points.count        // 8
/// grid.points[1]           // ["beta": "0.1", "schedule": "\"cosine\"", "seed": "1"]
/// ```
public struct Grid: Equatable, Sendable {
    /// The axes, slowest first (the seed axis, if any, last).
    public var axes: [SweepManifest.Axis]
    /// The name of the axis `--seeds` made.
    public var seedAxis: String?

    /// Creates a grid from axes.
    public init(axes: [SweepManifest.Axis], seedAxis: String? = nil) {
        self.axes = axes
        self.seedAxis = seedAxis
    }

    /// Parses `--grid` arguments and `--seeds`.
    public init(arguments: [String], seeds: Int?, seedName: String) throws(SweepError) {
        var axes: [SweepManifest.Axis] = []
        for argument in arguments {
            let axis = try Self.axis(parsing: argument)
            guard !axes.contains(where: { $0.name == axis.name }) else {
                throw SweepError("--grid \(axis.name) is given twice; list all its values in one --grid")
            }
            axes.append(axis)
        }
        var seedAxis: String?
        if let seeds {
            guard seeds >= 1 else { throw SweepError("--seeds expects a positive count, got \(seeds)") }
            guard !axes.contains(where: { $0.name == seedName }) else {
                throw SweepError("--seeds makes the axis \(seedName); do not also give --grid \(seedName)")
            }
            axes.append(SweepManifest.Axis(name: seedName, values: (0..<seeds).map(String.init)))
            seedAxis = seedName
        }
        guard !axes.isEmpty else { throw SweepError("a sweep needs at least one --grid NAME=V1,V2,… or --seeds N") }
        var total = 1
        for axis in axes {
            let (product, overflow) = total.multipliedReportingOverflow(by: axis.values.count)
            guard !overflow, product <= Self.maxPoints else {
                throw SweepError("the grid has more than \(Self.maxPoints) points; split it into several sweeps")
            }
            total = product
        }
        self.init(axes: axes, seedAxis: seedAxis)
    }

    /// `NAME=V1,V2,…`: commas inside brackets or quotes do not split values.
    static func axis(parsing argument: String) throws(SweepError) -> SweepManifest.Axis {
        let override: ParameterOverride
        do {
            override = try ParameterOverride(parsing: argument)
        } catch {
            throw SweepError(error.message.replacingSetWithGrid)
        }
        let values = splitValues(override.literal)
        guard !values.contains(where: \.isEmpty) else {
            throw SweepError("--grid \(override.name): an empty value in '\(override.literal)'")
        }
        guard Set(values).count == values.count else {
            throw SweepError("--grid \(override.name): a value is listed twice in '\(override.literal)'")
        }
        return SweepManifest.Axis(name: override.name, values: values)
    }

    /// Splits at commas that are not inside `[…]`, `(…)`, `{…}` or a string.
    static func splitValues(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        var inString = false
        var escaped = false
        for c in text {
            if inString {
                current.append(c)
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
                continue
            }
            switch c {
            case "\"": inString = true
            case "[", "(", "{": depth += 1
            case "]", ")", "}": depth -= 1
            case "," where depth == 0:
                parts.append(current.trimmingSpaces)
                current = ""
                continue
            default: break
            }
            current.append(c)
        }
        parts.append(current.trimmingSpaces)
        return parts
    }

    /// The most points one sweep may have.
    public static let maxPoints = 100_000

    /// The number of points.
    public var count: Int { axes.reduce(1) { $0 * $1.values.count } }

    /// Every point as parameter name → literal, the first axis varying slowest.
    public var points: [[String: String]] {
        var out: [[String: String]] = [[:]]
        for axis in axes {
            var next: [[String: String]] = []
            next.reserveCapacity(out.count * axis.values.count)
            for partial in out {
                for value in axis.values {
                    var p = partial
                    p[axis.name] = value
                    next.append(p)
                }
            }
            out = next
        }
        return out
    }

    /// Checks every axis against the notebook: each name must be a declared parameter and
    /// each value a literal that `dtr run --set` accepts. Throws one error listing all problems.
    public func check(against document: NotebookDocument, notebookFile: String) throws(SweepError) {
        var problems: [String] = []
        let renderer = DiagnosticRenderer(color: false)
        for axis in axes {
            let overrides = axis.values.map { ParameterOverride(name: axis.name, literal: $0) }
            do {
                problems += try document.check(overrides, notebookFile: notebookFile).map { renderer.render($0) }
            } catch {
                let text = error.message.replacingSetWithGrid
                problems.append(axis.name == seedAxis
                    ? text + "\n  note: --seeds needs the notebook to declare a parameter \(axis.name) (or pass --seed-param NAME)"
                    : text)
            }
        }
        guard problems.isEmpty else { throw SweepError(problems.joined(separator: "\n")) }
    }

    /// The folder name of point `index` of `count` (`runs/0007`; wider for big sweeps).
    public static func folder(of index: Int, count: Int) -> String {
        let width = max(4, String(max(count - 1, 0)).count)
        let digits = String(index)
        return "runs/" + String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// The manifest's points for this grid.
    public var manifestPoints: [SweepManifest.Point] {
        let all = points
        return all.enumerated().map { SweepManifest.Point(index: $0, folder: Self.folder(of: $0, count: all.count), params: $1) }
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }

    /// A `--set` message reworded for `--grid`.
    var replacingSetWithGrid: String {
        var out = self
        while let r = out.range(of: "--set") { out.replaceSubrange(r, with: "--grid") }
        return out
    }
}
