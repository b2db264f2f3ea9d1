#!/usr/bin/env python3
"""Writes structure.json: numpy's answers for creation, indexing and matmul cases checked by
CreationTests, IndexingTests and MatmulTests. Run by hand (python3 gen_structure.py); the
output is committed."""
import json
import numpy as np

def arr(a):
    a = np.asarray(a, dtype=np.float64)
    return {"shape": list(a.shape), "values": [float(v) for v in a.ravel()]}

out = {"numpy": np.__version__}

out["arange"] = [dict(start=s, stop=e, step=st, **arr(np.arange(s, e, st)))
                 for s, e, st in [(0, 1, 0.1), (1, 0, -0.3), (0, 10, 3), (0.5, 2.5, 0.5),
                                  (-1, 1, 0.25), (0, 0, 1), (5, 1, 1), (0, 1, 1 / 3)]]
out["linspace"] = [dict(a=a, b=b, n=n, **arr(np.linspace(a, b, n)))
                   for a, b, n in [(0, 1, 5), (-1, 1, 1), (2, 3, 0), (0, 1, 7), (1e-4, 0.02, 10)]]

# Index items: {"i": k} integer, {"s": [start, stop, step]} slice (null = default),
# {"g": array} integer array, {"n": 1} newaxis, {"e": 1} ellipsis.
base = np.arange(60.0).reshape(3, 4, 5)
def conv(items):
    res = []
    for it in items:
        if isinstance(it, int): res.append({"i": it})
        elif isinstance(it, slice): res.append({"s": [it.start, it.stop, it.step]})
        elif it is None: res.append({"n": 1})
        elif it is Ellipsis: res.append({"e": 1})
        else: res.append({"g": arr(it)})
    return res
S = slice
cases = [
    (1,), (-1,), (0, 2), (1, -1, 3), (S(None), 1), (S(None), S(1, 3)), (S(None, None, -1),),
    (S(None, None, 2), S(None, None, -2), S(4, 0, -3)), (S(-10, 10),), (S(5, 1),), (S(1, None, -1), S(None, None, 3)),
    (Ellipsis, 2), (None, 1), (S(None), None, S(None)), (1, Ellipsis, None),
    (np.array([2, 0, 2]),), (np.array([[0, 1], [2, -1]]),), (S(None), np.array([3, 0])),
    (np.array([0, 2]), np.array([1, 3])), (np.array([0, 2]), S(None), np.array([1, 3])),
    (1, S(None), np.array([0, 4])), (np.array([0, 1]), 2), (S(None), np.array([[1], [2]]), np.array([0, 4, 1])),
    (S(1, None), np.array([1])),
]
out["indexing"] = {"base": arr(base), "cases": [dict(items=conv(c), **arr(base[c])) for c in cases]}

rng = np.random.default_rng(1)
mm = []
for sa, sb, ta in [((3,), (3,), False), ((2, 3), (3,), False), ((3,), (3, 4), False), ((2, 3), (3, 4), False),
                   ((5, 2, 3), (3, 4), False), ((2, 1, 3, 4), (5, 4, 2), False), ((4, 3), (4, 5), True),
                   ((3, 6, 2), (3, 6, 3), True), ((1, 3), (3, 1), False), ((70, 33), (33, 65), False)]:
    a = np.round(rng.standard_normal(sa), 3); b = np.round(rng.standard_normal(sb), 3)
    left = np.swapaxes(a, -1, -2) if ta else a
    mm.append(dict(a=arr(a), b=arr(b), transpose_a=ta, **arr(left @ b)))
out["matmul"] = mm

with open("structure.json", "w") as f:
    json.dump(out, f)
