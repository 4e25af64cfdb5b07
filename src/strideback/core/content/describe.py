"""Doses and programmes as words in one language (for the CLI, pages and handouts)."""

from __future__ import annotations

from strideback.core.content.library import Library
from strideback.core.content.models import Dose, Programme, Weeks
from strideback.core.i18n import t
from strideback.core.languages import Lang


def _count(dose: Dose, lang: Lang) -> str:
    hold = dose.hold_seconds
    if dose.steps_each_way is not None:
        return t("dose.steps", lang, sets=dose.sets, steps=dose.steps_each_way)
    if dose.reps is not None and dose.repetition_maximum:
        return t("dose.rm", lang, sets=dose.sets, reps=dose.reps)
    if dose.reps is not None and dose.reps_max is not None and hold is not None:
        hold_max = dose.hold_seconds_max or hold
        return t(
            "dose.reps_range_with_hold_range",
            lang,
            reps=dose.reps,
            reps_max=dose.reps_max,
            hold=hold,
            hold_max=hold_max,
        )
    if dose.reps is not None and hold is not None:
        return t("dose.reps_with_hold", lang, sets=dose.sets, reps=dose.reps, hold=hold)
    if dose.reps is not None and dose.reps_max is not None:
        return t("dose.reps_range", lang, sets=dose.sets, reps=dose.reps, reps_max=dose.reps_max)
    if dose.reps is not None:
        return t("dose.reps", lang, sets=dose.sets, reps=dose.reps)
    if hold is not None:
        return t("dose.hold", lang, sets=dose.sets, hold=hold)
    return t("dose.untimed", lang)


def dose_text(dose: Dose, lang: Lang) -> str:
    """'3 × 10 reps, on each side, tempo 3-2-3 s (up, hold, down)' in ``lang``."""
    parts = [_count(dose, lang)]
    if dose.per_side:
        parts.append(t("dose.per_side", lang))
    tempo = dose.tempo
    if tempo is not None:
        parts.append(t("dose.tempo", lang, up=tempo[0], hold=tempo[1], down=tempo[2]))
    if dose.rest_seconds is not None:
        parts.append(t("dose.rest", lang, seconds=dose.rest_seconds))
    return ", ".join(parts)


def weeks_text(weeks: Weeks, lang: Lang) -> str:
    if weeks.to is None:
        return t("show.weeks_open", lang, start=weeks.from_)
    return t("show.weeks", lang, start=weeks.from_, end=weeks.to)


def schedule_text(programme: Programme, lang: Lang) -> str:
    s = programme.schedule
    if s.every_days == 2:
        return t("show.schedule_every_other_day", lang)
    if s.every_days is not None:
        return t("show.schedule_every_days", lang, days=s.every_days)
    low = s.per_week_min or s.per_week_max
    high = s.per_week_max or low
    if low == high:
        return t("show.schedule_times_per_week", lang, times=low)
    return t("show.schedule_per_week", lang, low=low, high=high)


def load_text(library: Library, dose: Dose, lang: Lang) -> str | None:
    return library.term("load", dose.load.value, lang) if dose.load is not None else None
