/// A displayed value that can also be drawn as a picture (plots). The notebook runner asks
/// for PNG bytes when it writes outputs back (`dtr run --update`) or exports; the terminal
/// keeps using ``DisplayableObject/display(width:color:)``.
public protocol ImageRenderable {
    /// The value drawn as a PNG file's bytes.
    func pngBytes() throws -> [UInt8]
}
