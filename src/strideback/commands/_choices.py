"""Checks shared by the commands: programme, phase and language choices."""

from __future__ import annotations

from strideback.core.content.library import Library
from strideback.core.content.models import Programme
from strideback.core.languages import LANGUAGES, Lang
from strideback.errors import CommandError


def programme(library: Library, programme_id: str) -> Programme:
    if programme_id not in library.programmes:
        valid = ", ".join(sorted(library.programmes))
        raise CommandError(f"unknown programme '{programme_id}' (choose one of: {valid})")
    return library.programme(programme_id)


def language(value: str) -> Lang:
    for lang in LANGUAGES:
        if lang == value:
            return lang
    raise CommandError(f"unknown language '{value}' (choose one of: {', '.join(LANGUAGES)})")
