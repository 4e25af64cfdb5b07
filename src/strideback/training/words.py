"""Reasons and red flags as sentences in one language: the edge between the engine's codes
and the runner's words. ``strideback.explain`` does the work when it is there; until then,
the ``reason.<code>`` key (or the bare code) stands in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.utils.dateformat import format as date_format

from strideback.core.i18n import has, t
from strideback.core.languages import Lang


def day_text(value: dt.date, lang: Lang) -> str:
    return date_format(value, t("fmt.day", lang))  # type: ignore[arg-type]


def _facts(facts: Mapping[str, object], lang: Lang) -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in facts.items():
        if isinstance(value, dt.date):
            out[key] = day_text(value, lang)
        elif isinstance(value, float) and value.is_integer():
            out[key] = int(value)
        else:
            out[key] = getattr(value, "value", value)
    return out


def reason(r: Any, lang: Lang) -> str:
    """One plain sentence for an engine ``Reason``."""
    try:
        from strideback import explain  # the engine's own wording, once it has landed
    except ImportError:
        explain = None  # type: ignore[assignment]
    if explain is not None and hasattr(explain, "reason"):
        return str(explain.reason(r, lang))
    key = f"reason.{r.code.value}"
    if not has(key):
        return str(r.code.value)
    facts = _facts(r.facts, lang)
    cause = facts.get("cause")
    if isinstance(cause, str) and has(f"cause.{cause}"):
        facts["cause"] = t(f"cause.{cause}", lang, **facts)
    try:
        return t(key, lang, **facts)
    except (KeyError, IndexError):
        return str(r.code.value)


def flag_question(code: str, lang: Lang) -> str:
    """The red-flag question (``red_flag.<code>.question`` in the engine's catalogue)."""
    key = f"red_flag.{code}.question"
    return t(key, lang) if has(key) else code.replace("_", " ")


def flag_advice(code: str, lang: Lang) -> str:
    key = f"red_flag.{code}.advice"
    return t(key, lang) if has(key) else ""
