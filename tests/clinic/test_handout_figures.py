"""The printed handout shows each exercise's start and end pose, like the hospital's photos:
checked in the Danish and German PDFs through pdftoppm (the figure's green is on every page
that pdftotext shows listing an exercise, and not on the cover)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from strideback.clinic.handout import Clinic, render_html, render_pdf
from strideback.core.content.library import default_library

pytestmark = pytest.mark.skipif(not shutil.which("pdftoppm"), reason="needs poppler-utils")

FIGURE_GREEN = (0x0B, 0x6E, 0x4F)  # the figure's near limbs (svg.STYLE)


def green_pixels(png: Path) -> int:
    image = Image.open(png).convert("RGB")
    return sum(
        1
        for r, g, b in image.getdata()
        if abs(r - FIGURE_GREEN[0]) < 12
        and abs(g - FIGURE_GREEN[1]) < 12
        and abs(b - FIGURE_GREEN[2]) < 12
    )


@pytest.mark.parametrize("lang", ["da", "de"])
def test_every_phase_page_shows_the_poses(lang: str, tmp_path: Path) -> None:
    library = default_library()
    programme = library.programme("anterior-knee-pain")
    html = render_html(library, programme, lang, clinic=Clinic("Klinik", "12 34 56 78"))
    items = [item for phase in programme.phases for item in phase.items]
    assert html.count('<div class="poses">') == len(items)
    squat = library.exercise("mini-squat-band")
    assert html.count(f'aria-label="{squat.text.get(lang).name}: ') >= 2  # start and end
    pdf = tmp_path / "h.pdf"
    pdf.write_bytes(render_pdf(library, programme, lang, clinic=Clinic("Klinik", "12 34 56 78")))
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(tmp_path / "p")], check=True)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    pngs = sorted(tmp_path.glob("p-*.png"))
    pages = text.split("\f")
    phase_pages = [
        png
        for png, page in zip(pngs, pages, strict=False)
        if any(library.exercise(i.exercise).text.get(lang).name.upper() in page for i in items)
    ]
    assert phase_pages, "no page lists an exercise"
    cover = pngs[0]
    assert green_pixels(cover) < 50  # the cover has no figure
    for png in phase_pages:
        assert green_pixels(png) > 20, f"{png.name} shows no figure"
