#!/usr/bin/env python3
"""Generates ops.json: inputs and numpy's results for the tensor engine's compute ops.
Run by hand with numpy 2 (bench/.venv/bin/python Tests/TensorTests/Fixtures/gen_ops.py);
the output is committed. Floats are written as repr strings so NaN, ±inf and -0.0 survive."""
import json, math, os
import numpy as np

rng = np.random.default_rng(20261127)
cases = []

def arr(x):
    x = np.asarray(x)
    return {"shape": list(x.shape), "data": [repr(float(v)) for v in x.reshape(-1)]}

def add(kind, op, dtype, inputs, out, **extra):
    c = {"kind": kind, "op": op, "dtype": dtype, "inputs": [arr(i) for i in inputs], "out": arr(out)}
    c.update(extra)
    cases.append(c)

specials = [0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1.5, 2.5, -2.5, 3.5, -3.5, 0.49999999999999994,
            np.nan, np.inf, -np.inf, 1e-10, -1e-10, 1e-300, 700.0, -700.0, 709.7, 710.0, -745.0, -750.0,
            88.5, -87.0, -103.0, 20.0, -20.0, math.pi, -math.pi, 100.0, 1e5, 3.0, -3.0, 0.1, 2.0]
unary_x = np.array(specials + list(rng.uniform(-10, 10, 120)) + list(rng.uniform(-1, 1, 40)))
sigmoid = lambda x: 1 / (1 + np.exp(-x))
erfc = np.vectorize(math.erfc)  # gelu as x/2·erfc(-x/√2): no cancellation for x ≪ 0
unary = {
    "neg": np.negative, "abs": np.abs, "exp": np.exp, "log": np.log, "log1p": np.log1p,
    "sqrt": np.sqrt, "sin": np.sin, "cos": np.cos, "tanh": np.tanh, "sigmoid": sigmoid,
    "relu": lambda x: np.maximum(x, 0), "silu": lambda x: x * sigmoid(x),
    "gelu": lambda x: (0.5 * x.astype(np.float64) * erfc(-x.astype(np.float64) / math.sqrt(2))).astype(x.dtype),
    "round": np.round, "floor": np.floor, "isnan": lambda x: np.isnan(x).astype(x.dtype),
    "sign": np.sign, "square": np.square,
}
with np.errstate(all="ignore"):
    for dt, npdt in [("f64", np.float64), ("f32", np.float32)]:
        x = unary_x.astype(npdt)
        for name, f in unary.items():
            add("unary", name, dt, [x], f(x))

    bspec = [0.0, -0.0, 1.0, -1.0, 2.5, -2.5, 3.0, -3.0, 0.5, 2.0, np.nan, np.inf, -np.inf, 7.0, -7.25]
    pa, pb = zip(*[(a, b) for a in bspec for b in bspec])
    ba = np.array(list(pa) + list(rng.uniform(-5, 5, 60)) + list(rng.integers(-4, 5, 30).astype(float)))
    bb = np.array(list(pb) + list(rng.uniform(-5, 5, 60)) + list(rng.integers(-4, 5, 30).astype(float)))
    binary = {"add": np.add, "sub": np.subtract, "mul": np.multiply, "div": np.divide, "mod": np.mod,
              "pow": np.power, "maximum": np.maximum, "minimum": np.minimum, "eq": np.equal,
              "ne": np.not_equal, "lt": np.less, "le": np.less_equal, "gt": np.greater, "ge": np.greater_equal}
    for dt, npdt in [("f64", np.float64), ("f32", np.float32)]:
        a, b = ba.astype(npdt), bb.astype(npdt)
        for name, f in binary.items():
            add("binary", name, dt, [a, b], f(a, b).astype(npdt))
    # Broadcasting: (3,1,4) with (2,1); row with column; 0-d with matrix.
    a = rng.uniform(-3, 3, (3, 1, 4)); b = rng.uniform(-3, 3, (2, 1))
    for name in ["add", "sub", "mul", "div", "mod", "pow", "maximum", "lt"]:
        add("binary", name, "f64", [a, b], binary[name](a, b).astype(float))
    c = rng.uniform(1, 2, (5,)); d = rng.uniform(1, 2, (4, 1))
    add("binary", "sub", "f64", [c, d], c - d)
    add("binary", "pow", "f64", [np.array(2.0), d], np.power(2.0, d))
    # Scalar on either side (the scalar is stored as a 0-d input with "scalar": "left"/"right").
    for dt, npdt in [("f64", np.float64), ("f32", np.float32)]:
        x = ba.astype(npdt)
        for name in ["add", "sub", "mul", "div", "mod", "pow", "maximum", "minimum", "lt", "ge"]:
            for s in [2.0, -1.5, 0.1]:
                add("binary", name, dt, [x, np.array(s)], binary[name](x, s).astype(npdt), scalar="right")
                add("binary", name, dt, [np.array(s), x], binary[name](s, x).astype(npdt), scalar="left")

    # Reductions.
    m = rng.uniform(-5, 5, (5, 7))
    m[1, 3] = np.nan; m[2, 0] = m[2, 4] = m[2].max() + 1; m[3, 2] = m[3, 5] = m[3].min() - 1
    m[4, 1] = np.inf; m[0, 6] = 0.0
    t3 = rng.normal(size=(4, 5, 6))
    bits = np.array([[0.0, 0.0, 1.0], [0.0, 0.0, 0.0], [np.nan, 2.0, -1.0]])
    reds = {"sum": np.sum, "mean": np.mean, "std": np.std, "var": np.var, "max": np.max, "min": np.min,
            "argmax": np.argmax, "argmin": np.argmin, "any": np.any, "all": np.all, "prod": np.prod}
    for dt, npdt in [("f64", np.float64), ("f32", np.float32)]:
        for x in [m.astype(npdt), t3.astype(npdt), bits.astype(npdt)]:
            for name, f in reds.items():
                for axis in [None] + list(range(-1, x.ndim)):
                    r = f(x, axis=axis)
                    odt = np.float64 if name.startswith("arg") else npdt
                    add("reduce", name, dt, [x], np.asarray(r).astype(odt), axis=axis)
                    if axis == 0 and not name.startswith("arg"):
                        add("reduce", name, dt, [x], np.asarray(f(x, axis=axis, keepdims=True)).astype(odt),
                            axis=axis, keepdims=True)
        v = np.arange(12.0).astype(npdt)
        add("reduce", "var", dt, [v], np.var(v, ddof=1).astype(npdt), ddof=1)
        add("reduce", "std", dt, [v], np.std(v, ddof=1).astype(npdt), ddof=1)
    # Accuracy of long sums: values of mixed magnitude.
    long = rng.uniform(0, 1, 20_001) * 10.0 ** rng.integers(-3, 4, 20_001)
    add("reduce", "sum", "f64", [long], np.sum(long), axis=None)
    add("reduce", "std", "f64", [long], np.std(long), axis=None)
    # Empty reductions that have an identity.
    e = np.zeros((0,))
    add("reduce", "sum", "f64", [e], np.sum(e), axis=None)
    add("reduce", "prod", "f64", [e], np.prod(e), axis=None)
    add("reduce", "mean", "f64", [e], np.mean(e), axis=None)
    add("reduce", "any", "f64", [e], np.any(e).astype(float), axis=None)
    add("reduce", "all", "f64", [e], np.all(e).astype(float), axis=None)

    # Scans.
    s = rng.uniform(0.5, 1.5, (3, 4)); s[1, 2] = np.nan
    for dt, npdt in [("f64", np.float64), ("f32", np.float32)]:
        x = s.astype(npdt)
        for axis in [None, 0, 1, -1]:
            add("scan", "cumsum", dt, [x], np.cumsum(x, axis=axis), axis=axis)
            add("scan", "cumprod", dt, [x], np.cumprod(x, axis=axis), axis=axis)
    # Sorting.
    q = np.array([[3.0, np.nan, 1.0, 2.0, 1.0, -np.inf, np.nan, 0.0, -0.0, 5.0],
                  [2.0, 2.0, 2.0, 1.0, 1.0, np.inf, -1.0, 7.0, 7.0, -3.0],
                  list(rng.uniform(-1, 1, 10))])
    for dt, npdt in [("f64", np.float64), ("f32", np.float32)]:
        x = q.astype(npdt)
        for axis in [-1, 0]:
            add("sort", "sort", dt, [x], np.sort(x, axis=axis, kind="stable"), axis=axis)
            add("sort", "argsort", dt, [x], np.argsort(x, axis=axis, kind="stable").astype(float), axis=axis)
    # Softmax, norm, outer, where, clip.
    sm = rng.normal(size=(3, 5)) * 10; sm[0, 0] = 800.0
    for dt, npdt in [("f64", np.float64), ("f32", np.float32)]:
        x = sm.astype(npdt)
        for axis in [-1, 0]:
            e = np.exp(x - x.max(axis=axis, keepdims=True))
            add("softmax", "softmax", dt, [x], e / e.sum(axis=axis, keepdims=True), axis=axis)
        for axis in [None, 0, 1]:
            add("norm", "norm", dt, [x], np.linalg.norm(x, axis=axis), axis=axis)
    oa, ob = rng.uniform(-2, 2, (2, 2)), rng.uniform(-2, 2, 3)
    add("outer", "outer", "f64", [oa, ob], np.outer(oa, ob))
    cond = np.array([[1.0], [0.0], [np.nan]]); wa = rng.uniform(size=(3, 4)); wb = np.array(-1.0)
    add("where", "where", "f64", [cond, wa, wb], np.where(cond != 0, wa, wb))
    cx = np.array([-3.0, -1.0, 0.0, 0.5, 1.0, 2.0, np.nan, np.inf, -np.inf])
    add("clip", "clip", "f64", [cx, np.array(-1.0), np.array(1.0)], np.clip(cx, -1.0, 1.0))
    add("clip", "clip", "f32", [cx.astype(np.float32), np.array(-1.0), np.array(1.0)],
        np.clip(cx.astype(np.float32), np.float32(-1.0), np.float32(1.0)))

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ops.json")
with open(out, "w") as f:
    json.dump({"numpy": np.__version__, "cases": cases}, f, separators=(",", ":"))
print(f"wrote {len(cases)} cases to {out}")
