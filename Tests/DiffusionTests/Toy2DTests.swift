import Foundation
import Testing
@testable import Diffusion
import Tensor

/// The 2-D toy data sets: shapes, determinism, and the geometry each one promises.
struct Toy2DTests {
    /// Column `k` of an n×2 tensor.
    func column(_ t: Tensor, _ k: Int) -> [Double] {
        let v = t.toArray()
        return stride(from: k, to: v.count, by: 2).map { v[$0] }
    }

    func mean(_ v: [Double]) -> Double { v.reduce(0, +) / Double(v.count) }

    func std(_ v: [Double]) -> Double {
        let m = mean(v)
        return (v.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(v.count)).squareRoot()
    }

    @Test(arguments: Toy2D.names)
    func everySetIsAnNBy2F64TensorFixedByItsSeed(_ name: String) throws {
        let a = try Toy2D.sample(name, n: 301, seed: 3)
        #expect(a.shape == [301, 2])
        #expect(a.dtype == .f64)
        #expect(a.toArray() == (try Toy2D.sample(name, n: 301, seed: 3)).toArray())
        #expect(a.toArray() != (try Toy2D.sample(name, n: 301, seed: 4)).toArray())
        #expect(a.toArray().allSatisfy { $0.isFinite && abs($0) < 4 })
    }

    @Test func aSmallerSampleIsAPrefixOfALargerOne() throws {
        let small = try Toy2D.sample("rings", n: 10, seed: 1).toArray()
        let large = try Toy2D.sample("rings", n: 1000, seed: 1).toArray()
        #expect(Array(large.prefix(20)) == small)
    }

    @Test func moonsAreCentredWithUnitStandardDeviation() throws {
        let x = try Toy2D.sample("moons", n: 20000, seed: 0)
        for k in 0..<2 {
            #expect(abs(mean(column(x, k))) < 0.03)
            #expect(abs(std(column(x, k)) - 1) < 0.03)
        }
    }

    @Test func eightGaussiansSitOnACircleOfRadiusTwo() throws {
        let x = try Toy2D.sample("8gaussians", n: 4000, seed: 0)
        let xs = column(x, 0), ys = column(x, 1)
        let radii = zip(xs, ys).map { ($0 * $0 + $1 * $1).squareRoot() }
        #expect(abs(mean(radii) - 2) < 0.02)
        // The nearest mode is within 4 std (0.8) of every point.
        for (px, py) in zip(xs, ys) {
            let k = (atan2(py, px) / (Double.pi / 4)).rounded()
            let dx = px - 2 * cos(k * .pi / 4), dy = py - 2 * sin(k * .pi / 4)
            #expect((dx * dx + dy * dy).squareRoot() < 0.8)
        }
    }

    @Test func checkerboardFillsOnlyTheDarkSquares() throws {
        let x = try Toy2D.sample("checkerboard", n: 2000, seed: 0)
        for (px, py) in zip(column(x, 0), column(x, 1)) {
            #expect(px >= -2 && px < 2 && py >= -2 && py < 2)
            // Dark squares: floor(x) + floor(y) is even.
            #expect(Int(floor(px) + floor(py)) % 2 == 0)
        }
    }

    @Test func ringsHaveFourRadii() throws {
        let x = try Toy2D.sample("rings", n: 400, seed: 0)
        let radii = zip(column(x, 0), column(x, 1)).map { ($0 * $0 + $1 * $1).squareRoot() }
        for (i, r) in radii.enumerated() {
            #expect(abs(r - 0.5 * Double(i % 4 + 1)) < 0.3)
        }
    }

    @Test func unknownNamesAndEmptySamplesAreErrors() {
        #expect(throws: TensorError.self) { try Toy2D.sample("moon", n: 10, seed: 0) }
        #expect(throws: TensorError.self) { try Toy2D.sample("moons", n: 0, seed: 0) }
    }
}

/// Energy distance and RBF MMD² against numpy (Fixtures/gen_metric.py).
struct SampleDistanceTests {
    /// The closed-form samples of gen_metric.py.
    static func sampleA(_ n: Int, _ d: Int) throws -> Tensor {
        var v: [Double] = []
        for i in 0..<n {
            for k in 0..<d {
                v.append(sin(0.7 * Double(i) + 1.3 * Double(k)) * (1 + 0.1 * Double(k)) + (k == 0 ? 0.05 * Double(i) : 0))
            }
        }
        return try Tensor(v, shape: [n, d])
    }

