"""Runs a notebook exported by `dtr export --to ipynb` (outputs from `dtr run`) again with
nbclient and the dtr kernel, and compares every code cell: printed and displayed text,
PNG images byte for byte, and errors (name and message).

Usage: compare_notebooks.py EXPORTED.ipynb WORKDIR   (WORKDIR: the notebook's folder)
Prints one line per notebook (and one per differing cell); exit status 1 on a difference.
"""
import base64
import copy
import sys
import time

import nbformat
from nbclient import NotebookClient


def joined(value):
    return "".join(value) if isinstance(value, list) else (value or "")


def summary(cell):
    """(text, [png bytes], [(ename, evalue)]) of a code cell's outputs."""
    text, images, errors = "", [], []
    for out in cell.get("outputs", []):
        kind = out["output_type"]
        if kind == "stream":
            text += joined(out["text"])
        elif kind == "execute_result":
            value = joined(out["data"].get("text/plain", ""))
            text += value if value.endswith("\n") else value + "\n"
        elif kind == "display_data":
            if "image/png" in out["data"]:
                images.append(base64.b64decode(joined(out["data"]["image/png"])))
            else:
                text += joined(out["data"].get("text/plain", "")) + "\n"
        elif kind == "error":
            errors.append((out["ename"], out["evalue"]))
    return text, images, errors


def main(path, workdir):
    expected = nbformat.read(path, as_version=4)
    nb = copy.deepcopy(expected)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    start = time.time()
    NotebookClient(nb, kernel_name="dtr", timeout=1800, allow_errors=True,
                   resources={"metadata": {"path": workdir}}).execute()
    elapsed = time.time() - start
    code = [(a, b) for a, b in zip(expected.cells, nb.cells) if a.cell_type == "code"]
    problems = []
    texts = images = 0
    for want, got in code:
        if want.get("id") == "parameters":
            continue
        w, g = summary(want), summary(got)
        name = want.get("id")
        if w[0] != g[0]:
            problems.append(f"{name}: text differs\n--- dtr run\n{w[0]}--- dtr kernel\n{g[0]}")
        if w[1] != g[1]:
            problems.append(f"{name}: {len(w[1])} PNG(s) from dtr run, {len(g[1])} from the kernel, "
                            f"{sum(a == b for a, b in zip(w[1], g[1]))} identical")
        if w[2] != g[2]:
            problems.append(f"{name}: errors differ: {w[2]} vs {g[2]}")
        texts += bool(w[0])
        images += len(w[1])
    label = f"{path.rsplit('/', 1)[-1]}: {len(code)} code cells ({texts} with text, {images} PNGs, {elapsed:.1f} s)"
    if problems:
        print(f"FAIL  nbclient vs dtr run: {label}")
        for p in problems:
            print("      " + p.replace("\n", "\n      "))
        return 1
    print(f"PASS  nbclient vs dtr run: {label}: identical text, PNGs and errors")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
