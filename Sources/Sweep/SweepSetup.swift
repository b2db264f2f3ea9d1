import Foundation
import Language
import Notebook

/// Starting a sweep: checks the grid against the notebook, then writes `DIR/sweep.json`
/// (or, with `resume`, checks that DIR holds the same grid and updates the notebook hash)
/// and makes the run folders.
public enum SweepSetup {
    /// Prepares `folder` for sweeping `notebookPath` over `grid`; returns the manifest.
    public static func prepare(notebookPath: String, grid: Grid, folder: SweepFolder, resume: Bool,
                               dtrVersion: String, settings: [String: JSON]) throws(SweepError) -> SweepManifest {
        let url = URL(fileURLWithPath: notebookPath).standardizedFileURL
        let document: NotebookDocument
        do {
            document = try NotebookDocument(contentsOf: url)
        } catch {
            throw SweepError("\(notebookPath)" + (error.line.map { ", line \($0)" } ?? "") + ": \(error.message)")
        }
        try grid.check(against: document, notebookFile: url.lastPathComponent)
        let hash = SHA256.hex(Array(document.text.utf8))
        var manifest = SweepManifest(notebook: url.path, notebookHash: hash, dtrVersion: dtrVersion, axes: grid.axes,
                                     seedAxis: grid.seedAxis, points: grid.manifestPoints, settings: settings)
        if folder.exists {
            guard resume else {
                throw SweepError("\(folder.url.path) already holds a sweep; pass --resume to continue it, or choose another --out")
            }
            let old = try folder.manifest()
            guard old.axes == manifest.axes, old.seedAxis == manifest.seedAxis else {
                throw SweepError("\(folder.url.path) holds a sweep over a different grid; choose another --out")
            }
            guard old.notebook == manifest.notebook else {
                throw SweepError("\(folder.url.path) holds a sweep of \(old.notebook); choose another --out")
            }
            manifest.settings = old.settings.merging(settings) { $1 }
        }
        try folder.save(manifest)
        for point in manifest.points {
            do {
                try FileManager.default.createDirectory(at: folder.runFolder(point), withIntermediateDirectories: true)
            } catch {
                throw SweepError("cannot create \(folder.runFolder(point).path): \(error.localizedDescription)")
            }
        }
        return manifest
    }

    /// The `dtr run` arguments for one point (after the executable): the notebook, a
    /// `--set` per axis, `--results` into its run folder, and `extra` (`--allow-fs`).
    public static func runArguments(for point: SweepManifest.Point, manifest: SweepManifest, folder: SweepFolder,
                                    extra: [String] = []) -> [String] {
        var args = ["run", manifest.notebook, "--no-color"]
        for axis in manifest.axes {
            if let literal = point.params[axis.name] { args.append("--set=\(axis.name)=\(literal)") }
        }
        args += ["--results", folder.runFolder(point).path]
        return args + extra
    }
}
