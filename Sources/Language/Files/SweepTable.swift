import Tensor

/// A sweep's results as one table: a row per grid point with the seed axis folded away,
/// holding how many runs succeeded and each recorded value's mean and standard deviation
/// over the seeds. `dtr sweep DIR --table` prints it, `--csv` writes it, and the
/// `load_sweep(DIR)` builtin hands it to a notebook.
///
/// Only runs whose `result.json` says `ok` and names the manifest's notebook hash count; a
/// failed run counts as failed, a result of an older notebook (or none yet) as missing.
/// The standard deviation is the sample one (n − 1 in the denominator) and needs two runs.
public struct SweepTable: Equatable, Sendable {
    /// The mean and spread of one recorded value over a row's runs.
    public struct Statistic: Equatable, Sendable {
        /// Elementwise mean (one number for a scalar record).
        public var mean: [Double]
        /// Elementwise sample standard deviation, when at least two runs recorded it.
        public var std: [Double]?
        /// How many runs recorded it.
        public var count: Int
        /// Whether the record was a list (else a number).
        public var isList: Bool
    }

    /// One row: a point of the grid without its seed.
    public struct Row: Equatable, Sendable {
        /// The literal of each axis in ``SweepTable/axes``.
        public var values: [String]
        /// Runs in the row (one per seed).
        public var runs: Int
        /// Runs that succeeded.
        public var ok: Int
        /// Runs that failed or timed out.
        public var failed: Int
        /// Recorded values by name (absent when no successful run recorded it).
        public var statistics: [String: Statistic]
        /// Runs without a current result.
        public var missing: Int { runs - ok - failed }
    }

    /// The grid axes shown as columns (the seed axis is not one).
    public var axes: [String]
    /// The seed axis that rows average over, if any.
    public var seedAxis: String?
    /// Every recorded name, sorted.
    public var recordNames: [String]
    /// The rows, in the order their first point appears in the grid.
    public var rows: [Row]

    /// Builds the table from the manifest and the results found, by point index.
    public init(manifest: SweepManifest, results: [Int: RunResult]) {
        axes = manifest.axes.map(\.name).filter { $0 != manifest.seedAxis }
        seedAxis = manifest.seedAxis
        var order: [[String]] = []
        var groups: [[String]: [SweepManifest.Point]] = [:]
        for point in manifest.points {
            let key = axes.map { point.params[$0] ?? "" }
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(point)
        }
        var names: Set<String> = []
        rows = order.map { key in
            let points = groups[key] ?? []
            var row = Row(values: key, runs: points.count, ok: 0, failed: 0, statistics: [:])
            var samples: [String: [RecordedValue]] = [:]
            for point in points {
                guard let result = results[point.index], result.notebookHash == manifest.notebookHash else { continue }
                switch result.status {
                case .ok:
                    row.ok += 1
                    for (name, value) in result.records { samples[name, default: []].append(value) }
                case .failed, .timeout:
                    row.failed += 1
                case .interrupted:
                    break
                }
            }
            for (name, values) in samples {
                names.insert(name)
                row.statistics[name] = Self.statistic(values)
            }
            return row
        }
        recordNames = names.sorted()
    }

    /// Mean and sample standard deviation, elementwise over lists of the first list's length.
    static func statistic(_ values: [RecordedValue]) -> Statistic {
        var vectors: [[Double]] = []
        var isList = false
        for value in values {
            switch value {
            case .number(let x): vectors.append([x])
            case .list(let xs): vectors.append(xs); isList = true
            }
        }
        let width = vectors.first?.count ?? 0
        vectors = vectors.filter { $0.count == width }
        let n = vectors.count
        var mean = [Double](repeating: 0, count: width)
        for v in vectors { for i in 0..<width { mean[i] += v[i] } }
        for i in 0..<width { mean[i] /= Double(max(n, 1)) }
        var std: [Double]?
        if n >= 2 {
            var s = [Double](repeating: 0, count: width)
            for v in vectors { for i in 0..<width { s[i] += (v[i] - mean[i]) * (v[i] - mean[i]) } }
            std = s.map { ($0 / Double(n - 1)).squareRoot() }
        }
        return Statistic(mean: mean, std: std, count: n, isList: isList)
    }

    // MARK: - Text

    /// The header and cells as text: axis literals, `ok/runs` (and failures), then each
    /// record as `mean ± std` to four significant digits.
    public var cells: [[String]] {
        var header = axes
        header.append(seedAxis.map { "ok/\($0)s" } ?? "status")
        header += recordNames
        var out = [header]
        for row in rows {
            var line = row.values
            if seedAxis != nil {
                var runs = "\(row.ok)/\(row.runs)"
                if row.failed > 0 { runs += " (\(row.failed) failed)" }
                line.append(runs)
            } else {
                line.append(row.ok == 1 ? "ok" : row.failed == 1 ? "failed" : "missing")
            }
            for name in recordNames {
                guard let s = row.statistics[name] else { line.append("—"); continue }
                let mean = Self.text(s.mean, list: s.isList)
                line.append(s.std.map { mean + " ± " + Self.text($0, list: s.isList) } ?? mean)
            }
            out.append(line)
        }
        return out
    }

