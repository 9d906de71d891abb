#!/usr/bin/env python3
"""Writes the runtime's one-file form, huge_runtime.c, from its rooms.

usage: amalgamate.py OUTPUT ROOM.c...

Each room (a .c file under src/) is copied in the order given, with every
#include "..." of a runtime header replaced by that header's text the first
time it is met (and dropped after), SQLite-style: the result needs only
huge_runtime.h and the model's huge_config.h beside it, and compiles as one
translation unit, so the rooms' static helpers inline across rooms as if
they were one file.
"""
import os
import re
import sys

# Headers that ship beside huge_runtime.c: their #include lines stay.
KEPT = ("huge_runtime.h", "huge_config.h")
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def expand(path, seen, out):
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    rel = os.path.relpath(path, SRC)
    out.append(f"/* ---- {rel} ---- */")
    for line in lines:
        m = INCLUDE.match(line)
        if m and m.group(1) not in KEPT:
            target = os.path.normpath(os.path.join(os.path.dirname(path), m.group(1)))
            if not os.path.isfile(target):
                sys.exit(f"error: {path}: no runtime header {m.group(1)}")
            if target not in seen:
                seen.add(target)
                expand(target, seen, out)
            continue
        if m and m.group(1) == "huge_runtime.h":  # once, at the top
            continue
        out.append(line)


SRC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "src")


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    output, rooms = sys.argv[1], sys.argv[2:]
    out = ["/* huge runtime: the portable C99 kernels that generated models call",
           " * (see huge_runtime.h). Generated from the runtime's sources, one",
           " * file per kernel family and ISA, by runtime/amalgamate.py. */",
           '#include "huge_runtime.h"', ""]
    seen = set()
    for room in rooms:
        path = os.path.normpath(os.path.abspath(room))
        if path in seen:
            continue
        seen.add(path)
        expand(path, seen, out)
        out.append("")
    text = "\n".join(out).rstrip("\n") + "\n"
    old = None
    if os.path.exists(output):
        with open(output, encoding="utf-8") as f:
            old = f.read()
    if old != text:
        with open(output, "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
