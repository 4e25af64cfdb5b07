"""`strideback handout PROGRAMME --lang L --out FILE.pdf [--clinic NAME --phone PHONE]`: the
printable handout of a library programme, the same PDF the clinic pages make."""

from __future__ import annotations

import argparse
from pathlib import Path

from strideback.cli import CommandError
from strideback.commands import _choices
from strideback.core.content.library import default_library


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("handout", help="write a programme's printable handout as a PDF")
    parser.add_argument("programme", help="programme id (see `strideback programmes`)")
    parser.add_argument("--lang", default="en", help="da, en, de or nb (default en)")
    parser.add_argument("--out", required=True, type=Path, help="the PDF file to write")
    parser.add_argument("--clinic", default="", help="clinic name for the cover")
    parser.add_argument("--phone", default="", help="clinic phone for the cover")
    parser.add_argument("--patient", default="", help="patient's name for the cover")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    library = default_library()
    programme = _choices.programme(library, args.programme)
    lang = _choices.language(args.lang)
    out: Path = args.out
    if out.suffix.lower() != ".pdf":
        raise CommandError(f"--out: '{out}' must end in .pdf")
    if not out.parent.is_dir():
        raise CommandError(f"--out: the folder '{out.parent}' does not exist")
    _choices.django_setup()
    from strideback.clinic.handout import Clinic, render_pdf

    pdf = render_pdf(
        library,
        programme,
        lang,
        clinic=Clinic(args.clinic.strip(), args.phone.strip()),
        patient_name=args.patient.strip(),
    )
    out.write_bytes(pdf)
    print(f"wrote {out} ({len(pdf) // 1024} KB)")
    return 0
