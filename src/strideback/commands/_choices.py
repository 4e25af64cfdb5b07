"""Checks shared by the commands: programme, phase and language choices."""

from __future__ import annotations

import os

import django
from django.conf import settings

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
    """The language asked for, with Django set up so its interface words can be read."""
    for lang in LANGUAGES:
        if lang == value:
            django_setup()
            return lang
    raise CommandError(f"unknown language '{value}' (choose one of: {', '.join(LANGUAGES)})")


def django_setup() -> None:
    """Interface words (gettext) and templates need Django configured; no database is touched."""
    if not settings.configured:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "strideback.web.settings")
        os.environ.setdefault("STRIDEBACK_DEBUG", "1")
    django.setup()
