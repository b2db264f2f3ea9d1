/// A value a notebook saved with `record(name, value)`: a number or a short list of numbers.
public enum RecordedValue: Equatable, Sendable {
    /// One number.
    case number(Double)
    /// A short list of numbers (at most ``RecordedValue/maxCount``).
    case list([Double])

    /// The most numbers one recorded list may hold.
    public static let maxCount = 1000

    /// As JSON (nan and ±inf as strings).
    public var json: JSON {
        switch self {
        case .number(let x): .finite(x)
        case .list(let xs): .array(xs.map(JSON.finite))
        }
    }

    /// Reads a value written by ``json``; nil for anything else.
    public init?(json: JSON) {
        if let x = json.number {
            self = .number(x)
        } else if let items = json.array {
            var xs: [Double] = []
            for item in items {
                guard let x = item.number else { return nil }
                xs.append(x)
            }
            self = .list(xs)
        } else {
            return nil
        }
    }
}

/// A sweep's `DIR/sweep.json`: the grid, every point with its run folder and parameter
/// literals, the notebook (path and SHA-256 of its bytes) and the dtr version that made it.
public struct SweepManifest: Equatable, Sendable {
    /// One grid axis: a declared parameter and the literals it takes.
    public struct Axis: Equatable, Sendable {
        /// The parameter's name.
        public var name: String
        /// Its values as dtr literal text (`0.1`, `"cosine"`, `[1, 2]`).
        public var values: [String]
        /// Creates an axis.
        public init(name: String, values: [String]) {
            self.name = name
            self.values = values
        }
    }

    /// One point of the grid.
    public struct Point: Equatable, Sendable {
        /// The point's number, from 0 (also its Slurm array task id).
        public var index: Int
        /// Its run folder relative to the sweep folder (`runs/0007`).
        public var folder: String
        /// Parameter name → literal text, for every axis.
        public var params: [String: String]
        /// Creates a point.
        public init(index: Int, folder: String, params: [String: String]) {
            self.index = index
            self.folder = folder
            self.params = params
        }
    }

    /// The notebook's absolute path.
    public var notebook: String
    /// SHA-256 of the notebook's bytes, in hex.
    public var notebookHash: String
    /// The version of dtr that wrote the manifest (`dtr 0.1.0`).
    public var dtrVersion: String
    /// The grid axes, slowest-varying first.
    public var axes: [Axis]
    /// The axis `--seeds` made (its points are averaged in the table), if any.
    public var seedAxis: String?
    /// Every point, in order.
    public var points: [Point]
    /// How the sweep was started (back end, jobs, timeout, Slurm options), for `--status`
    /// and resubmission.
    public var settings: [String: JSON]

    /// Creates a manifest.
    public init(notebook: String, notebookHash: String, dtrVersion: String, axes: [Axis], seedAxis: String?,
                points: [Point], settings: [String: JSON] = [:]) {
        self.notebook = notebook
        self.notebookHash = notebookHash
        self.dtrVersion = dtrVersion
        self.axes = axes
        self.seedAxis = seedAxis
        self.points = points
        self.settings = settings
    }

    /// The file name inside the sweep folder.
    public static let fileName = "sweep.json"

    /// As JSON.
    public var json: JSON {
        var o: [String: JSON] = [
            "notebook": .string(notebook),
            "notebook_sha256": .string(notebookHash),
            "dtr_version": .string(dtrVersion),
            "grid": .array(axes.map { .object(["name": .string($0.name), "values": .array($0.values.map(JSON.string))]) }),
            "points": .array(points.map { p in
                .object(["index": .number(Double(p.index)), "folder": .string(p.folder),
                         "params": .object(p.params.mapValues(JSON.string))])
            }),
            "settings": .object(settings),
        ]
        if let seedAxis { o["seed_axis"] = .string(seedAxis) }
        return .object(o)
    }

