#!/usr/bin/env python3
"""Writes stdlib/data/digits.npy, the data behind dtr's `digits(split:)`.

Source: the 1,797 8×8 handwritten digits of the UCI "Optical Recognition of Handwritten
Digits" data set (optdigits; E. Alpaydin and C. Kaynak, 1998), as shipped by scikit-learn's
`sklearn.datasets.load_digits` (the test part of optdigits, 16-level grey values 0…16).
Licence: the UCI Machine Learning Repository distributes it under CC BY 4.0
(https://archive.ics.uci.edu/dataset/80, DOI 10.24432/C50P49); cite Alpaydin & Kaynak 1998.

File layout: a C-order uint8 array of shape (1797, 65); row i holds the 64 pixel values
(0…16, row-major 8×8) followed by the label 0…9. Rows are in a fixed shuffled order,
numpy.random.RandomState(0).permutation(1797) of load_digits' order, so the documented
80/20 split is simply "train = the first 1437 rows (int(0.8·1797)), test = the last 360".

Run with any Python that has numpy and scikit-learn:
    python3 scripts/make_digits.py          # rewrites stdlib/data/digits.npy
"""
import os

import numpy as np
from sklearn.datasets import load_digits


def main():
    d = load_digits()
    pixels = d.data.astype(np.uint8)          # (1797, 64), 0…16
    labels = d.target.astype(np.uint8)        # (1797,)
    order = np.random.RandomState(0).permutation(len(labels))
    table = np.concatenate([pixels, labels[:, None]], axis=1)[order]
    out = os.path.join(os.path.dirname(__file__), "..", "stdlib", "data", "digits.npy")
    np.save(out, np.ascontiguousarray(table))
    print(f"wrote {out}: {table.shape}, train {int(0.8 * len(table))}, test {len(table) - int(0.8 * len(table))}")


if __name__ == "__main__":
    main()
