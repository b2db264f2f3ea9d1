import Foundation
@testable import Render
import Tensor

/// Deterministic data shared by the golden and file tests.
enum Fixtures {
    /// DTR routing mask (official create_mask_tasks): k = int(C·β) ones per row starting at
    /// start_t = round((t/(T−1))^α · (C − k)), half to even.
    static func dtrMask(T: Int, C: Int, beta: Double = 0.8, alpha: Double = 4) -> [Double] {
        let k = Int(Double(C) * beta)
        var m = [Double](repeating: 0, count: T * C)
        for t in 0..<T {
            let u = T > 1 ? Double(t) / Double(T - 1) : 0
            let start = Int((pow(u, alpha) * Double(C - k)).rounded(.toNearestOrEven))
            for c in start..<min(C, start + k) { m[t * C + c] = 1 }
        }
        return m
    }

    static func dtrMaskTensor(T: Int, C: Int) throws -> Tensor {
        try Tensor(dtrMask(T: T, C: C), shape: [T, C])
    }

    /// A small linear congruential generator, so data never depends on the platform's RNG.
    struct LCG {
        var state: UInt64
        mutating func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        /// Approximately standard normal (Irwin–Hall of 12 uniforms).
        mutating func normal() -> Double { (0..<12).reduce(0) { acc, _ in acc + next() } - 6 }
    }

    static func lineFigure() throws -> Figure {
        let x = (0..<60).map { Double($0) / 6 }
        var o = PlotOptions()
        o.title = "two waves"
        o.xlabel = "t"
        o.ylabel = "value"
        return try Figure.line(x: x, ys: [x.map { sin($0) }, x.map { 0.5 * cos($0) }], labels: ["sin", "0.5 cos"], options: o)
    }

    static func scatterFigure() throws -> Figure {
        var rng = LCG(state: 7)
        func blob(_ cx: Double, _ cy: Double, _ n: Int) -> (x: [Double], y: [Double]) {
            var xs: [Double] = [], ys: [Double] = []
            for _ in 0..<n { xs.append(cx + 0.6 * rng.normal()); ys.append(cy + 0.6 * rng.normal()) }
            return (xs, ys)
        }
        var o = PlotOptions()
        o.title = "two groups"
        o.labels = ["a", "b"]
        return try Figure.scatter(groups: [blob(0, 0, 60), blob(3, 2, 60)], options: o)
    }

    static func heatmapFigure() throws -> Figure {
        var o = PlotOptions()
        o.title = "DTR mask 20×16"
        o.xlabel = "channel"
        o.ylabel = "task"
        o.labels = ["active"]
        return try Figure.heatmap(dtrMaskTensor(T: 20, C: 16), options: o)
    }

    static func histFigure() throws -> Figure {
        var rng = LCG(state: 42)
        var o = PlotOptions()
        o.title = "normal sample"
        return try Figure.hist((0..<1000).map { _ in rng.normal() }, bins: 20, options: o)
    }

    static func barFigure() throws -> Figure {
        var o = PlotOptions()
        o.title = "FID by routing"
        o.ylabel = "FID"
        return try Figure.bar(Tensor([9.1, 7.4, 6.2, 6.9]), labels: ["dense", "random", "dtr", "interval"], options: o)
    }

    static func imageFigure() throws -> Figure {
        let h = 12, w = 16
        var v: [Double] = []
        for i in 0..<h {
            for j in 0..<w { v += [Double(j) / Double(w - 1), Double(i) / Double(h - 1), 0.5] }
        }
        var o = PlotOptions()
        o.title = "gradient"
        return try Figure.image(Tensor(v, shape: [h, w, 3]), options: o)
    }

    static func gridFigure() throws -> Figure {
        var o = PlotOptions()
        o.title = "overview"
        return try Figure.grid([lineFigure(), heatmapFigure(), barFigure(), histFigure()], cols: 2, options: o)
    }
}
