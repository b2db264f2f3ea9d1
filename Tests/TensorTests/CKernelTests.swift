import Foundation
import Testing
@testable import Tensor

/// The C transcendental kernels against glibc's correctly rounded-or-close libm, over
/// special values, subnormals, the neighbourhood of 1 and a wide sweep of magnitudes.
@Suite struct CKernelTests {
    static let logSpecials: [Double] = [
        0, -0.0, -1, .nan, .infinity, -.infinity, .leastNonzeroMagnitude, Double(bitPattern: 0x0000_7000_0000_0001), 2.2250738585072014e-308, 1e-300,
        0.999999999999999, 1, 1.000000000000001, 1.0000000000000002, 0.7071067811865476, 1.4142135623730951,
        2, 0.5, 10, 1e308, .greatestFiniteMagnitude,
    ]
    static let logSweep: [Double] = (0..<400).map { (i: Int) -> Double in pow(10.0, Double(i - 200) * 1.53) }
    static let logUnit: [Double] = (0..<200).map { (i: Int) -> Double in 0.5 + Double(i) / 199.0 }
    static var logInputs: [Double] { logSpecials + logSweep + logUnit }

    static func ulpsApart(_ a: Double, _ b: Double) -> Double {
        if a.isNaN || b.isNaN { return a.isNaN && b.isNaN ? 0 : .infinity }
        if a == b { return 0 }
        return Swift.abs(a - b) / Swift.max(b.ulp, Double.leastNonzeroMagnitude)
    }

    @Test func logIsWithinOneUlp() {
        let x = Self.logInputs
        var o = [Double](repeating: 0, count: x.count)
        x.withUnsafeBufferPointer { xb in o.withUnsafeMutableBufferPointer { ob in
            if let xp = xb.baseAddress, let op = ob.baseAddress { Double.logRow(xp, op, x.count) }
        } }
        for i in x.indices {
            #expect(Self.ulpsApart(o[i], Foundation.log(x[i])) <= 1, "log(\(x[i])) = \(o[i]), libm \(Foundation.log(x[i]))")
        }
    }

    @Test func log1pIsAccurateNearZero() {
        let specials: [Double] = [0, -0.0, 1e-300, -1e-20, 1e-16, 3e-9, -0.25, -0.5, -0.999999, -1, -2, .infinity, .nan, 1, 1e10, 1e300]
        let sweep: [Double] = (0..<300).map { (i: Int) -> Double in pow(10.0, Double(i - 150) * 0.1) }
        let negative: [Double] = (0..<100).map { (i: Int) -> Double in -Double(i) / 101.0 }
        let x = specials + sweep + negative
        var o = [Double](repeating: 0, count: x.count)
        x.withUnsafeBufferPointer { xb in o.withUnsafeMutableBufferPointer { ob in
            if let xp = xb.baseAddress, let op = ob.baseAddress { Double.log1pRow(xp, op, x.count) }
        } }
        for i in x.indices {
            #expect(Self.ulpsApart(o[i], Foundation.log1p(x[i])) <= 3, "log1p(\(x[i])) = \(o[i]), libm \(Foundation.log1p(x[i]))")
        }
    }

    @Test func expIsWithinTwoUlps() {
        let specials: [Double] = [0, -0.0, 1, -1, 709.78, 709.79, -708.4, -745.1, -745.2, -1000, 1000, .nan, .infinity, -.infinity]
        let sweep: [Double] = (0..<1000).map { (i: Int) -> Double in Double(i - 500) * 1.4183 }
        let x = specials + sweep
        var o = [Double](repeating: 0, count: x.count)
        x.withUnsafeBufferPointer { xb in o.withUnsafeMutableBufferPointer { ob in
            if let xp = xb.baseAddress, let op = ob.baseAddress { Double.expRow(xp, op, x.count) }
        } }
        for i in x.indices {
            let want = Foundation.exp(x[i])
            // Subnormal results carry fewer digits: compare them absolutely.
            let ok = want < 2.2250738585072014e-308 ? Swift.abs(o[i] - want) <= 2 * Double.leastNonzeroMagnitude : Self.ulpsApart(o[i], want) <= 2
            #expect(ok, "exp(\(x[i])) = \(o[i]), libm \(want)")
        }
    }

