/// The small style sheet embedded in exported HTML: readable measure and type, quiet code
/// colours, and outputs set apart from code.
enum HTMLStyle {
    static let css = """
    :root { color-scheme: light; --fg: #1d1d1f; --muted: #6e6e73; --rule: #d2d2d7; --code-bg: #f5f5f7;
            --out-bg: #ffffff; --err: #b3261e; --kw: #8e24aa; --str: #2e7d32; --num: #1565c0; --com: #757575; --con: #c2185b; }
    * { box-sizing: border-box; }
    body { margin: 0; color: var(--fg); background: #fff;
           font: 16px/1.6 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
    main { max-width: 52rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
    h1, h2, h3, h4, h5, h6 { line-height: 1.25; margin: 1.6em 0 0.5em; }
    h1.title { margin-top: 0; }
    p, ul, ol, blockquote, table { margin: 0.8em 0; }
    a { color: #0b57d0; }
    img { max-width: 100%; height: auto; }
    hr { border: 0; border-top: 1px solid var(--rule); margin: 2em 0; }
    blockquote { margin-left: 0; padding-left: 1em; border-left: 3px solid var(--rule); color: var(--muted); }
    code, pre { font: 0.9em/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace; }
    :not(pre) > code { background: var(--code-bg); padding: 0.1em 0.3em; border-radius: 4px; }
    pre { background: var(--code-bg); padding: 0.75em 1em; border-radius: 6px; overflow-x: auto; margin: 0.8em 0; }
    table { border-collapse: collapse; }
    th, td { border: 1px solid var(--rule); padding: 0.3em 0.6em; text-align: left; }
    .params code { background: none; }
    .cell { margin: 1.4em 0; }
    .cell-label { font-size: 0.8em; color: var(--muted); margin-bottom: 0.2em; font-family: ui-monospace, monospace; }
    .cell-label .flag { border: 1px solid var(--rule); border-radius: 3px; padding: 0 0.3em; margin-left: 0.4em; }
    .cell pre.code { margin: 0; border-left: 3px solid #0b57d0; }
    .outputs { margin-top: 0.3em; }
    .outputs pre { background: var(--out-bg); border: 1px solid var(--rule); margin: 0.3em 0; }
    .outputs pre.error { color: var(--err); border-color: var(--err); }
    .outputs figure { margin: 0.5em 0; }
    .kw { color: var(--kw); font-weight: 600; } .str { color: var(--str); } .num { color: var(--num); }
    .com { color: var(--com); font-style: italic; } .con { color: var(--con); }
    """
}
