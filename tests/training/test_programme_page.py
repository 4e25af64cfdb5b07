"""The programme page and the printed handout mark what is Strideback's advice rather than the
source's (how often for seeds 001-003, the written steps of seed 003's mirror-knee items), give
seed 004's doses their studies, and keep seed 000's Danish names and numbering (issue #12
item 4)."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from strideback.clinic.handout import Clinic, render_pdf
from strideback.core.content.library import default_library

OURS_HOW_OFTEN = "Strideback's advice: the source does not say how often."
OURS_STEPS = "Strideback's advice: the source shows this movement without written steps."


def _page(client: Client, programme: str, lang: str = "en") -> str:
    response = client.get(reverse("programme_page", args=[programme]), HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 200
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


@pytest.mark.django_db
@pytest.mark.parametrize("programme", ["runners-knee-mobility", "medial-knee-pain", "leg-axis"])
def test_a_schedule_the_source_does_not_give_is_marked_as_stridebacks(
    client: Client, programme: str
) -> None:
    assert OURS_HOW_OFTEN in _page(client, programme)


@pytest.mark.django_db
def test_the_handouts_own_schedule_is_not_marked(client: Client) -> None:
    page = _page(client, "anterior-knee-pain")
    assert "Train every other day" in page and "Strideback's advice" not in page


@pytest.mark.django_db
def test_the_mirror_knee_steps_are_marked_as_stridebacks(client: Client) -> None:
    page = _page(client, "leg-axis")
    assert page.count(OURS_STEPS) == 2  # the check and the training


@pytest.mark.django_db
def test_seed_004s_doses_name_rathleff_and_riel(client: Client) -> None:
    page = _page(client, "plantar-heel-pain")
    assert "Doses from: Rathleff 2015" in page and "Riel 2020" in page
    assert "How often follows the studies the doses come from." in page


@pytest.mark.django_db
def test_seed_000_in_danish_keeps_the_handouts_names_and_numbering(client: Client) -> None:
    page = _page(client, "anterior-knee-pain", "da")
    assert "1. Rygliggende hofte-udadrotation med elastik" in page
    assert "5.a. 1-bens wall-squat" in page
    assert "5.b. Reverse lounge (alternativ til øvelse 5.a)" in page
    assert "Regler, programmet følger: Hospitalets regler" in page


@pytest.mark.django_db
def test_an_unknown_programme_is_a_404(client: Client) -> None:
    assert client.get(reverse("programme_page", args=["no-such"])).status_code == 404


needs_pdftotext = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")


def _pdf_text(programme: str, lang: str, tmp: Path) -> str:
    library = default_library()
    pdf = render_pdf(library, library.programme(programme), lang, clinic=Clinic())  # type: ignore[arg-type]
    path = tmp / f"{programme}-{lang}.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return " ".join(text.split())


@needs_pdftotext
def test_the_printed_handout_marks_stridebacks_advice(tmp_path: Path) -> None:
    text = _pdf_text("leg-axis", "da", tmp_path)
    assert "Stridebacks råd: kilden siger ikke, hvor tit." in text
    assert text.count("Stridebacks råd: kilden viser bevægelsen uden en skrevet vejledning.") == 2


@needs_pdftotext
def test_the_printed_heel_handout_names_the_dose_studies(tmp_path: Path) -> None:
    text = _pdf_text("plantar-heel-pain", "de", tmp_path)
    assert "Dosierung aus: Rathleff 2015" in text and "Riel 2020" in text


@pytest.mark.django_db
def test_the_player_marks_the_mirror_knee_steps_and_not_the_handouts() -> None:
    import datetime as dt

    from strideback.accounts.models import User
    from strideback.training.models import Enrollment
    from strideback.training.player import planned_session

    start = dt.date(2026, 3, 2)
    user = User.objects.create_user("runner@example.com", "pw-123456789", language="da")
    Enrollment.objects.create(user=user, programme_id="leg-axis", start=start)
    session = planned_session(user, start, "strength", "en")
    assert session is not None
    assert [i["steps_ours"] for i in session["items"]] == [OURS_STEPS] * 2
    Enrollment.objects.filter(user=user).update(programme_id="anterior-knee-pain")
    session = planned_session(user, start, "strength", "en")
    assert session is not None and {i["steps_ours"] for i in session["items"]} == {""}
