"""The engine's reasons as sentences: the edge between codes and numbers and the runner's words.

Each ``Reason`` renders with the catalogue key ``reason.<code>`` (``content/ui/engine.yaml``);
its facts fill the placeholders: dates in the language's own format, numbers without a
needless ".0" (and with a decimal comma where the language uses one), a ``cause`` as the
clause ``cause.<cause>``, exercise ids as the exercise's name, doses as words, a red flag as
its label (with its advice).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from strideback.core.content.describe import dose_text
from strideback.core.content.library import default_library
from strideback.core.content.models import Dose
from strideback.core.engine.decision import Decision, Reason
from strideback.core.engine.red_flags import RedFlag
from strideback.core.i18n import t
from strideback.core.languages import Lang

Names = Callable[[str, Lang], str]

_EXERCISE_FACTS = ("exercise", "easier")
_DECIMAL_COMMA: frozenset[str] = frozenset({"da", "de", "nb"})


def date_text(value: dt.date, lang: Lang) -> str:
    """'Tuesday 4 March' / 'tirsdag den 4. marts' / 'Dienstag, 4. März' / 'tirsdag 4. mars'."""
    weekday = t(f"date.weekday.{value.isoweekday()}", lang)
    month = t(f"date.month.{value.month}", lang)
    return t("date.format", lang, weekday=weekday, day=value.day, month=month)


def number_text(value: float, lang: Lang) -> str:
    """2.0 -> '2'; 2.5 -> '2.5' in English and '2,5' in Danish, German and Norwegian."""
    if float(value).is_integer():
        return str(int(value))
    text = f"{value:g}"
    return text.replace(".", ",") if lang in _DECIMAL_COMMA else text


def exercise_name(exercise: str, lang: Lang) -> str:
    """The exercise's name from the packaged library, or its id if it is not there."""

    try:
        return default_library().exercise(exercise).text.get(lang).name
    except Exception:  # an unknown id, or a broken library: show the id
        return exercise


def _value(key: str, value: object, lang: Lang, names: Names) -> object:
    if isinstance(value, dt.date):
        return date_text(value, lang)
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return number_text(value, lang)
    if isinstance(value, Dose):
        return dose_text(value, lang)
    if key in _EXERCISE_FACTS and isinstance(value, str):
        return names(value, lang)
    return getattr(value, "value", value)


def _facts(facts: Mapping[str, object], lang: Lang, names: Names) -> dict[str, object]:
    out = {key: _value(key, value, lang, names) for key, value in facts.items()}
    cause = facts.get("cause")
    if cause is not None:
        out["cause"] = t(f"cause.{getattr(cause, 'value', cause)}", lang, **out)
    flag = facts.get("flag")
    if isinstance(flag, RedFlag):
        out["flag"] = flag_label(flag, lang)
        out["advice"] = flag_advice(flag, lang)
    return out


def reason(r: Reason, lang: Lang, names: Names = exercise_name) -> str:
    """One plain sentence for a reason, with its numbers."""
    return t(f"reason.{r.code.value}", lang, **_facts(r.facts, lang, names))


def decision(d: Decision, lang: Lang, names: Names = exercise_name) -> str:
    """The decision's headline sentence: its first reason."""
    return reason(d.reasons[0], lang, names) if d.reasons else ""


def action_label(d: Decision, lang: Lang) -> str:
    """A short label for the decision's action ('Stay in this phase')."""
    return t(f"plan.action.{d.action.value}", lang)


def flag_question(flag: RedFlag, lang: Lang) -> str:
    return t(f"red_flag.{flag.value}.question", lang)


def flag_label(flag: RedFlag, lang: Lang) -> str:
    return t(f"red_flag.{flag.value}.label", lang)


def flag_advice(flag: RedFlag, lang: Lang) -> str:
    """What to do, and how urgently."""
    return t(f"red_flag.{flag.value}.advice", lang)
