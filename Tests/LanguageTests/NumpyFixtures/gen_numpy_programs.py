#!/usr/bin/env python3
"""Writes numpy_programs.json: random dtr programs with numpy's answers (SPEC §4 "Numpy habits").

Run by hand (outputs committed):  python3 gen_numpy_programs.py [N] [SEED]
Needs numpy >= 2 (NEP 50 promotion: an f32 array with a Python float stays f32).

Each program assigns its answer to `r`. Entry fields:
  src      the dtr program
  kind     the category (broadcast, slice, gather, gather_assign, mask, mask_assign, reduce, where,
           where1, concat, stack, reshape, transpose, matmul, floordiv, promote, compare, logic)
  error    true when numpy raises (dtr must fail too)
  shape, dtype, values   numpy's result (values row-major; "nan", "inf", "-inf" as strings);
           a list result (one-argument where) is `list` of such entries
  ulps     the allowed distance in units in the last place (0 = exact)
"""
import json
import sys
import warnings

import numpy as np

N = int(sys.argv[1]) if len(sys.argv) > 1 else 2400
SEED = int(sys.argv[2]) if len(sys.argv) > 2 else 13
rng = np.random.default_rng(SEED)
warnings.filterwarnings("ignore")
np.seterr(all="ignore")


def num(v):
    """A float as dtr source (exact: repr round-trips)."""
    v = float(v)
    if v != v:
        return "nan"
    if v in (float("inf"), float("-inf")):
        return "inf" if v > 0 else "-inf"
    s = repr(v)
    if s.endswith(".0"):
        s = s[:-2]
    return s


def rand_shape(rank=None, lo=1, hi=4):
    rank = int(rng.integers(0, 4)) if rank is None else rank
    return tuple(int(rng.integers(lo, hi + 1)) for _ in range(rank))


def rand_values(shape, kind="mixed"):
    n = int(np.prod(shape)) if shape else 1
    if kind == "int":
        v = rng.integers(-9, 10, size=n).astype(np.float64)
    elif kind == "pos":
        v = rng.integers(1, 9, size=n).astype(np.float64) / rng.choice([1.0, 2.0, 4.0])
    else:
        v = rng.integers(-40, 41, size=n).astype(np.float64) / rng.choice([1.0, 2.0, 4.0])
    return v.reshape(shape)


def lit(a, dtype="f64"):
    """dtr source building numpy array `a` (float64 values) with the given dtype."""
    a = np.asarray(a, dtype=np.float64)
    if dtype == "bool":
        return "(" + lit(a != 0) + " > 0)" if a.ndim else ("true" if a != 0 else "false")
    flat = "[" + ", ".join(num(x) for x in a.reshape(-1)) + "]"
    if a.ndim == 0:
        return num(a)  # a dtr number (f32(number) is a number too)
    body = flat if a.ndim == 1 else f"reshape({flat}, [{', '.join(str(d) for d in a.shape)}])"
    return f"f32({body})" if dtype == "f32" else body


def npval(a, dtype):
    """The numpy operand for `lit(a, dtype)`. A 0-d value is a dtr number or boolean, which
    behaves as a Python scalar (weak in numpy 2's promotion), so it is one here too."""
    a = np.asarray(a, dtype=np.float64)
    if a.ndim == 0:
        return bool(a != 0) if dtype == "bool" else float(a)
    if dtype == "f32":
        return a.astype(np.float32)
    if dtype == "bool":
        return a != 0
    return a


def encode(x):
    if isinstance(x, tuple):
        return {"list": [encode(t) for t in x]}
    a = np.asarray(x)
    if a.dtype == np.bool_:
        dt = "bool"
    elif a.dtype == np.float32:
        dt = "f32"
    else:
        dt = "f64"
    vals = []
    for v in a.reshape(-1).astype(np.float64):
        if v != v:
            vals.append("nan")
        elif v == float("inf"):
            vals.append("inf")
        elif v == float("-inf"):
            vals.append("-inf")
        else:
            vals.append(float(v))
    return {"shape": list(a.shape), "dtype": dt, "values": vals}


