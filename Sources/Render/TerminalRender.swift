// MARK: - Public entry point of the terminal back end

extension Figure {
    /// The figure as terminal text, `width` columns wide (the CLI passes the terminal width,
    /// default 80). `height` is the plot area in text rows of each panel; when nil it is
    /// automatic: up to 15 rows for charts, a quarter of the panel width clamped to 12…24 rows
    /// for heatmaps (20 at 80 columns), square pixels for images. For heatmaps and images
    /// `height` is an upper bound. (The `width:`/`height:` plot options are pixels of saved
    /// files; the terminal ignores them.) Lines are joined with "\n", without a final newline.
    ///
    /// Colour is applied once, when cells are encoded: `.none` emits no escape codes at all.
    ///
    /// Heatmaps fill the plot width and their rows, each axis stretched on its own (matplotlib's
    /// `aspect="auto"`), so a tall 1000×64 routing mask is as readable as a square matrix;
    /// images keep their aspect. Every pixel shows the **mean** of the block of data values it
    /// covers (NaN skipped), so a pixel only partly covering the ones of a 0/1 mask shows an
    /// intermediate shade. With colour each character is a half block, two vertically stacked
    /// viridis pixels; without colour it is one pixel shaded with " ░▒▓█" (" .:-=+*#%@" for
    /// `.ascii`), blank only where every covered value is the minimum and full only where every
    /// one is the maximum. A constant heatmap's colour range includes 0, so all ones are drawn
    /// in the top colour and all zeros in the bottom one.
    /// ```swift
    /// print(try fig.renderTerminal(width: 80, color: .truecolor, charset: .braille))
    /// ```
    public func renderTerminal(width: Int = 80, height: Int? = nil, color: ColorMode = .none,
                               charset: Charset = .braille) throws(RenderError) -> String {
        guard width >= 20, width <= 2000 else { throw .option("width: expected 20…2000 terminal columns, got \(width)") }
        if let h = height, h < 2 || h > 500 { throw .option("height: expected 2…500 terminal rows, got \(h)") }
        let layout = try layout()
        return Self.compose(layout, width: width, height: height, color: color, charset: charset)
            .encode(color).joined(separator: "\n")
    }

    /// Panels rendered and placed in a grid, with the grid's title on top.
    static func compose(_ layout: Layout, width: Int, height: Int?, color: ColorMode, charset: Charset) -> CellGrid {
        let cols = max(1, layout.cols)
        let gap = 2
        let pw = max(20, (width - gap * (cols - 1)) / cols)
        var rowsOfPanels: [[CellGrid]] = []
        var current: [CellGrid] = []
        for p in layout.panels {
            current.append(TerminalPanel(panel: p, charset: charset, color: color).render(width: pw, height: height))
            if current.count == cols { rowsOfPanels.append(current); current = [] }
        }
        if !current.isEmpty { rowsOfPanels.append(current) }
        if layout.panels.count == 1, layout.title == nil, let only = rowsOfPanels.first?.first { return only }

        let cellW = rowsOfPanels.flatMap { $0 }.map(\.width).max() ?? pw
        let totalW = cellW * cols + gap * (cols - 1)
        var out = CellGrid(width: totalW, height: 0)
        if let t = layout.title {
            out.appendRows(1)
            let s = CellGrid.truncate(t, totalW)
            out.put(s, row: 0, col: max(0, (totalW - CellGrid.width(s)) / 2))
        }
        for (i, panels) in rowsOfPanels.enumerated() {
            if i > 0 { out.appendRows(1) }
            let top = out.height
            out.appendRows(panels.map(\.height).max() ?? 0)
            for (j, g) in panels.enumerated() { out.blit(g, row: top, col: j * (cellW + gap)) }
        }
        return out
    }
}
