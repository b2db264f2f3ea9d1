import Testing
@testable import Language
import Tensor

/// Bool tensors keep their dtype through `.npy` files (numpy's `|b1`, one byte per element).
struct NumpyBoolFileTests {
    @Test func boolTensorsAreWrittenAsB1AndReadBackAsBool() throws {
        let m = try Tensor([1, 0, 0, 1, 1, 0], shape: [2, 3], dtype: .bool)
        let bytes = NumpyFile.encode(m)
        let header = String(decoding: bytes.prefix(128), as: UTF8.self)
        #expect(header.contains("'descr': '|b1'") && header.contains("'shape': (2, 3)"))
        #expect(Array(bytes.suffix(6)) == [1, 0, 0, 1, 1, 0])
        let back = try NumpyFile.decode(bytes)
        #expect(back.dtype == .bool && back.shape == [2, 3] && back.toArray() == m.toArray())
    }
}
