import Foundation
import Language
import Notebook

/// A sweep's folder: `sweep.json` (the ``SweepManifest``) and one run folder per point
/// (`runs/0007/` holding `result.json`, the executed notebook and `log.txt`).
public struct SweepFolder: Sendable {
    /// The folder (absolute).
    public let url: URL

    /// The sweep folder at `path`.
    public init(path: String) {
        url = URL(fileURLWithPath: path).standardizedFileURL
    }

    /// `DIR/sweep.json`.
    public var manifestURL: URL { url.appendingPathComponent(SweepManifest.fileName) }

    /// Whether the folder holds a sweep.
    public var exists: Bool { FileManager.default.fileExists(atPath: manifestURL.path) }

    /// Reads `sweep.json`.
    public func manifest() throws(SweepError) -> SweepManifest {
        guard let data = FileManager.default.contents(atPath: manifestURL.path) else {
            throw SweepError("\(url.path) holds no sweep: \(SweepManifest.fileName) is missing")
        }
        do {
            return try SweepManifest(parsing: [UInt8](data))
        } catch {
            throw SweepError("\(manifestURL.path): \(error.message)")
        }
    }

    /// Writes `sweep.json` (atomically).
    public func save(_ manifest: SweepManifest) throws(SweepError) {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            try AtomicFile.write(manifest.json.serialized, to: manifestURL)
        } catch let error as NotebookError {
            throw SweepError(error.message)
        } catch {
            throw SweepError("cannot create \(url.path): \(error.localizedDescription)")
        }
    }

    /// A point's run folder.
    public func runFolder(_ point: SweepManifest.Point) -> URL { url.appendingPathComponent(point.folder) }

    /// A point's `result.json`, if it has a readable one.
    public func result(of point: SweepManifest.Point) -> RunResult? {
        guard let data = FileManager.default.contents(atPath: runFolder(point).appendingPathComponent(RunResult.fileName).path)
        else { return nil }
        return try? RunResult(parsing: [UInt8](data))
    }

    /// Every point's result, by index.
    public func results(_ manifest: SweepManifest) -> [Int: RunResult] {
        var out: [Int: RunResult] = [:]
        for point in manifest.points {
            if let r = result(of: point) { out[point.index] = r }
        }
        return out
    }

    /// Writes the result of a run that ended without writing its own (killed, timed out,
    /// crashed), unless the run wrote one after `since`: the point's parameters, the status
    /// its exit status means (or `status`), and where to look.
    public func recordEnd(of point: SweepManifest.Point, manifest: SweepManifest, exitStatus: Int, seconds: Double,
                          status: RunResult.Status? = nil, message: String? = nil, since: Date) {
        let file = runFolder(point).appendingPathComponent(RunResult.fileName)
        if status == nil, let attributes = try? FileManager.default.attributesOfItem(atPath: file.path),
           let modified = attributes[.modificationDate] as? Date, modified >= since.addingTimeInterval(-1),
           result(of: point) != nil {
            return
        }
        let result = RunResult(params: point.params, status: status ?? RunResult.status(forExit: exitStatus),
                               exitStatus: exitStatus, seconds: seconds, notebookHash: manifest.notebookHash,
                               dtrVersion: manifest.dtrVersion,
                               message: message ?? "the run ended (exit status \(exitStatus)) without writing \(RunResult.fileName); see its log")
        try? FileManager.default.createDirectory(at: runFolder(point), withIntermediateDirectories: true)
        try? AtomicFile.write(result.json.serialized, to: file)
    }

    /// The points still to run: all of them, or with `resume` those without a result of the
    /// current notebook (`notebookHash`). An interrupted run is never a result; a failed one
    /// is, unless `retryFailed`.
    public func pending(_ manifest: SweepManifest, resume: Bool, retryFailed: Bool) -> [SweepManifest.Point] {
        guard resume else { return manifest.points }
        return manifest.points.filter { point in
            guard let r = result(of: point), r.notebookHash == manifest.notebookHash else { return true }
            switch r.status {
            case .ok: return false
            case .failed, .timeout: return retryFailed
            case .interrupted: return true
            }
        }
    }
}
