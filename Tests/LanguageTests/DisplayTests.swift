import Testing
import Tensor
@testable import Language

/// The frozen display formats (they end up in golden files and notebooks).
struct DisplayTests {
    @Test func numbers() {
        #expect(NumberFormat.format(3) == "3")
        #expect(NumberFormat.format(-12) == "-12")
        #expect(NumberFormat.format(0.1) == "0.1")
        #expect(NumberFormat.format(2.5e-5) == "2.5e-05")
        #expect(NumberFormat.format(1e16) == "1e+16")
        #expect(NumberFormat.format(10_000_000) == "10000000")
        #expect(NumberFormat.format(.nan) == "nan")
        #expect(NumberFormat.format(-.infinity) == "-inf")
        #expect(NumberFormat.format(3.14159, digits: 3) == "3.14")
    }

    @Test func vectors() throws {
        #expect(Value(try Tensor([1, 2, 3])).display() == "f64[3] [1 2 3]")
        #expect(Value(try Tensor([0.1, 2.5, -1])).display() == "f64[3] [ 0.1  2.5 -1. ]")
        #expect(Value(try Tensor([1e-5, 1e5])).display() == "f64[2] [1.e-05 1.e+05]")
        #expect(Value(try Tensor([7])).display() == "[7]")
        #expect(Value(try Tensor([1, 2], dtype: .f32)).display() == "f32[2] [1 2]")
    }

    @Test func matrices() throws {
        let m = try Tensor([1, 2, 3, 40, 50, 60], shape: [2, 3])
        #expect(Value(m).display() == "f64[2, 3]\n[[ 1  2  3]\n [40 50 60]]")
        #expect(Value(m).printed() == "[[ 1  2  3]\n [40 50 60]]")
    }

    @Test func longTensorsAreSummarised() throws {
        let t = try Tensor((0..<2000).map(Double.init))
        #expect(Value(t).display() == "f64[2000] [   0    1    2 ... 1997 1998 1999]")
    }

    @Test func containers() throws {
        #expect(Value.list([.number(1), .string("a"), .none]).display() == "[1, \"a\", none]")
        #expect(Value.record(Record([("alpha", .number(4)), ("beta", .number(0.8))])).display() == "{alpha: 4, beta: 0.8}")
        #expect(Value.record(Record()).display() == "{}")
        #expect(Value.string("a\n\"b\"").display() == "\"a\\n\\\"b\\\"\"")
        #expect(Value.string("plain").printed() == "plain")
        #expect(Value.none.display() == "")
        #expect(Value.range(RangeValue(lower: 0, upper: 5)).display() == "0..<5")
        #expect(Value.bool(true).display() == "true")
    }
}
