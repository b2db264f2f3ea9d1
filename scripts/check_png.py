#!/usr/bin/env python3
"""Checks that a PNG written by dtr decodes (used by scripts/check_package.sh; standard library
only): the signature, every chunk's CRC, the IHDR size, the zlib stream, every row's filter, and
that the decoded pixels are a real picture (many distinct colours, not one flat fill)."""
import struct
import sys
import zlib


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else (b if pb <= pc else c)


def main(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit(f"{path}: not a PNG signature")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        (n,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + n]
        (crc,) = struct.unpack(">I", data[pos + 8 + n:pos + 12 + n])
        if zlib.crc32(kind + body) != crc:
            sys.exit(f"{path}: bad CRC in {kind!r}")
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
        if kind == b"IEND":
            break
    if header is None:
        sys.exit(f"{path}: no IHDR")
    width, height, depth, ctype, _, _, interlace = header
    channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(ctype)
    if depth != 8 or channels is None or interlace != 0:
        sys.exit(f"{path}: unexpected format depth={depth} colour type={ctype} interlace={interlace}")
    if not (100 <= width <= 10000 and 100 <= height <= 10000):
        sys.exit(f"{path}: implausible size {width}x{height}")
    raw = zlib.decompress(idat)
    stride = width * channels
    if len(raw) != height * (stride + 1):
        sys.exit(f"{path}: {len(raw)} bytes of pixel data for {width}x{height}")
    prev, colours = bytearray(stride), set()
    for y in range(height):
        f, row = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = row[i - channels] if i >= channels else 0
            b, c = prev[i], (prev[i - channels] if i >= channels else 0)
            if f == 1: row[i] = (row[i] + a) & 255
            elif f == 2: row[i] = (row[i] + b) & 255
            elif f == 3: row[i] = (row[i] + (a + b) // 2) & 255
            elif f == 4: row[i] = (row[i] + paeth(a, b, c)) & 255
            elif f != 0: sys.exit(f"{path}: bad filter {f} in row {y}")
        colours.update(bytes(row[i:i + channels]) for i in range(0, stride, channels))
        prev = row
    if len(colours) < 16:
        sys.exit(f"{path}: only {len(colours)} distinct colours: not a heatmap")
    print(f"  PNG {path.split('/')[-1]}: {width}x{height}, {channels} channels, {len(colours)} distinct colours, decodes")


if __name__ == "__main__":
    main(sys.argv[1])
