"""Every exercise's key poses on one page, for a physiotherapist to review at a glance.

    .venv/bin/python scripts/contact_sheet.py --out figures.pdf [--png figures.png] [--lang L]
                                              [--only ID,ID]

Each cell shows an exercise's start and end pose (or the steps of a walk, or the held pose),
drawn exactly as the app, the command line and the handout draw them, with the exercise's name
and view. The PNG needs ``pdftoppm`` (poppler-utils).
"""

from __future__ import annotations

import argparse
import html
import subprocess
import sys
import tempfile
from pathlib import Path

from weasyprint import HTML

from strideback.core.content.library import default_library
from strideback.core.figures.exercise import timing_for
from strideback.core.figures.picture import key_times, svg_at


def sheet(lang: str, only: set[str] | None) -> str:
    library = default_library()
    cells = []
    for exercise in sorted(library.exercises.values(), key=lambda e: e.id):
        if exercise.figure is None or (only and exercise.id not in only):
            continue
        figure, timing = exercise.figure, timing_for(library, exercise.id)
        name = exercise.text.get(lang).name  # type: ignore[arg-type]
        stills = "".join(
            f'<div class="still">{svg_at(figure, timing, t, name)}<p>{t:g} s</p></div>'
            for t in key_times(figure, timing)
        )
        cells.append(
            f'<section><h2>{html.escape(name)}</h2><p class="id">{exercise.id} · '
            f"{figure.view} · {figure.motion}</p><div class=row>{stills}</div></section>"
        )
    style = (
        "@page{size:A2;margin:8mm}body{font:8pt sans-serif;display:flex;flex-wrap:wrap}"
        "section{width:23%;margin:0 1% 4mm;break-inside:avoid;border-top:1px solid #ccc}"
        "h2{font-size:9pt;margin:1mm 0 0}.id{color:#777;margin:0}.row{display:flex;gap:2mm}"
        ".still{flex:1}.still svg{width:100%;height:40mm}.still p{margin:0;color:#777}"
    )
    return f"<html><head><style>{style}</style></head><body>{''.join(cells)}</body></html>"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, help="the PDF to write")
    parser.add_argument("--png", help="also write the sheet as PNG here (its first page)")
    parser.add_argument("--lang", default="en", choices=("da", "en", "de", "nb"))
    parser.add_argument("--only", help="comma-separated exercise ids")
    args = parser.parse_args()
    only = set(args.only.split(",")) if args.only else None
    HTML(string=sheet(args.lang, only)).write_pdf(args.out)
    if args.png:
        with tempfile.TemporaryDirectory() as tmp:
            stem = Path(tmp) / "page"
            subprocess.run(
                ["pdftoppm", "-png", "-r", "110", "-singlefile", args.out, str(stem)], check=True
            )
            Path(args.png).write_bytes(stem.with_suffix(".png").read_bytes())
    print(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