def broadcast_partner(shape):
    """A shape that broadcasts with `shape` (or, 15% of the time, one that may not)."""
    s = list(shape)
    if s and rng.random() < 0.4:
        s = s[int(rng.integers(0, len(s) + 1)):]
    s = [1 if rng.random() < 0.3 else d for d in s]
    if rng.random() < 0.2 and len(s) < 4:
        s = [int(rng.integers(1, 4))] + s
    if s and rng.random() < 0.15:
        i = int(rng.integers(0, len(s)))
        s[i] = s[i] + 1
    return tuple(s)


OPS = {"+": np.add, "-": np.subtract, "*": np.multiply, "/": np.divide, "//": np.floor_divide,
       "%": np.mod, "**": np.power, "^": np.power}
CMP = {"<": np.less, "<=": np.less_equal, ">": np.greater, ">=": np.greater_equal, "==": np.equal, "!=": np.not_equal}


def gen_broadcast():
    op = str(rng.choice(list(OPS) + list(CMP)))
    sa = rand_shape()
    sb = broadcast_partner(sa)
    da, db = rng.choice(["f64", "f64", "f32", "bool"]), rng.choice(["f64", "f64", "f32", "bool"])
    if op in ("-",) and da == "bool" and db == "bool":
        db = "f64"
    if not sa and not sb:
        # Two plain dtr booleans follow Python (True + True == 2), not numpy's bool_ ufuncs.
        da, db = "f64", "f64"
    if op in ("/", "//", "%", "**") and (da == "bool" or db == "bool"):
        da, db = "f64", rng.choice(["f64", "f32"])
    kind = "pos" if op in ("**", "^") else "mixed"
    a, b = rand_values(sa, kind), rand_values(sb, kind if op not in ("**", "^") else "int")
    if op in ("**", "^"):
        b = np.clip(b, -2, 3)
    if op in ("+", "*") and da == "bool" and db == "bool":
        # numpy: + is or, * is and on two bool arrays
        pass
    src = f"r = {lit(a, da)} {op} {lit(b, db)}"
    fn = OPS.get(op) or CMP[op]
    return src, lambda: fn(npval(a, da), npval(b, db)), 1 if op in ("**", "^") else 0, ("compare" if op in CMP else "broadcast")


def gen_scalar_op():
    op = str(rng.choice(["+", "-", "*", "/", "//", "%", "**", "<", ">=", "=="]))
    sa = rand_shape(int(rng.integers(1, 3)))
    da = str(rng.choice(["f64", "f32", "bool"]))
    if op in ("/", "//", "%", "**") and da == "bool":
        da = "f64"
    a = rand_values(sa, "pos" if op == "**" else "mixed")
    s = float(rng.integers(-6, 7)) / float(rng.choice([1, 2]))
    if op == "**":
        s = float(rng.integers(0, 3))
    left = rng.random() < 0.5 and op != "**"
    src = f"r = {num(s)} {op} {lit(a, da)}" if left else f"r = {lit(a, da)} {op} {num(s)}"
    fn = OPS.get(op) or CMP[op]
    return src, (lambda: fn(s, npval(a, da))) if left else (lambda: fn(npval(a, da), s)), 1 if op == "**" else 0, "promote"


def gen_floordiv():
    op = str(rng.choice(["//", "%"]))
    if rng.random() < 0.4:
        x, y = float(rng.integers(-12, 13)) / float(rng.choice([1, 2, 4])), float(rng.integers(-5, 6)) / float(rng.choice([1, 2]))
        src = f"r = {num(x)} {op} {num(y)}"
        return src, lambda: OPS[op](np.float64(x), np.float64(y)), 0, "floordiv"
    sa = rand_shape(int(rng.integers(1, 3)))
    a = rand_values(sa)
    b = rand_values(broadcast_partner(sa), "mixed")
    da = str(rng.choice(["f64", "f32"]))
    return f"r = {lit(a, da)} {op} {lit(b)}", lambda: OPS[op](npval(a, da), npval(b, "f64")), 0, "floordiv"