    /// The table for a terminal: columns aligned, two spaces apart.
    public var text: String {
        let all = cells
        var widths = [Int](repeating: 0, count: all.first?.count ?? 0)
        for line in all { for (i, c) in line.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) } }
        return all.map { line in
            var s = ""
            for (i, c) in line.enumerated() {
                s += c
                if i + 1 < line.count { s += String(repeating: " ", count: widths[i] - c.count + 2) }
            }
            return s
        }.joined(separator: "\n") + "\n"
    }

    private static func text(_ xs: [Double], list: Bool) -> String {
        let parts = xs.map { NumberFormat.format($0, digits: 4) }
        return list ? "[" + parts.joined(separator: ", ") + "]" : (parts.first ?? "")
    }

    // MARK: - CSV

    /// Comma-separated text with a header: the axes, `runs`, `ok`, `failed`, then per
    /// record NAME (the mean) and NAME_std (empty below two runs). Numbers are exact
    /// (shortest round-trip); lists and texts with commas or quotes are quoted.
    public var csv: String {
        var header = axes + ["runs", "ok", "failed"]
        for name in recordNames { header += [name, name + "_std"] }
        var lines = [header.map(Self.csvField).joined(separator: ",")]
        for row in rows {
            var fields = row.values + [String(row.runs), String(row.ok), String(row.failed)]
            for name in recordNames {
                guard let s = row.statistics[name] else { fields += ["", ""]; continue }
                fields.append(Self.exact(s.mean, list: s.isList))
                fields.append(s.std.map { Self.exact($0, list: s.isList) } ?? "")
            }
            lines.append(fields.map(Self.csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func exact(_ xs: [Double], list: Bool) -> String {
        let parts = xs.map(NumberFormat.format)
        return list ? "[" + parts.joined(separator: ", ") + "]" : (parts.first ?? "")
    }

    private static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
        var out = "\""
        for c in text { out += c == "\"" ? "\"\"" : String(c) }
        return out + "\""
    }

    // MARK: - As a dtr value

    /// The table as a record of columns: each axis (a tensor when every value is a number,
    /// else a list), `runs`, `ok`, `failed`, and per record NAME (means; a tensor for
    /// numbers, a list of tensors for lists; nan where no run recorded it) and NAME_std.
    public func value() throws(TensorError) -> Value {
        var fields: [(String, Value)] = []
        for (i, axis) in axes.enumerated() {
            let literals = rows.map { $0.values[i] }
            let numbers = literals.compactMap { Double($0) }
            if numbers.count == literals.count {
                fields.append((axis, Value(try Tensor(numbers))))
            } else {
                fields.append((axis, .list(literals.map(Self.literalValue))))
            }
        }
        fields.append(("runs", Value(try Tensor(rows.map { Double($0.runs) }))))
        fields.append(("ok", Value(try Tensor(rows.map { Double($0.ok) }))))
        fields.append(("failed", Value(try Tensor(rows.map { Double($0.failed) }))))
        for name in recordNames {
            let stats = rows.map { $0.statistics[name] }
            if stats.contains(where: { $0?.isList == true }) {
                var means: [Value] = []
                var stds: [Value] = []
                for s in stats {
                    if let s { means.append(Value(try Tensor(s.mean))) } else { means.append(.none) }
                    if let std = s?.std { stds.append(Value(try Tensor(std))) } else { stds.append(.none) }
                }
                fields.append((name, .list(means)))
                fields.append((name + "_std", .list(stds)))
            } else {
                fields.append((name, Value(try Tensor(stats.map { $0?.mean.first ?? .nan }))))
                fields.append((name + "_std", Value(try Tensor(stats.map { $0?.std?.first ?? .nan }))))
            }
        }
        return .record(Record(fields))
    }

    /// A parameter literal as a value: a string without its quotes, true/false, a number,
    /// else the literal text itself.
    static func literalValue(_ literal: String) -> Value {
        if let x = Double(literal) { return .number(x) }
        if literal == "true" { return .bool(true) }
        if literal == "false" { return .bool(false) }
        if literal.count >= 2, literal.hasPrefix("\""), literal.hasSuffix("\"") {
            var out = ""
            var escaped = false
            for c in literal.dropFirst().dropLast() {
                if escaped { out.append(c == "n" ? "\n" : c == "t" ? "\t" : c); escaped = false } else if c == "\\" { escaped = true } else { out.append(c) }
            }
            return .string(out)
        }
        return .string(literal)
    }
}