    /// Reads `sweep.json` text.
    public init(parsing bytes: [UInt8]) throws(JSONError) {
        let j = try JSON.parse(bytes)
        func bad(_ what: String) -> JSONError { JSONError(message: "not a dtr sweep.json: \(what)") }
        guard let notebook = j["notebook"]?.string, let hash = j["notebook_sha256"]?.string,
              let grid = j["grid"]?.array, let points = j["points"]?.array
        else { throw bad("notebook, notebook_sha256, grid or points is missing") }
        var axes: [Axis] = []
        for a in grid {
            guard let name = a["name"]?.string, let values = a["values"]?.array else { throw bad("a grid axis lacks name or values") }
            axes.append(Axis(name: name, values: values.compactMap(\.string)))
        }
        var parsed: [Point] = []
        for p in points {
            guard let index = p["index"]?.number, let i = Int(exactly: index), let folder = p["folder"]?.string,
                  let params = p["params"]?.object
            else { throw bad("a point lacks index, folder or params") }
            guard !folder.hasPrefix("/"), !folder.split(separator: "/").contains("..") else {
                throw bad("point \(i)'s folder \"\(folder)\" leaves the sweep folder")
            }
            parsed.append(Point(index: i, folder: folder, params: params.compactMapValues(\.string)))
        }
        self.init(notebook: notebook, notebookHash: hash, dtrVersion: j["dtr_version"]?.string ?? "",
                  axes: axes, seedAxis: j["seed_axis"]?.string, points: parsed, settings: j["settings"]?.object ?? [:])
    }
}

/// One run's `result.json`: its parameters, how it ended, how long it took and what it
/// recorded with `record(name, value)`.
public struct RunResult: Equatable, Sendable {
    /// How a run ended.
    public enum Status: String, Sendable, CaseIterable {
        /// Every cell ran (exit status 0).
        case ok
        /// A cell failed, or the run could not start (exit status 1 or 2, or a crash).
        case failed
        /// A cell or the whole run passed its time limit (exit status 3).
        case timeout
        /// Stopped by Ctrl-C or a cancel (exit status 130): not a result, so `--resume` reruns it.
        case interrupted
    }

    /// Parameter name → literal text (every declared parameter, overridden or not).
    public var params: [String: String]
    /// How it ended.
    public var status: Status
    /// The process exit status (or 128 + signal number).
    public var exitStatus: Int
    /// Wall-clock seconds.
    public var seconds: Double
    /// SHA-256 of the notebook's bytes as run.
    public var notebookHash: String
    /// The dtr version that ran it.
    public var dtrVersion: String
    /// Recorded values by name.
    public var records: [String: RecordedValue]
    /// Why it did not succeed (the failed cells, a timeout), if it did not.
    public var message: String?

    /// Creates a result.
    public init(params: [String: String], status: Status, exitStatus: Int, seconds: Double, notebookHash: String,
                dtrVersion: String, records: [String: RecordedValue] = [:], message: String? = nil) {
        self.params = params
        self.status = status
        self.exitStatus = exitStatus
        self.seconds = seconds
        self.notebookHash = notebookHash
        self.dtrVersion = dtrVersion
        self.records = records
        self.message = message
    }

    /// The status an exit status means: 0 ok, 3 timeout, 130 interrupted, else failed.
    public static func status(forExit code: Int) -> Status {
        switch code {
        case 0: .ok
        case 3: .timeout
        case 130: .interrupted
        default: .failed
        }
    }

    /// The file name inside a run folder.
    public static let fileName = "result.json"

    /// As JSON.
    public var json: JSON {
        var o: [String: JSON] = [
            "params": .object(params.mapValues(JSON.string)),
            "status": .string(status.rawValue),
            "exit_status": .number(Double(exitStatus)),
            "seconds": .finite((seconds * 1000).rounded() / 1000),
            "notebook_sha256": .string(notebookHash),
            "dtr_version": .string(dtrVersion),
            "records": .object(records.mapValues(\.json)),
        ]
        if let message { o["message"] = .string(message) }
        return .object(o)
    }

    /// Reads `result.json` text.
    public init(parsing bytes: [UInt8]) throws(JSONError) {
        let j = try JSON.parse(bytes)
        guard let statusText = j["status"]?.string, let status = Status(rawValue: statusText),
              let params = j["params"]?.object
        else { throw JSONError(message: "not a dtr result.json: status or params is missing") }
        var records: [String: RecordedValue] = [:]
        for (name, value) in j["records"]?.object ?? [:] {
            if let v = RecordedValue(json: value) { records[name] = v }
        }
        self.init(params: params.compactMapValues(\.string), status: status,
                  exitStatus: j["exit_status"]?.number.flatMap { Int(exactly: $0) } ?? 0,
                  seconds: j["seconds"]?.number ?? 0, notebookHash: j["notebook_sha256"]?.string ?? "",
                  dtrVersion: j["dtr_version"]?.string ?? "", records: records, message: j["message"]?.string)
    }
}