    @Test func activationsMatchLibm() {
        let specials: [Double] = [0, -0.0, 1e-300, -1e-20, 1e-9, 0.1, -0.3, 0.5, 1, -1, 5, 19, 19.2, -19.2, 25, 40, 800, -800,
                                  .infinity, -.infinity, .nan]
        let sweep: [Double] = (0..<800).map { (i: Int) -> Double in Double(i - 400) * 0.0617 }
        let x = specials + sweep
        var th = [Double](repeating: 0, count: x.count), sg = th, sl = th
        x.withUnsafeBufferPointer { xb in
            guard let xp = xb.baseAddress else { return }
            th.withUnsafeMutableBufferPointer { if let o = $0.baseAddress { Double.tanhRow(xp, o, x.count) } }
            sg.withUnsafeMutableBufferPointer { if let o = $0.baseAddress { Double.sigmoidRow(xp, o, x.count) } }
            sl.withUnsafeMutableBufferPointer { if let o = $0.baseAddress { Double.siluRow(xp, o, x.count) } }
        }
        for i in x.indices {
            let v = x[i]
            #expect(Self.ulpsApart(th[i], Foundation.tanh(v)) <= 4, "tanh(\(v)) = \(th[i]), libm \(Foundation.tanh(v))")
            let s = 1 / (1 + Foundation.exp(-v))
            #expect(Self.ulpsApart(sg[i], s) <= 4, "sigmoid(\(v)) = \(sg[i]), libm \(s)")
            let u = v / (1 + Foundation.exp(-v))
            #expect(Self.ulpsApart(sl[i], u) <= 4, "silu(\(v)) = \(sl[i]), libm \(u)")
        }
        #expect(th[1].sign == .minus)  // tanh(-0) = -0
    }
}

/// f32 GELU from the C kernel (a fitted double-precision erfc) against GELU evaluated with
/// libm's erfc in double and rounded once: the same float but for rare near-tie inputs, never
/// more than one ulp apart; strided input (the per-value entry point) gives the same results.
@Suite struct GeluKernelTests {
    @Test func f32GeluIsTheRoundedExactValue() throws {
        let specials: [Float] = [0, -0.0, 1e-30, -1e-30, .leastNonzeroMagnitude, 1, -1, 5, -5, 17, -17, 18, -18,
                                 30, -30, 1e30, -1e30, .greatestFiniteMagnitude, .infinity, .nan]
        let sweep: [Float] = (0..<200_001).map { Float($0 - 100_000) * 0.0002 }  // −20…20
        let x = specials + sweep
        let out = try Tensor.unary(.gelu, Tensor(x.map(Double.init), shape: [x.count]).converted(to: .f32)).toArray()
        var differ = 0
        for (xi, got) in zip(x, out) {
            let want = Float(0.5 * Double(xi) * Foundation.erfc(Double(xi) * -0.7071067811865476))
            if want.isNaN { #expect(Float(got).isNaN, "gelu(\(xi))"); continue }
            if Float(got) != want {
                differ += 1
                #expect(Swift.abs(Float(got) - want) <= want.ulp, "gelu(\(xi)) = \(got), expected \(want)")
            }
        }
        #expect(differ <= x.count / 1000, "\(differ) of \(x.count) values differ in the last bit")
        // Strided (every other element of a 2-column matrix) equals contiguous.
        let pairs = try Tensor(x.flatMap { [Double($0), 0] }, shape: [x.count, 2]).converted(to: .f32)
        let column = try pairs.subscripted([.slice(start: nil, stop: nil, step: nil), .index(0)])
        #expect(column.strides == [2])
        let strided = try Tensor.unary(.gelu, column).toArray()
        #expect(zip(strided, out).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) })
    }
}