    static func sampleB(_ m: Int, _ d: Int) throws -> Tensor {
        var v: [Double] = []
        for j in 0..<m {
            for k in 0..<d { v.append(cos(1.1 * Double(j) - 0.4 * Double(k)) * 1.5 + 0.3) }
        }
        return try Tensor(v, shape: [m, d])
    }

    nonisolated(unsafe) static let cases: [[String: Any]] = {
        guard let url = Bundle.module.url(forResource: "metric_fixtures", withExtension: "json", subdirectory: "Fixtures"),
              let data = try? Data(contentsOf: url),
              let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return [] }
        return obj["cases"] as? [[String: Any]] ?? []
    }()

    @Test func fixturesArePresent() {
        #expect(Self.cases.count == 6)
    }

    @Test func energyAndMMDMatchNumpy() throws {
        for c in Self.cases {
            let n = int(c["n"]), m = int(c["m"]), d = int(c["d"])
            let a = try Self.sampleA(n, d)
            let b = c["same"] != nil ? a : try Self.sampleB(m, d)
            let what = "n=\(n) m=\(m) d=\(d)"
            #expect(close(try SampleDistance.energy(a, b), number(c["energy_v"]), rel: 1e-12), "\(what) energy V")
            #expect(close(try SampleDistance.mmd(a, b, bandwidth: 0.5) + 1, number(c["mmd_v_0.5"]) + 1, rel: 1e-13),
                    "\(what) MMD V")
            guard c["same"] == nil else { continue }
            #expect(close(try SampleDistance.energy(a, b, unbiased: true), number(c["energy_u"]), rel: 1e-12), "\(what) energy U")
            for h in [0.5, 2.0] {
                #expect(close(try SampleDistance.mmd(a, b, bandwidth: h, unbiased: true), number(c["mmd_u_\(h)"]), rel: 1e-11),
                        "\(what) MMD U h=\(h)")
                #expect(close(try SampleDistance.mmd(a, b, bandwidth: h), number(c["mmd_v_\(h)"]), rel: 1e-11),
                        "\(what) MMD V h=\(h)")
            }
        }
    }

    @Test func aOneDimensionalTensorIsASampleOfScalars() throws {
        // E|X−Y| = 1, E|X−X'| = E|Y−Y'| = 0 for single points 0 and 1: D² = 2.
        #expect(try SampleDistance.energy(try Tensor([0]), try Tensor([1])) == 2)
        let a = try Self.sampleA(6, 1), flat = try Tensor(a.toArray())
        #expect(try SampleDistance.energy(flat, try Self.sampleB(8, 1)) == (try SampleDistance.energy(a, try Self.sampleB(8, 1))))
    }

    @Test func samplesFromOneToyAreCloserThanSamplesFromTwo() throws {
        let a = try Toy2D.sample("moons", n: 500, seed: 1)
        let b = try Toy2D.sample("moons", n: 500, seed: 2)
        let c = try Toy2D.sample("8gaussians", n: 500, seed: 1)
        #expect(try SampleDistance.energy(a, b, unbiased: true) < 0.01)
        #expect(try SampleDistance.energy(a, c) > 0.1)
    }

    @Test func badInputsAreErrors() throws {
        let a = try Tensor([1, 2, 3, 4], shape: [2, 2])
        #expect(throws: TensorError.self) { try SampleDistance.energy(a, try Tensor([1, 2, 3], shape: [1, 3])) }
        #expect(throws: TensorError.self) { try SampleDistance.energy(a, try Tensor([1], shape: [1, 1, 1])) }
        #expect(throws: TensorError.self) { try SampleDistance.energy(a, try Tensor([1, 2], shape: [1, 2]), unbiased: true) }
        #expect(throws: TensorError.self) { try SampleDistance.mmd(a, a, bandwidth: 0) }
        #expect(throws: TensorError.self) { try SampleDistance.energy(a, try Tensor([.nan, 0], shape: [1, 2])) }
    }
}
