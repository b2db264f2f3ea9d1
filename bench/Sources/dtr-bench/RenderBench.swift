import Foundation
import Render
import Tensor

/// Render benchmarks: the 1000×1152 DTR routing mask (β = 0.8, α = 4: ones on
/// [start_t, start_t + 921) with start_t = round((t/999)^4 · 231)) drawn as a heatmap to an
/// 80-column terminal without colour, and to a PNG (default size; auto scale 3 → 1920×1440).
/// The figure is built once; each run measures rendering only. Peer: `bench/peers/render_peer.py`.
func renderBenchmarks() -> [BenchCase] {
    let figure = renderBenchMaskFigure()
    func fig() throws -> Figure {
        guard let figure else { throw RenderError(.invalidData, "render bench: could not build the 1000×1152 mask") }
        return figure
    }
    return [
        BenchCase(suite: "render", name: "heatmap_terminal_1000x1152", run: {
            _ = try fig().renderTerminal(width: 80, height: nil, color: .none, charset: .braille)
        }),
        BenchCase(suite: "render", name: "heatmap_png_1000x1152", run: {
            _ = try fig().renderFile(format: .png)
        }),
    ]
}

/// The DTR mask heatmap used by both render cases (nil only if the tensor cannot be made).
private func renderBenchMaskFigure() -> Figure? {
    let T = 1000, C = 1152, k = 921
    var m = [Double](repeating: 0, count: T * C)
    for t in 0..<T {
        let start = Int((pow(Double(t) / Double(T - 1), 4) * Double(C - k)).rounded(.toNearestOrEven))
        for c in start..<min(C, start + k) { m[t * C + c] = 1 }
    }
    var o = PlotOptions()
    o.title = "DTR routing mask"
    o.xlabel = "channel"
    o.ylabel = "task t"
    guard let tensor = try? Tensor(m, shape: [T, C]) else { return nil }
    return try? Figure.heatmap(tensor, options: o)
}
