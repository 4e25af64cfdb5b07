"""The printed handout, read back with pdftotext: cover, one phase per page, run plan table,
log sheet, and Danish, Norwegian and German letters intact."""

from __future__ import annotations

import argparse
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client

from strideback.accounts.models import User
from strideback.clinic import prescriptions
from strideback.clinic.handout import Clinic, render_pdf
from strideback.commands import handout as handout_command
from strideback.core.content.library import default_library

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")


def pages(pdf: bytes, tmp: Path, layout: bool = True) -> list[str]:
    """The text of each page: ``-layout`` keeps tables in place; without it, two-column prose
    reads in order."""
    path = tmp / "handout.pdf"
    path.write_bytes(pdf)
    mode = ["-layout"] if layout else []
    text = subprocess.run(
        ["pdftotext", *mode, str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return text.split("\f")[:-1]


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def danish_pdf() -> bytes:
    library = default_library()
    pdf = render_pdf(
        library,
        library.programme("anterior-knee-pain"),
        "da",
        clinic=Clinic("Fysio- og Ergoterapi, Hjørring", "97 64 16 82"),
        patient_name="Søren Ærø",
    )
    assert pdf.startswith(b"%PDF")
    return pdf


@pytest.fixture(scope="module")
def danish(danish_pdf: bytes, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return pages(danish_pdf, tmp_path_factory.mktemp("da"))


def test_the_cover_carries_the_clinic_patient_and_how_to_train(
    danish_pdf: bytes, tmp_path: Path
) -> None:
    cover = words(pages(danish_pdf, tmp_path, layout=False)[0])
    for text in (
        "Fysio- og Ergoterapi, Hjørring",
        "Tlf. 97 64 16 82",
        "Til Søren Ærø",
        "Træning ved smerter foran i knæet",
        "Sådan laver du øvelserne",
        "Knæ over tå",
        "3 + 2 + 3 sekunder",
        "hver anden dag",
        "ispose",
        "Kontakt og mere viden",
    ):
        assert text in cover, text


def test_each_phase_starts_its_own_page_with_exercises_and_doses(danish: list[str]) -> None:
    heads = [p.strip().splitlines()[0].strip() for p in danish]
    for n, weeks in enumerate(("uge 1-4", "uge 5-8", "uge 9-12", "uge 13-16"), start=1):
        assert f"Fase {n} ({weeks})" in heads
    assert "Fase 5 (uge 17 og frem)" in heads
    phase1 = danish[heads.index("Fase 1 (uge 1-4)")]
    assert "PLANKEN" in phase1
    assert "3 × 30 sekunders hold" in phase1
    assert "tempo 3-2-3 sek." in phase1


def test_the_run_plan_is_a_table_of_weeks_and_days(danish: list[str]) -> None:
    text = " ".join("\n".join(danish).split())
    assert "Uge" in text and "Dag 1" in text and "Dag 3" in text
    assert "Uge 12" in text
    assert "løb 30 min. eller 5 km" in text


def test_the_last_page_is_a_log_sheet(danish: list[str]) -> None:
    last = danish[-1]
    assert last.lstrip().startswith("Træningsdagbog")
    header = words(last.split("Dato")[1][:600])
    for word in ("Øvelser lavet", "Smerte", "under", "efter", "Næste", "morgen", "(0-10)"):
        assert word in header, word


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("de", ["Übungen", "Füße", "Gesäß", "Trainingstagebuch", "Nächster", "Seite 1"]),
        ("nb", ["Slik gjør du øvelsene", "Treningsdagbok", "Neste", "kne over tå", "Å"]),
    ],
)
def test_german_and_norwegian_letters_come_through(
    lang: str, expected: list[str], tmp_path: Path
) -> None:
    library = default_library()
    pdf = render_pdf(
        library,
        library.programme("anterior-knee-pain"),
        lang,  # type: ignore[arg-type]
        clinic=Clinic("Praxis Müller – Köln", "0221 123 45 67"),
    )
    text = " ".join("\n".join(pages(pdf, tmp_path)).split())
    assert "Praxis Müller – Köln" in text
    for word in expected:
        assert word in text, word


def test_pages_render_as_images(tmp_path: Path) -> None:
    if not shutil.which("pdftoppm"):
        pytest.skip("needs pdftoppm")
    library = default_library()
    pdf = render_pdf(library, library.programme("plantar-heel-pain"), "nb", clinic=Clinic())
    (tmp_path / "h.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", str(tmp_path / "h.pdf"), str(tmp_path / "p")], check=True
    )
    assert sorted(tmp_path.glob("p-*.png")), "at least one page image"


def test_a_patients_handout_follows_the_prescription_in_their_language(
    physio: Client, patient: User, clinician: User, tmp_path: Path
) -> None:
    prescriptions.adjust(
        clinician,
        patient,
        adjustments=[{"kind": "dose", "phase": 1, "position": "2", "dose": {"hold_seconds": 15}}],
        note="Tag trapperne roligt",
    )
    response = physio.get(f"/clinic/patients/{patient.pk}/handout.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = " ".join("\n".join(pages(response.content, tmp_path)).split())
    assert "Til Søren" in text
    assert "Tag trapperne roligt" in text
    assert "3 × 15 sekunders hold" in text
    assert "Fysio- og Ergoterapi, Hjørring" in text


def test_any_library_programme_prints_in_a_chosen_language(physio: Client, tmp_path: Path) -> None:
    response = physio.get("/clinic/library/medial-knee-pain/handout.pdf?lang=de")
    assert response.status_code == 200
    assert "Übung" in "\n".join(pages(response.content, tmp_path))
    assert physio.get("/clinic/library/medial-knee-pain/handout.pdf?lang=fr").status_code == 400


def _args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    handout_command.register(parser.add_subparsers())
    return parser.parse_args(["handout", *argv])


def test_the_cli_writes_the_handout(tmp_path: Path) -> None:
    out = tmp_path / "akp-da.pdf"
    args = _args(
        "anterior-knee-pain",
        "--lang",
        "da",
        "--out",
        str(out),
        "--clinic",
        "Klinik Øst",
        "--phone",
        "12 34 56 78",
    )
    assert args.handler(args) == 0
    text = "\n".join(pages(out.read_bytes(), tmp_path))
    assert "Klinik Øst" in text and "Tlf. 12 34 56 78" in text


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["nope", "--out", "x.pdf"], "unknown programme 'nope'"),
        (["leg-axis", "--lang", "fr", "--out", "x.pdf"], "unknown language 'fr'"),
        (["leg-axis", "--out", "x.txt"], "must end in .pdf"),
        (["leg-axis", "--out", "/no/such/folder/x.pdf"], "does not exist"),
    ],
)
def test_the_cli_names_what_is_wrong(argv: list[str], message: str) -> None:
    from strideback.cli import CommandError

    args = _args(*argv)
    with pytest.raises(CommandError, match=message):
        args.handler(args)
