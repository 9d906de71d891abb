#!/usr/bin/python3
"""Draws the memory plan of a huge-compile report as SVG.

Top: bytes of the arena alive at each step (the sum of live buffers), with
the arena size and the lower bound marked. Bottom: the arena layout, one
rectangle per buffer, spanning the steps it is alive (x) and its bytes (y).
For a model tiled under a budget, the title also gives the groups, the
budget and the untiled arena; each band's buffers show as short rectangles.

usage: plot_memory.py REPORT.json OUT.svg
"""
import json
import sys


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    report = json.load(open(sys.argv[1]))
    buffers = report["buffers"]
    totals = report["totals"]
    arena = max(totals["arena_bytes"], 1)
    steps = max([b["live"][1] for b in buffers] + [1]) + 1
    live = [sum(b["size"] for b in buffers if b["live"][0] <= s <= b["live"][1])
            for s in range(steps)]
    w, left, top, h1, gap, h2 = 900, 70, 40, 160, 50, 320
    width = w - left - 20
    sx = lambda s: left + s * width / steps
    y1 = lambda v: top + h1 - v / arena * h1
    y2 = lambda v: top + h1 + gap + v / arena * h2
    height = top + h1 + gap + h2 + 40
    tiling = report.get("tiling")
    if tiling:
        top += 16
        height += 16
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{height}" '
           f'font-family="sans-serif" font-size="11">',
           f'<text x="{left}" y="18" font-size="13">{report["name"]}: arena {totals["arena_bytes"]} B, '
           f'lower bound {totals["arena_lower_bound_bytes"]} B, {len(buffers)} buffers, {steps} steps</text>',
           (f'<text x="{left}" y="34">tiled groups {tiling["groups"]} (layers FIRST-LAST:bands, rD: recomputes '
            f'the layers feeding it up to D deep, c: carries halos); budget {tiling.get("budget_bytes", "-")} B, untiled arena '
            f'{tiling["untiled_arena_bytes"]} B</text>' if tiling else ""),
           f'<text x="{left - 6}" y="{top + 4}" text-anchor="end">{arena // 1024} KiB</text>',
           f'<text x="{left - 6}" y="{top + h1}" text-anchor="end">0</text>',
           f'<line x1="{left}" y1="{y1(arena):.1f}" x2="{left + width}" y2="{y1(arena):.1f}" stroke="#999" stroke-dasharray="4"/>']
    # live bytes per step
    pts = []
    for s, v in enumerate(live):
        pts += [f"{sx(s):.1f},{y1(v):.1f}", f"{sx(s + 1):.1f},{y1(v):.1f}"]
    out.append(f'<polyline fill="none" stroke="#36c" stroke-width="2" points="{" ".join(pts)}"/>')
    out.append(f'<text x="{left + width}" y="{top + h1 + 14}" text-anchor="end">live bytes per step</text>')
    # arena layout
    palette = ["#8dd3c7", "#fb8072", "#80b1d3", "#fdb462", "#b3de69", "#fccde5", "#bebada", "#ffed6f"]
    out.append(f'<rect x="{left}" y="{y2(0):.1f}" width="{width}" height="{h2}" fill="none" stroke="#999"/>')
    for i, b in enumerate(buffers):
        x0, x1 = sx(b["live"][0]), sx(b["live"][1] + 1)
        out.append(f'<rect x="{x0:.1f}" y="{y2(b["offset"]):.1f}" width="{x1 - x0:.1f}" '
                   f'height="{max(b["size"] / arena * h2, 1):.1f}" fill="{palette[i % len(palette)]}" '
                   f'stroke="#333" stroke-width="0.5"><title>{b["name"]}: offset {b["offset"]}, '
                   f'{b["size"]} B, steps {b["live"][0]}-{b["live"][1]}</title></rect>')
    out.append(f'<text x="{left - 6}" y="{y2(0) + 4:.1f}" text-anchor="end">offset 0</text>')
    out.append(f'<text x="{left - 6}" y="{y2(arena):.1f}" text-anchor="end">{arena // 1024} KiB</text>')
    out.append(f'<text x="{left + width}" y="{height - 10}" text-anchor="end">arena layout: buffers over '
               f'their lifetime (x: step, y: bytes)</text></svg>')
    open(sys.argv[2], "w").write("\n".join(out))


if __name__ == "__main__":
    main()
