/// The kernelspec's logo: a DTR routing mask (a window of channels sliding with the
/// timestep) in dtr's colours, written as a PNG without any image library.
enum Logo {
    /// A `size`×`size` RGBA PNG.
    static func png(size: Int) -> [UInt8] {
        var rows: [UInt8] = []
        let k = Double(size) * 0.55
        for y in 0..<size {
            rows.append(0)  // filter: none
            let t = Double(y) / Double(max(size - 1, 1))
            let start = (t * t * t * t) * (Double(size) - k)
            for x in 0..<size {
                let inside = Double(x) >= start && Double(x) < start + k
                let border = x == 0 || y == 0 || x == size - 1 || y == size - 1
                let (r, g, b): (UInt8, UInt8, UInt8) = border ? (40, 44, 52) : inside ? (250, 180, 40) : (45, 60, 120)
                rows += [r, g, b, 255]
            }
        }
        var header: [UInt8] = []
        header += bigEndian(UInt32(size)) + bigEndian(UInt32(size))
        header += [8, 6, 0, 0, 0]  // 8-bit RGBA, no interlace
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
            + chunk("IHDR", header) + chunk("IDAT", zlibStored(rows)) + chunk("IEND", [])
    }

    private static func bigEndian(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8(truncatingIfNeeded: v >> 16), UInt8(truncatingIfNeeded: v >> 8), UInt8(truncatingIfNeeded: v)]
    }

    private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        return bigEndian(UInt32(data.count)) + body + bigEndian(crc32(body))
    }

    /// zlib with stored (uncompressed) deflate blocks.
    private static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let n = min(65535, data.count - offset)
            let last: UInt8 = offset + n == data.count ? 1 : 0
            out += [last, UInt8(n & 0xFF), UInt8(n >> 8), UInt8(~n & 0xFF), UInt8((~n >> 8) & 0xFF)]
            out += data[offset..<offset + n]
            offset += n
        } while offset < data.count
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in data { a = (a + UInt32(byte)) % 65521; b = (b + a) % 65521 }
        return out + bigEndian(b << 16 | a)
    }

    private static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
