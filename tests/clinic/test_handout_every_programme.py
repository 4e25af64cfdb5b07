"""Every exercise programme's Danish and German handout prints each exercise with its start
and end pose (the held pose once): in the HTML the handout is made from, and on paper
(pdftotext finds the exercise's name on a page, pdftoppm finds the figure's green on it)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from strideback.clinic.handout import Clinic, render_html, render_pdf
from strideback.core.content.library import default_library
from strideback.core.figures.exercise import timing_of
from strideback.core.figures.picture import key_times
from tests.clinic.test_handout_figures import green_pixels

LIBRARY = default_library()
PROGRAMMES = sorted(p.id for p in LIBRARY.programmes.values() if p.kind == "exercises")
CLINIC = Clinic("Klinik", "12 34 56 78")


@pytest.mark.parametrize("lang", ["da", "de"])
@pytest.mark.parametrize("programme_id", PROGRAMMES)
def test_each_exercise_has_its_start_and_end_pose(programme_id: str, lang: str) -> None:
    programme = LIBRARY.programme(programme_id)
    html = render_html(LIBRARY, programme, lang, clinic=CLINIC)
    articles = re.findall(r'<article class="item">(.*?)</article>', html, flags=re.S)
    items = [item for phase in programme.phases for item in phase.items]
    assert len(articles) == len(items)
    for item, article in zip(items, articles, strict=True):
        exercise = LIBRARY.exercise(item.exercise)
        name = exercise.text.get(lang).name
        poses = re.findall(r"<svg .*?</svg>", article, flags=re.S)
        wanted = min(2, len(key_times(exercise.figure, timing_of(item.dose))))
        assert len(poses) == wanted, f"{item.exercise}: {len(poses)} poses"
        assert all(f'aria-label="{name}: ' in svg for svg in poses)
        if wanted == 2:
            assert poses[0] != poses[1], f"{item.exercise}: start and end are the same"


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="needs poppler-utils")
@pytest.mark.parametrize("lang", ["da", "de"])
@pytest.mark.parametrize("programme_id", [p for p in PROGRAMMES if p != "anterior-knee-pain"])
def test_the_printed_pages_show_the_figures(programme_id: str, lang: str, tmp_path: Path) -> None:
    """(The front-of-knee programme's pages: tests/clinic/test_handout_figures.py.)"""
    programme = LIBRARY.programme(programme_id)
    pdf = tmp_path / "h.pdf"
    pdf.write_bytes(render_pdf(LIBRARY, programme, lang, clinic=CLINIC))
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(tmp_path / "p")], check=True)
    pages = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout.split("\f")
    pages = [" ".join(page.split()) for page in pages]  # a long name wraps over two lines
    pngs = sorted(tmp_path.glob("p-*.png"))
    names = {
        LIBRARY.exercise(i.exercise).text.get(lang).name.upper()
        for phase in programme.phases
        for i in phase.items
    }
    listing = [png for png, page in zip(pngs, pages, strict=False) if any(n in page for n in names)]
    assert listing, "no page lists an exercise"
    for png in listing:
        assert green_pixels(png) > 20, f"{png.name} shows no figure"
