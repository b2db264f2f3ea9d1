import Foundation

/// The result of `dtr run --update`: the notebook's new text and the image files to write
/// and remove in `NAME.files/`. Computing it touches no file; ``apply(toNotebookAt:)`` does.
public struct NotebookUpdate: Equatable, Sendable {
    /// A PNG to write into the image folder.
    public struct ImageFile: Equatable, Sendable {
        /// The file name inside the image folder (`cell-N-K.png`).
        public var fileName: String
        /// The PNG bytes.
        public var png: [UInt8]
    }

    /// The notebook's new text.
    public var text: String
    /// The image folder's name, relative to the notebook (`NAME.files`).
    public var imageFolder: String
    /// Images to write into the folder.
    public var imagesToWrite: [ImageFile]
    /// File names in the folder that the new text links to (written now or kept from cells
    /// that did not run).
    public var referencedImages: Set<String>

    /// Which of the folder's existing files are stale: generated names (`cell-N-K.png`)
    /// that the new text no longer links to. Other files are never touched.
    public func staleImages(existing fileNames: [String]) -> [String] {
        fileNames.filter { ImageLinkSyntax.cellAndIndex($0) != nil && !referencedImages.contains($0) }.sorted()
    }

    /// Writes the images, then the notebook (atomically, and only if its bytes changed),
    /// then removes stale images (and the folder, if that leaves it empty).
    ///
    /// Pass the text the run started from as `original` to refuse the update (and touch
    /// nothing) when the file was edited on disk while the notebook ran.
    public func apply(toNotebookAt url: URL, original: String? = nil) throws(NotebookError) {
        if let original, let current = try? Data(contentsOf: url), [UInt8](current) != Array(original.utf8) {
            throw NotebookError(.io, line: nil, "\(url.path) changed on disk while the notebook ran; outputs were not written")
        }
        let folder = url.deletingLastPathComponent().appendingPathComponent(imageFolder, isDirectory: true)
        let manager = FileManager.default
        if !imagesToWrite.isEmpty {
            do {
                try manager.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw NotebookError(.io, line: nil, "cannot create \(folder.path): \(error.localizedDescription)")
            }
        }
        for image in imagesToWrite {
            let target = folder.appendingPathComponent(image.fileName)
            if let existing = try? Data(contentsOf: target), [UInt8](existing) == image.png { continue }
            try AtomicFile.write(image.png, to: target)
        }
        let bytes = Array(text.utf8)
        if (try? Data(contentsOf: url)).map({ [UInt8]($0) }) != bytes {
            try AtomicFile.write(bytes, to: url)
        }
        guard let existing = try? manager.contentsOfDirectory(atPath: folder.path) else { return }
        let stale = staleImages(existing: existing)
        for name in stale {
            do {
                try manager.removeItem(at: folder.appendingPathComponent(name))
            } catch {
                throw NotebookError(.io, line: nil, "cannot remove stale image \(name): \(error.localizedDescription)")
            }
        }
        if !stale.isEmpty, (try? manager.contentsOfDirectory(atPath: folder.path))?.isEmpty == true {
            try? manager.removeItem(at: folder)
        }
    }
}

extension NotebookDocument {
    /// The notebook name used for the image folder: the file name without `.dtrnb`.
    public static func notebookName(of url: URL) -> String {
        url.deletingPathExtension().lastPathComponent
    }

    /// Computes the update after a run. `outputs[n]` is cell `n`'s output; a cell without
    /// an entry (the run stopped before it) keeps its stored output block unchanged. Prose
    /// and code are copied verbatim; running twice with the same outputs gives the same text.
    public func updated(with outputs: [Int: CellOutput], notebookName: String) -> NotebookUpdate {
        rewritten(with: outputs, notebookName: notebookName, keepUnexecuted: true)
    }

    /// The shared writer behind `--update` and `--to md`. With `keepUnexecuted` false, cells
    /// without an output lose their stored block.
    func rewritten(with outputs: [Int: CellOutput], notebookName: String, keepUnexecuted: Bool) -> NotebookUpdate {
        let folder = ImageLinkSyntax.folderName(notebookName: notebookName)
        var text = ""
        var writes: [NotebookUpdate.ImageFile] = []
        var referenced: Set<String> = []
        var replaced: Set<Int> = []
        for segment in segments {
            switch segment {
            case .cell(let cell):
                text += cell.raw
                if let output = outputs[cell.number] {
                    replaced.insert(cell.number)
                    let block = OutputBlockWriter.render(output, for: cell, cellRaw: cell.raw, imageFolder: folder)
                    text += block.text
                    for image in block.images {
                        writes.append(.init(fileName: image.fileName, png: image.png))
                        referenced.insert(image.fileName)
                    }
                }
            case .output(let block):
                guard keepUnexecuted, !replaced.contains(block.cellNumber) else { continue }
                text += block.raw
                for link in block.images {
                    let parts = link.path.split(separator: "/")
                    if parts.count == 2, parts[0] == folder { referenced.insert(String(parts[1])) }
                }
            default:
                text += segment.raw
            }
        }
        return NotebookUpdate(text: text, imageFolder: folder, imagesToWrite: writes, referencedImages: referenced)
    }
}
