"""Interface words at the edge of the app: codes, doses, schedules and programmes as text in
the active language (Django's gettext; the catalogues are ``web/locale/*/LC_MESSAGES``).
A code's words live in the module for its concept (``decisions``, ``red_flags``, ...);
``explain`` turns the engine's reasons into sentences with them. ``core`` stays free of
words; see docs/translating.md."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from django.utils import translation

P = ParamSpec("P")
R = TypeVar("R")


def in_language(func: Callable[P, R]) -> Callable[P, R]:
    """Run ``func`` with its ``lang`` argument as the active language, for code that renders
    for a given language rather than the request's (the CLI, e-mails, kept answers, tests)."""
    position = list(inspect.signature(func).parameters).index("lang")

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        lang = kwargs["lang"] if "lang" in kwargs else args[position]
        with translation.override(str(lang)):
            return func(*args, **kwargs)

    return wrapper