def rand_slice(n):
    def bound():
        return None if rng.random() < 0.3 else int(rng.integers(-n - 2, n + 3))
    step = None if rng.random() < 0.4 else int(rng.choice([-3, -2, -1, 1, 2, 3]))
    return bound(), bound(), step


def slice_src(s):
    a, b, c = s
    t = ("" if a is None else str(a)) + ":" + ("" if b is None else str(b))
    if c is not None:
        t += ":" + str(c)
    return t


def gen_slice():
    shape = rand_shape(int(rng.integers(1, 4)), 1, 5)
    x = rand_values(shape)
    items_src, items_np = [], []
    for d in shape[: int(rng.integers(1, len(shape) + 1))]:
        if rng.random() < 0.25:
            i = int(rng.integers(-d - 1, d + 1))
            items_src.append(str(i)); items_np.append(i)
        elif rng.random() < 0.15:
            items_src.append(":"); items_np.append(slice(None))
        else:
            s = rand_slice(d)
            items_src.append(slice_src(s)); items_np.append(slice(*s))
    src = f"x = {lit(x)}\nr = x[{', '.join(items_src)}]"
    return src, lambda: x[tuple(items_np)], 0, "slice"


def index_array(n, count, allow_oob=True):
    lo, hi = (-n - 1, n + 1) if allow_oob and rng.random() < 0.2 else (-n, n)
    return rng.integers(lo, hi, size=count)


def gen_gather():
    shape = rand_shape(int(rng.integers(1, 4)), 1, 5)
    x = rand_values(shape)
    pattern = rng.integers(0, 4)
    idx = index_array(shape[0], int(rng.integers(1, 5)))
    if pattern == 0 or len(shape) == 1:
        src, key = f"x[{lit(idx)}]", (idx,)
    elif pattern == 1:
        idx2 = index_array(shape[1], int(rng.integers(1, 5)))
        src, key = f"x[:, {lit(idx2)}]", (slice(None), idx2)
    elif pattern == 2:
        idx2 = index_array(shape[1], len(idx) if rng.random() < 0.85 else len(idx) + 1)
        src, key = f"x[{lit(idx)}, {lit(idx2)}]", (idx, idx2)
    else:
        m = idx.reshape(-1, 1) if rng.random() < 0.5 else idx
        src, key = f"x[{lit(m)}, 0]", (m, 0)
    return f"x = {lit(x)}\nr = {src}", lambda: x[key], 0, "gather"


def gen_gather_assign():
    shape = rand_shape(int(rng.integers(1, 3)), 2, 5)
    x = rand_values(shape)
    idx = rng.permutation(shape[0])[: int(rng.integers(1, shape[0] + 1))]
    idx = np.where(rng.random(len(idx)) < 0.3, idx - shape[0], idx)
    sel_shape = (len(idx),) + shape[1:]
    if rng.random() < 0.5:
        v = float(rng.integers(-9, 10)); vsrc = num(v)
    else:
        vs = sel_shape[1:] if rng.random() < 0.5 and len(sel_shape) > 1 else sel_shape
        if rng.random() < 0.1:
            vs = tuple(d + 1 for d in vs)
        v = rand_values(vs); vsrc = lit(v)

    def run():
        y = x.copy(); y[idx] = v; return y
    return f"x = {lit(x)}\nx[{lit(idx)}] = {vsrc}\nr = x", run, 0, "gather_assign"


def gen_mask():
    shape = rand_shape(int(rng.integers(1, 4)), 1, 4)
    x = rand_values(shape)
    form = rng.integers(0, 4)
    if form == 0:
        t = float(rng.integers(-5, 6))
        return f"x = {lit(x)}\nr = x[x > {num(t)}]", lambda: x[x > t], 0, "mask"
    if form == 1:
        k = int(rng.integers(1, len(shape) + 1))
        ms = shape[:k]
        if rng.random() < 0.15:
            ms = tuple(d + 1 for d in ms)
        m = rng.random(ms) < 0.5
        return f"x = {lit(x)}\nr = x[{lit(m.astype(float), 'bool')}]", lambda: x[m], 0, "mask"
    if form == 2 and len(shape) >= 2:
        m = rng.random(shape[1]) < 0.5
        return f"x = {lit(x)}\nr = x[:, {lit(m.astype(float), 'bool')}]", lambda: x[:, m], 0, "mask"
    t = float(rng.integers(-5, 6))
    return (f"x = {lit(x)}\nr = x[(x > {num(t)}) and (x < {num(t + 5)})]",
            lambda: x[(x > t) & (x < t + 5)], 0, "logic")


