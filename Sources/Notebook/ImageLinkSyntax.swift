/// Reading and writing the Markdown image links that output blocks own:
/// `![alt](NAME.files/cell-N-K.png)` on a line of their own.
enum ImageLinkSyntax {
    /// The file name of image `k` of cell `n` (both 1-based): `cell-N-K.png`.
    static func fileName(cell: Int, image: Int) -> String { "cell-\(cell)-\(image).png" }

    /// The folder beside notebook `NAME.dtrnb` that holds its images: `NAME.files`.
    static func folderName(notebookName: String) -> String { notebookName + ".files" }

    /// Formats a link line (without terminator).
    static func line(alt: String, path: String) -> String {
        "![\(escapeAlt(alt))](\(percentEncode(path)))"
    }

    /// Recognises a line holding exactly one owned image link. A link is owned when its
    /// destination is `STEM.files/cell-N-K.png`; other images are prose.
    static func parse(_ content: String) -> ImageLink? {
        let text = content.trimmedSpaces
        let scalars = Array(text.unicodeScalars)
        guard scalars.count > 5, scalars[0] == "!", scalars[1] == "[", scalars[scalars.count - 1] == ")" else { return nil }
        var alt = String.UnicodeScalarView()
        var index = 2
        var closed = false
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\\", index + 1 < scalars.count {
                alt.append(scalars[index + 1])
                index += 2
                continue
            }
            if scalar == "[" { return nil }
            if scalar == "]" { closed = true; break }
            alt.append(scalar)
            index += 1
        }
        guard closed, index + 1 < scalars.count, scalars[index + 1] == "(" else { return nil }
        var destination = String(String.UnicodeScalarView(scalars[(index + 2)..<(scalars.count - 1)]))
        if destination.hasPrefix("<") && destination.hasSuffix(">") && destination.count >= 2 {
            destination = String(destination.dropFirst().dropLast())
        }
        let link = ImageLink(alt: String(alt), destination: destination)
        return isOwned(link.path) ? link : nil
    }

    /// True for `STEM.files/cell-N-K.png` with a non-empty STEM without slashes.
    static func isOwned(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].hasSuffix(".files"), parts[0].count > ".files".count else { return false }
        return cellAndIndex(String(parts[1])) != nil
    }

    /// Parses `cell-N-K.png` into (N, K).
    static func cellAndIndex(_ fileName: String) -> (Int, Int)? {
        guard fileName.hasPrefix("cell-"), fileName.hasSuffix(".png") else { return nil }
        let middle = fileName.dropFirst(5).dropLast(4).split(separator: "-", omittingEmptySubsequences: false)
        guard middle.count == 2,
              middle.allSatisfy({ !$0.isEmpty && $0.count <= 9 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let cell = Int(middle[0]), let image = Int(middle[1]) else { return nil }
        return (cell, image)
    }

    /// Escapes Markdown brackets and backslashes in alt text and folds line breaks.
    static func escapeAlt(_ alt: String) -> String {
        var out = ""
        for scalar in alt.unicodeScalars {
            switch scalar {
            case "\\", "[", "]": out.unicodeScalars.append("\\"); out.unicodeScalars.append(scalar)
            case "\n", "\r", "\t": out.unicodeScalars.append(" ")
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Percent-encodes everything but unreserved characters and `/`.
    static func percentEncode(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            let scalar = Unicode.Scalar(byte)
            if byte < 0x80, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-._~/".unicodeScalars.contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
