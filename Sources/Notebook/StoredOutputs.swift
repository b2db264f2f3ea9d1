extension NotebookDocument {
    /// The outputs stored in the file by an earlier `--update`, as ``CellOutput`` values, so
    /// a notebook can be exported without running it again. `loadImage` receives each image
    /// link's path (relative to the notebook) and returns its bytes; missing images are
    /// skipped. Lines from the first one starting with `error:` on are taken as the error.
    public func storedOutputs(loadImage: (String) -> [UInt8]?) -> [Int: CellOutput] {
        var result: [Int: CellOutput] = [:]
        for case .output(let block) in segments {
            var output = CellOutput()
            if let errorStart = block.textLines.firstIndex(where: { $0.hasPrefix("error:") }) {
                output.lines = Array(block.textLines[..<errorStart])
                output.error = block.textLines[errorStart...].joined(separator: "\n")
                output.status = .failed
            } else {
                output.lines = block.textLines
            }
            output.images = block.images.compactMap { link in
                loadImage(link.path).map { CellImage(png: $0, alt: link.alt) }
            }
            result[block.cellNumber] = output
        }
        return result
    }
}