def gen_mask_assign():
    shape = rand_shape(int(rng.integers(1, 3)), 1, 4)
    x = rand_values(shape)
    t = float(rng.integers(-5, 6))
    count = int((x > t).sum())
    if rng.random() < 0.5:
        v = float(rng.integers(-9, 10)); vsrc = num(v)
    else:
        n = count if rng.random() < 0.85 else count + 1
        v = rand_values((n,)); vsrc = lit(v) if n > 0 else None
        if vsrc is None:
            v = 0.0; vsrc = "0"

    def run():
        y = x.copy(); y[y > t] = v; return y
    return f"x = {lit(x)}\nx[x > {num(t)}] = {vsrc}\nr = x", run, 0, "mask_assign"


def gen_reduce():
    shape = rand_shape(int(rng.integers(1, 4)), 1, 4)
    x = rand_values(shape, "int")
    fn = str(rng.choice(["sum", "mean", "max", "min", "argmax", "argmin", "any", "all"]))
    axis = None if rng.random() < 0.3 else int(rng.integers(-len(shape) - 1, len(shape) + 1))
    keep = bool(rng.random() < 0.4) and fn not in ("argmax", "argmin")
    args = [lit(x)]
    if axis is not None:
        args.append(f"axis: {axis}")
    if keep:
        args.append("keepdims: true")
    npf = {"sum": np.sum, "mean": np.mean, "max": np.max, "min": np.min, "argmax": np.argmax,
           "argmin": np.argmin, "any": np.any, "all": np.all}[fn]

    def run():
        if keep:
            return npf(x, axis=axis, keepdims=True)
        return npf(x, axis=axis)
    return f"r = {fn}({', '.join(args)})", run, 0, "reduce"


def gen_where():
    sc = rand_shape(int(rng.integers(1, 3)))
    c = rng.random(sc) < 0.5
    a = rand_values(broadcast_partner(sc))
    b = rand_values(broadcast_partner(sc)) if rng.random() < 0.7 else np.float64(rng.integers(-5, 5))
    bsrc = lit(b)
    return f"r = where({lit(c.astype(float), 'bool')}, {lit(a)}, {bsrc})", lambda: np.where(c, a, b), 0, "where"


def gen_where1():
    shape = rand_shape(int(rng.integers(1, 4)), 1, 4)
    x = rand_values(shape, "int")
    if rng.random() < 0.5:
        return f"x = {lit(x)}\nr = where(x > 0)", lambda: np.where(x > 0), 0, "where1"
    return f"r = nonzero({lit(x)})", lambda: np.nonzero(x), 0, "where1"


def gen_concat():
    rank = int(rng.integers(1, 4))
    base = rand_shape(rank)
    axis = int(rng.integers(-rank, rank))
    parts = []
    for _ in range(int(rng.integers(1, 4))):
        s = list(base)
        s[axis] = int(rng.integers(1, 4))
        if rng.random() < 0.1:
            j = int(rng.integers(0, rank)); s[j] += 1
        parts.append(rand_values(tuple(s)))
    if rng.random() < 0.5:
        return (f"r = concat([{', '.join(lit(p) for p in parts)}], axis: {axis})",
                lambda: np.concatenate(parts, axis=axis), 0, "concat")
    parts = [rand_values(base) for _ in range(int(rng.integers(1, 4)))]
    if rng.random() < 0.1:
        parts.append(rand_values(tuple(d + 1 for d in base)))
    ax = int(rng.integers(-rank - 1, rank + 1))
    return (f"r = stack([{', '.join(lit(p) for p in parts)}], axis: {ax})",
            lambda: np.stack(parts, axis=ax), 0, "stack")


