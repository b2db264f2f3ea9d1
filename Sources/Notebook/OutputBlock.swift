/// The output stored after a cell by `dtr run --update`: an optional fenced block with info
/// string `output`, then Markdown image links to `NAME.files/cell-N-K.png`.
///
/// The block owns everything between the cell's closing fence and its last image link,
/// including the one blank line that may separate it from the cell. It is replaced whole on
/// the next update.
public struct OutputBlock: Equatable, Sendable {
    /// The number of the cell this output belongs to.
    public var cellNumber: Int
    /// The lines inside the `output` fence (without terminators); empty when there is none.
    public var textLines: [String]
    /// The image links, in order.
    public var images: [ImageLink]
    /// 1-based line of the file where the block starts.
    public var firstLine: Int
    /// The exact text of the block.
    public var raw: String
}

/// A Markdown image link `![alt](path)` owned by an output block.
public struct ImageLink: Equatable, Sendable {
    /// The alt text (Markdown escapes removed).
    public var alt: String
    /// The link destination as written (percent-encoded).
    public var destination: String

    /// The destination with percent-escapes decoded: a path relative to the notebook.
    public var path: String { destination.removingPercentEncodingSafely }
}

extension String {
    /// Decodes `%XX` escapes; leaves malformed escapes as they are.
    var removingPercentEncodingSafely: String {
        var bytes: [UInt8] = []
        let source = Array(utf8)
        var index = 0
        while index < source.count {
            if source[index] == UInt8(ascii: "%"), index + 2 < source.count,
               let high = hexValue(source[index + 1]), let low = hexValue(source[index + 2]) {
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(source[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
