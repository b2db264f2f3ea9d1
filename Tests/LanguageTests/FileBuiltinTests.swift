import Foundation
import Testing
@testable import Language

@Suite("File builtins")
struct FileBuiltinTests {
    func write(_ r: BindingsRun, _ name: String, _ bytes: [UInt8]) throws {
        try Data(bytes).write(to: r.folder.appendingPathComponent(name))
    }

    func read(_ r: BindingsRun, _ name: String) throws -> [UInt8] {
        try [UInt8](Data(contentsOf: r.folder.appendingPathComponent(name)))
    }

    /// A version 1.0 .npy file with the given header dictionary and data bytes.
    func npy(_ header: String, _ data: [UInt8], version: UInt8 = 1) -> [UInt8] {
        var h = Array(header.utf8)
        let prefix = version == 1 ? 10 : 12
        while (prefix + h.count + 1) % 64 != 0 { h.append(0x20) }
        h.append(0x0A)
        var out: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, version, 0]
        if version == 1 {
            out += [UInt8(h.count & 0xFF), UInt8(h.count >> 8)]
        } else {
            out += [UInt8(h.count & 0xFF), UInt8((h.count >> 8) & 0xFF), 0, 0]
        }
        return out + h + data
    }

    func int64s(_ v: [Int64]) -> [UInt8] { v.flatMap { x in (0..<8).map { UInt8((UInt64(bitPattern: x) >> (8 * UInt64($0))) & 0xFF) } } }

    @Test(".npy round trip keeps values, shape and dtype")
    func npyRoundTrip() throws {
        let r = try BindingsRun()
        #expect(r.numbers("x = randn([3, 4, 2], seed: 5); save_npy(x, \"x.npy\"); y = load_npy(\"x.npy\"); [all(x == y), len(shape(y))]") == [1, 3])
        #expect(r.value("save_npy(f32([0.1, 2]), \"f.npy\"); load_npy(\"f.npy\")").tensorValue?.dtype == .f32)
        #expect(r.numbers("save_npy(7.5, \"s.npy\"); load_npy(\"s.npy\")") == [7.5])
        #expect(r.numbers("save_npy(zeros([0]), \"e.npy\"); len(load_npy(\"e.npy\"))") == [0])
        #expect(r.numbers("save(route(\"dtr\", 10, 8), \"m.npy\"); sum(load_npy(\"m.npy\"))") == [60])
    }

    @Test("the .npy bytes are exactly numpy's: magic, version 1.0, 64-byte aligned header, little-endian data")
    func npyBytes() throws {
        let r = try BindingsRun()
        _ = r.value("save_npy([[1, 2, 3], [4, 5, 6]], \"a.npy\")")
        let b = try read(r, "a.npy")
        let header = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }"
        #expect(Array(b[0..<8]) == [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0])
        #expect(b.count == 128 + 48)
        #expect(String(decoding: b[10..<(10 + header.utf8.count)], as: UTF8.self) == header)
        #expect(b[127] == 0x0A)
        #expect(Array(b[128..<136]) == Array(1.0.bitPattern.littleEndianBytes))
    }

    @Test("integer, bool, big-endian, Fortran-order and version 2.0 files load as numpy would")
    func npyVariants() throws {
        let r = try BindingsRun()
        try write(r, "i.npy", npy("{'descr': '<i8', 'fortran_order': False, 'shape': (2, 3), }", int64s([0, 1, 2, 3, 4, 5])))
        #expect(r.numbers("load_npy(\"i.npy\")") == [0, 1, 2, 3, 4, 5])
        #expect(r.value("load_npy(\"i.npy\")").tensorValue?.dtype == .f64)
        try write(r, "b.npy", npy("{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }", [1, 0, 1]))
        #expect(r.numbers("load_npy(\"b.npy\")") == [1, 0, 1])
        try write(r, "be.npy", npy("{'descr': '>i2', 'fortran_order': False, 'shape': (2,), }", [0xFF, 0xFE, 0x01, 0x00]))
        #expect(r.numbers("load_npy(\"be.npy\")") == [-2, 256])
        // Column-major [[0, 1, 2], [3, 4, 5]] is stored 0 3 1 4 2 5.
        try write(r, "f.npy", npy("{'descr': '<i8', 'fortran_order': True, 'shape': (2, 3), }", int64s([0, 3, 1, 4, 2, 5])))
        #expect(r.numbers("load_npy(\"f.npy\")") == [0, 1, 2, 3, 4, 5])
        try write(r, "v2.npy", npy("{'shape': (2,), 'fortran_order': False, 'descr': '<i8'}", int64s([7, 8]), version: 2))
        #expect(r.numbers("load_npy(\"v2.npy\")") == [7, 8])
    }

    @Test("broken .npy files are clear errors, never a crash")
    func npyErrors() throws {
        let r = try BindingsRun()
        let good = npy("{'descr': '<i8', 'fortran_order': False, 'shape': (2, 3), }", int64s([0, 1, 2, 3, 4, 5]))
        try write(r, "trunc.npy", Array(good.dropLast(5)))
        #expect(r.error("load_npy(\"trunc.npy\")").contains("truncated: shape (2, 3) of '<i8' needs 48 bytes of data, the file has 43"))
        try write(r, "head.npy", Array(good.prefix(30)))
        #expect(r.error("load_npy(\"head.npy\")").contains("header is truncated"))
        try write(r, "lie.npy", npy("{'descr': '<i8', 'fortran_order': False, 'shape': (2, 2), }", int64s([0, 1, 2, 3, 4, 5])))
        #expect(r.error("load_npy(\"lie.npy\")").contains("does not match the data"))
        try write(r, "huge.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (4611686018427387904, 4), }", []))
        #expect(r.error("load_npy(\"huge.npy\")").contains("too large"))
        try write(r, "obj.npy", npy("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", [0, 0, 0, 0, 0, 0, 0, 0]))
        #expect(r.error("load_npy(\"obj.npy\")").contains("unsupported .npy element type '|O'"))
        try write(r, "rec.npy", npy("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1,), }", [0, 0, 0, 0, 0, 0, 0, 0]))
        #expect(r.error("load_npy(\"rec.npy\")").contains("structured"))
        try write(r, "junk.npy", Array("hello, world".utf8))
        #expect(r.error("load_npy(\"junk.npy\")").contains("not a .npy file"))
        try write(r, "bad.npy", npy("{'descr': '<f8', 'fortran_order': maybe, 'shape': (1,), }", [0, 0, 0, 0, 0, 0, 0, 0]))
        #expect(r.error("load_npy(\"bad.npy\")").contains("fortran_order"))
        try write(r, "v9.npy", [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 9, 0, 0, 0])
        #expect(r.error("load_npy(\"v9.npy\")").contains("unsupported .npy format version 9.0"))
        #expect(r.error("load_npy(\"missing.npy\")").contains("cannot read \"missing.npy\""))
    }

    @Test("CSV round trip, headers, comments, and ragged rows named by line")
    func csv() throws {
        let r = try BindingsRun()
        #expect(r.numbers("x = [[1, 2.5], [0.1, -3e-7]]; save_csv(x, \"m.csv\"); all(load_csv(\"m.csv\") == x)") == [1])
        #expect(String(decoding: try read(r, "m.csv"), as: UTF8.self) == "1,2.5\n0.1,-3e-07\n")
        #expect(r.numbers("save_csv([1, 2, 3], \"v.csv\"); load_csv(\"v.csv\")") == [1, 2, 3])
        #expect(r.numbers("len(shape(load_csv(\"v.csv\")))") == [1])
        try write(r, "h.csv", Array("# made by hand\nx, y\n1, 2\n\n3, 4\r\n".utf8))
        #expect(r.numbers("load_csv(\"h.csv\")") == [1, 2, 3, 4])
        try write(r, "nan.csv", Array("nan,inf,-inf\n".utf8))
        let v = r.numbers("load_csv(\"nan.csv\")")
        #expect(v[0].isNaN && v[1] == .infinity && v[2] == -.infinity)
        try write(r, "ragged.csv", Array("1,2\n3,4\n5\n".utf8))
        #expect(r.error("load_csv(\"ragged.csv\")").contains("line 3 has 1 value but line 1 has 2"))
        try write(r, "word.csv", Array("1,2\n3,four\n".utf8))
        #expect(r.error("load_csv(\"word.csv\")").contains("line 2, column 2: \"four\" is not a number"))
        try write(r, "empty.csv", [])
        #expect(r.error("load_csv(\"empty.csv\")").contains("holds no numbers"))
        #expect(r.error("save_csv(zeros([2, 2, 2]), \"c.csv\")").contains("1-D or 2-D"))
        #expect(r.error("save_csv([1], \"../c.csv\")").contains("leads outside the folder"))
        #expect(r.error("save_npy([1], \"/tmp/c.npy\")").contains("is an absolute path"))
    }
}

private extension UInt64 {
    var littleEndianBytes: [UInt8] { (0..<8).map { UInt8((self >> (8 * UInt64($0))) & 0xFF) } }
}
