import CCairo
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A decoded PNG (through cairo's PNG reader): pixels as 0xAARRGGBB, row-major. Tests
/// check figures by their pixels with it.
public struct PNGPixels: Sendable, CustomStringConvertible {
    /// `PNG W×H` (not the pixels).
    public var description: String { "PNG \(width)×\(height)" }

    public let width: Int
    public let height: Int
    /// `width × height` pixels, row 0 at the top.
    public let pixels: [UInt32]

    /// The pixel at column `x`, row `y`.
    public func at(_ x: Int, _ y: Int) -> UInt32 { pixels[y * width + x] }

    /// (r, g, b) of the pixel at column `x`, row `y`.
    public func rgb(_ x: Int, _ y: Int) -> (Int, Int, Int) {
        let p = at(x, y)
        return (Int(p >> 16 & 0xFF), Int(p >> 8 & 0xFF), Int(p & 0xFF))
    }

    /// Decodes `png` (written to a temporary file for cairo's reader).
    public init(png: [UInt8]) throws(RenderError) {
        let lib = try CairoLibrary.get()
        var template = Array("\(NSTemporaryDirectoryPath())/dtr-png-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemp(base)
        }
        guard fd >= 0 else { throw .backend("cannot create a temporary file to decode a PNG") }
        let path = String(cString: template.map { UInt8(bitPattern: $0) })
        defer { unlink(path) }
        let written = png.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        guard written == png.count else { throw .backend("cannot write a temporary PNG") }
        guard let surface = lib.image_surface_create_from_png(path) else { throw .backend("cairo cannot read the PNG") }
        defer { lib.surface_destroy(surface) }
        let st = lib.surface_status(surface)
        guard st == CAIRO_STATUS_SUCCESS else { throw .backend("cairo cannot read the PNG: \(lib.message(st))") }
        let w = Int(lib.image_surface_get_width(surface)), h = Int(lib.image_surface_get_height(surface))
        let stride = Int(lib.image_surface_get_stride(surface))
        guard let data = lib.image_surface_get_data(surface) else { throw .backend("the decoded PNG has no pixels") }
        var out = [UInt32](repeating: 0, count: w * h)
        for y in 0..<h {
            let row = UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
            for x in 0..<w { out[y * w + x] = row[x] }
        }
        width = w
        height = h
        pixels = out
    }
}

/// `$TMPDIR`, else /tmp.
private func NSTemporaryDirectoryPath() -> String {
    getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
}
