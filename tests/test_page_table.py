"""docs/architecture.md's table of pages stays true: every URL name in it resolves to the view
the table names beside it, and every service, core and template file it names exists."""

from __future__ import annotations

import re
from pathlib import Path

from django.urls import get_resolver

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "strideback"
DOC = ROOT / "docs" / "architecture.md"
HEADING = "## Every page: its view, service, core rule and template"


def table_rows(text: str) -> list[list[str]]:
    section = text.split(HEADING, 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    return [[cell.strip() for cell in row.strip("|").split("|")] for row in rows]


def _ticked(cell: str) -> list[str]:
    return re.findall(r"`([^`]+)`", cell)


def _template(name: str) -> bool:
    return any(SRC.glob(f"**/templates/{name}"))


def problems(text: str) -> list[str]:
    views = {
        name: (p.callback.__module__, p.callback.__name__)
        for name, p in _named_patterns(get_resolver().url_patterns)
    }
    found = []
    for names, _path, view, service, core, template in table_rows(text):
        listed: dict[str, str] = {}  # function -> module, as the view cell names them
        for part in _ticked(view):
            if ":" in part:
                file, functions = part.split(":", 1)
                module = "strideback." + file.removesuffix(".py").replace("/", ".")
                listed.update({f.strip(): module for f in functions.split(",")})
        for name in _ticked(names):
            if ":" in name:
                continue  # the API's operations: see /api/v1/docs
            if name not in views:
                found.append(f"{name}: no such URL name")
            elif listed.get(views[name][1]) != views[name][0]:
                found.append(f"{name}: its view is {':'.join(views[name])}, not in the table")
        for cell in (service, core):
            for file in _ticked(cell):
                if "*" not in file and "/" in file and not (SRC / file).exists():
                    found.append(f"{names}: {file} does not exist")
        for file in _ticked(template):
            if file.endswith(".html") and not _template(file):
                found.append(f"{names}: template {file} does not exist")
    return found


def _named_patterns(patterns):  # type: ignore[no-untyped-def]
    from django.urls import URLResolver

    for p in patterns:
        if isinstance(p, URLResolver):
            if not p.namespace:
                yield from _named_patterns(p.url_patterns)
        elif p.name:
            yield p.name, p


def test_the_page_table_names_real_routes_views_and_files() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert len(table_rows(text)) > 20
    assert problems(text) == []


def test_the_check_catches_a_wrong_row() -> None:
    text = DOC.read_text(encoding="utf-8")
    wrong = text.replace(
        "`today` | `/today/` | `training/views.py: today`",
        "`today` | `/today/` | `training/views.py: todays`",
    )
    wrong = wrong.replace("`training/progress.html`", "`training/progres.html`")
    wrong = wrong.replace("| `home` |", "| `homepage` |")
    assert problems(wrong) == [
        "homepage: no such URL name",
        "today: its view is strideback.training.views:today, not in the table",
        "`progress`: template training/progres.html does not exist",
    ]
