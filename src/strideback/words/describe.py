"""Doses and programmes as words in one language (for the CLI, pages and handouts)."""

from __future__ import annotations

from django.utils.translation import gettext

from strideback.core.content.library import Library
from strideback.core.content.models import Dose, Exercise, Programme, Weeks
from strideback.core.languages import Lang
from strideback.words import in_language


def _count(dose: Dose, lang: Lang) -> str:
    hold = dose.hold_seconds
    if dose.steps_each_way is not None:
        return gettext("%(sets)s × %(steps)s steps each way") % {
            "sets": dose.sets,
            "steps": dose.steps_each_way,
        }
    if dose.reps is not None and dose.repetition_maximum:
        return gettext("%(sets)s × %(reps)sRM (heavy enough that %(reps)s is all you can do)") % {
            "sets": dose.sets,
            "reps": dose.reps,
        }
    if dose.reps is not None and dose.reps_max is not None and hold is not None:
        hold_max = dose.hold_seconds_max or hold
        return gettext("%(reps)s-%(reps_max)s times, holding %(hold)s-%(hold_max)s seconds") % {
            "reps": dose.reps,
            "reps_max": dose.reps_max,
            "hold": hold,
            "hold_max": hold_max,
        }
    if dose.reps is not None and hold is not None:
        return gettext("%(sets)s × %(reps)s reps, holding %(hold)s seconds each") % {
            "sets": dose.sets,
            "reps": dose.reps,
            "hold": hold,
        }
    if dose.reps is not None and dose.reps_max is not None:
        return gettext("%(sets)s × %(reps)s-%(reps_max)s reps") % {
            "sets": dose.sets,
            "reps": dose.reps,
            "reps_max": dose.reps_max,
        }
    if dose.reps is not None:
        return gettext("%(sets)s × %(reps)s reps") % {"sets": dose.sets, "reps": dose.reps}
    if hold is not None:
        return gettext("%(sets)s × %(hold)s-second hold") % {"sets": dose.sets, "hold": hold}
    return gettext("No set count: go at your own pace")


@in_language
def dose_text(dose: Dose, lang: Lang) -> str:
    """'3 × 10 reps, on each side, tempo 3-2-3 s (up, hold, down)' in ``lang``."""
    parts = [_count(dose, lang)]
    if dose.per_side:
        parts.append(gettext("on each side"))
    tempo = dose.tempo
    if tempo is not None:
        parts.append(
            gettext("tempo %(up)s-%(hold)s-%(down)s s (up, hold, down)")
            % {"up": tempo[0], "hold": tempo[1], "down": tempo[2]}
        )
    if dose.rest_seconds is not None:
        parts.append(gettext("%(seconds)s s rest between sets") % {"seconds": dose.rest_seconds})
    return ", ".join(parts)


@in_language
def weeks_text(weeks: Weeks, lang: Lang) -> str:
    if weeks.to is None:
        return gettext("week %(start)s onwards") % {"start": weeks.from_}
    return gettext("weeks %(start)s-%(end)s") % {"start": weeks.from_, "end": weeks.to}


@in_language
def schedule_text(programme: Programme, lang: Lang) -> str:
    s = programme.schedule
    if s.every_days == 2:
        return gettext("Train every other day")
    if s.every_days is not None:
        return gettext("Train every %(days)s days") % {"days": s.every_days}
    low = s.per_week_min or s.per_week_max
    high = s.per_week_max or low
    if low == high:
        return gettext("%(times)s times a week") % {"times": low}
    return gettext("%(low)s-%(high)s times a week") % {"low": low, "high": high}


def schedule_source_text(programme: Programme, lang: Lang) -> str:
    """Where "how often" comes from, when not from the programme's source: Strideback's advice
    (the source does not say), or the studies behind the doses ("" when the source says it)."""
    source = programme.schedule.source
    if source == "strideback":
        return gettext("Strideback's advice: the source does not say how often.")
    if source == "study":
        return gettext("How often follows the studies the doses come from.")
    return ""


def doses_source_text(programme: Programme, lang: Lang) -> str:
    """The studies the doses come from, where they are not the source's own ("" otherwise)."""
    if not programme.doses_from:
        return ""
    return gettext("Doses from: %(sources)s") % {"sources": "; ".join(programme.doses_from)}


def steps_source_text(exercise: Exercise, lang: Lang) -> str:
    """A mark on steps Strideback wrote where the source shows the movement without them."""
    if exercise.steps_from == "strideback":
        return gettext("Strideback's advice: the source shows this movement without written steps.")
    return ""


def load_text(library: Library, dose: Dose, lang: Lang) -> str | None:
    return library.term("load", dose.load.value, lang) if dose.load is not None else None
