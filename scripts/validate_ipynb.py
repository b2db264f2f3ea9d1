#!/usr/bin/env python3
"""Validate Jupyter notebooks exported by `dtr export --to ipynb` against the nbformat schema.

Usage: scripts/validate_ipynb.py FILE.ipynb [FILE.ipynb ...]
Needs the `nbformat` package (pip install nbformat). Exit 0 when every file is valid,
1 when one is not, 2 on usage errors or when nbformat is missing.
"""
import sys


def main(paths):
    if not paths:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    try:
        import nbformat
    except ImportError:
        print("validate_ipynb: the nbformat package is not installed (pip install nbformat)", file=sys.stderr)
        return 2
    status = 0
    for path in paths:
        try:
            nb = nbformat.read(path, as_version=nbformat.NO_CONVERT)
            if (nb.nbformat, nb.nbformat_minor) < (4, 5):
                raise nbformat.ValidationError(f"nbformat {nb.nbformat}.{nb.nbformat_minor}, expected 4.5+")
            nbformat.validate(nb)
        except Exception as error:  # noqa: BLE001 - report any failure per file
            print(f"{path}: INVALID: {error}", file=sys.stderr)
            status = 1
        else:
            print(f"{path}: valid nbformat {nb.nbformat}.{nb.nbformat_minor} ({len(nb.cells)} cells)")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
