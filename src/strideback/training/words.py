"""The engine's codes as the runner's words, via ``strideback.words.explain`` (one sentence per
reason, red-flag questions and advice), so every runner page words them the same way."""

from __future__ import annotations

from typing import Any

from strideback.core.engine.red_flags import RedFlag
from strideback.core.languages import Lang
from strideback.words import explain


def reason(r: Any, lang: Lang) -> str:
    """One plain sentence for an engine ``Reason``."""
    return explain.reason(r, lang)


def why(reasons: Any, lang: Lang) -> tuple[explain.Why, ...]:
    """The reasons behind "Why?": each in words with its rule's source and rule set."""
    return explain.why(reasons, lang)


def flag_question(code: str, lang: Lang) -> str:
    return explain.flag_question(RedFlag(code), lang)


def flag_advice(code: str, lang: Lang) -> str:
    return explain.flag_advice(RedFlag(code), lang)