def gen_reshape():
    shape = rand_shape(int(rng.integers(1, 4)), 1, 4)
    x = rand_values(shape)
    if rng.random() < 0.5:
        n = x.size
        dims = [d for d in range(1, n + 1) if n % d == 0]
        a = int(rng.choice(dims))
        new = [a, n // a]
        if rng.random() < 0.3:
            new[int(rng.integers(0, 2))] = -1
        if rng.random() < 0.1:
            new[0] = new[0] + 1 if new[0] != -1 else 5
        return f"r = reshape({lit(x)}, [{new[0]}, {new[1]}])", lambda: x.reshape(new), 0, "reshape"
    form = rng.integers(0, 3)
    if form == 0:
        return f"r = transpose({lit(x)})", lambda: x.T, 0, "transpose"
    if form == 1:
        return f"x = {lit(x)}\nr = x.T", lambda: x.T, 0, "transpose"
    perm = [int(p) for p in rng.permutation(len(shape))]
    if rng.random() < 0.1:
        perm = perm + [0]
    return f"r = transpose({lit(x)}, axes: {perm})", lambda: np.transpose(x, perm), 0, "transpose"


def gen_matmul():
    k = int(rng.integers(1, 5))
    form = rng.integers(0, 6)
    m, n = int(rng.integers(1, 4)), int(rng.integers(1, 4))
    k2 = k if rng.random() < 0.85 else k + 1
    if form == 0:
        sa, sb = (k,), (k2,)
    elif form == 1:
        sa, sb = (m, k), (k2, n)
    elif form == 2:
        sa, sb = (k,), (k2, n)
    elif form == 3:
        sa, sb = (m, k), (k2,)
    elif form == 4:
        b1 = int(rng.integers(1, 4))
        sa, sb = (b1, m, k), ((b1 if rng.random() < 0.6 else 1), k2, n)
    else:
        b1, b2 = int(rng.integers(1, 3)), int(rng.integers(1, 4))
        sa, sb = (b1, b2, m, k), ((b2,) if rng.random() < 0.5 else (b1, 1)) + (k2, n)
    a, b = rand_values(sa, "int"), rand_values(sb, "int")
    da, db = str(rng.choice(["f64", "f32"])), str(rng.choice(["f64", "f32"]))
    op = "@" if rng.random() < 0.6 else "matmul"
    src = f"r = {lit(a, da)} @ {lit(b, db)}" if op == "@" else f"r = matmul({lit(a, da)}, {lit(b, db)})"
    return src, lambda: np.matmul(npval(a, da), npval(b, db)), 0, "matmul"


GENERATORS = [(gen_broadcast, 5), (gen_scalar_op, 2), (gen_floordiv, 2), (gen_slice, 3), (gen_gather, 3),
              (gen_gather_assign, 2), (gen_mask, 3), (gen_mask_assign, 2), (gen_reduce, 3), (gen_where, 1),
              (gen_where1, 1), (gen_concat, 2), (gen_reshape, 2), (gen_matmul, 3)]


def main():
    weights = np.array([w for _, w in GENERATORS], dtype=float)
    weights /= weights.sum()
    programs = []
    while len(programs) < N:
        g = GENERATORS[int(rng.choice(len(GENERATORS), p=weights))][0]
        src, run, ulps, kind = g()
        entry = {"src": src, "kind": kind, "ulps": ulps}
        try:
            res = run()
            entry.update(encode(res))
            entry["error"] = False
        except (ValueError, IndexError, TypeError, np.exceptions.AxisError):
            entry["error"] = True
        programs.append(entry)
    out = __file__.rsplit("/", 1)[0] + "/numpy_programs.json"
    with open(out, "w") as f:
        json.dump({"generator": "gen_numpy_programs.py", "seed": SEED, "numpy": np.__version__, "programs": programs},
                  f, indent=0, separators=(",", ":"))
        f.write("\n")
    errors = sum(p["error"] for p in programs)
    print(f"wrote {len(programs)} programs ({errors} expect an error) to {out}")


if __name__ == "__main__":
    main()
