"""Load for repetition-maximum exercises: log load and reps per set, and the next session's
load from the current phase's RM target (``core.engine.load``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext

from strideback.accounts.models import User
from strideback.core.content.models import Dose
from strideback.core.engine.load import LoadAction, LoadAdvice, SetDone, next_load
from strideback.core.languages import Lang
from strideback.errors import InputError
from strideback.training.followed import followed
from strideback.training.models import SetLoad
from strideback.words import in_language


@dataclass(frozen=True)
class RmItem:
    programme_id: str
    phase: int
    dose: Dose


def rm_item(user: User, exercise: str, on: dt.date) -> RmItem | None:
    """The dose of ``exercise`` in the current phase of a programme the runner follows, when
    it is dosed as a repetition maximum."""
    for state in followed(user, on, days=1):
        phase_number = state.state.phase
        programme = state.track.programme
        if phase_number is None or not programme.phases:
            continue
        for item in programme.phase(phase_number).items:
            if item.exercise == exercise and item.dose.repetition_maximum and item.dose.reps:
                return RmItem(programme.id, phase_number, item.dose)
    return None


def record_set(
    user: User, on: dt.date, exercise: str, set_number: int, load_kg: float, reps: int
) -> tuple[SetLoad, bool]:
    """Store (or replace) one set; raises ``InputError`` for an exercise the runner's current
    phase does not dose as a repetition maximum."""
    if rm_item(user, exercise, on) is None:
        raise InputError(
            "exercise",
            f"'{exercise}' is not a repetition-maximum exercise in your current phase",
        )
    with transaction.atomic():
        row, created = SetLoad.objects.update_or_create(
            user=user,
            date=on,
            exercise=exercise,
            set_number=set_number,
            defaults={"load_kg": load_kg, "reps": reps},
        )
    return row, created


def last_session(user: User, exercise: str, on: dt.date) -> tuple[dt.date | None, list[SetDone]]:
    """The sets of the latest day up to ``on`` with any logged, in set order."""
    latest = (
        SetLoad.objects.filter(user=user, exercise=exercise, date__lte=on)
        .order_by("-date")
        .values_list("date", flat=True)
        .first()
    )
    if latest is None:
        return None, []
    rows = SetLoad.objects.filter(user=user, exercise=exercise, date=latest).order_by("set_number")
    return latest, [SetDone(r.load_kg, r.reps) for r in rows]


def advice(user: User, exercise: str, on: dt.date) -> tuple[RmItem, dt.date | None, LoadAdvice]:
    item = rm_item(user, exercise, on)
    if item is None:
        raise InputError(
            "exercise",
            f"'{exercise}' is not a repetition-maximum exercise in your current phase",
        )
    day, sets = last_session(user, exercise, on)
    assert item.dose.reps is not None
    return item, day, next_load(item.dose.reps, item.dose.load, sets)


@in_language
def advice_words(result: LoadAdvice, lang: Lang) -> tuple[str, str]:
    """The advice as a sentence with its numbers, and its source, in ``lang``."""
    f = result.facts
    target = result.target_reps
    kg = {
        "load": f"{f.get('load_kg', 0):g}",
        "next": f"{result.load_kg or 0:g}",
        "change": f"{abs(result.change_kg):g}",
        "target": target,
        "first": f.get("first_set_reps", 0),
        "last": f.get("last_set_reps", 0),
    }
    if result.action is LoadAction.BODY_WEIGHT:
        reason = gettext("This phase uses your body weight only: %(target)s slow reps.") % kg
    elif result.action is LoadAction.START:
        reason = (
            gettext(
                "Find the load at which %(target)s reps are the most you can do, and log it "
                "after each set: the next proposal follows from it."
            )
            % kg
        )
    elif result.action is LoadAction.ADD:
        reason = (
            gettext(
                "Last time %(last)s reps in the last set at %(load)s kg, more than the "
                "%(target)s aimed for: add %(change)s kg, %(next)s kg next time."
            )
            % kg
        )
    elif result.action is LoadAction.REDUCE:
        reason = (
            gettext(
                "Last time %(first)s reps in the first set at %(load)s kg, well short of "
                "%(target)s: take off %(change)s kg, %(next)s kg next time."
            )
            % kg
        )
    else:
        reason = (
            gettext(
                "Last time %(first)s to %(last)s reps at %(load)s kg, about the %(target)s "
                "aimed for: keep %(load)s kg."
            )
            % kg
        )
    if len(result.sources) > 1:
        source = (
            gettext(
                "Source: the %(target)s-rep maximum is Rathleff 2015's (seed 004); the "
                "kilograms per rep are Strideback's own."
            )
            % kg
        )
    else:
        source = gettext("Source: the %(target)s-rep maximum is Rathleff 2015's (seed 004).") % kg
    return reason, source


def player_loads(
    user: User, day: dt.date, items: list[dict[str, Any]], lang: Lang
) -> dict[str, Any]:
    """For the player: each repetition-maximum exercise of the session with the load proposed
    for today (from the sessions before it) and the sets already logged today."""
    out: dict[str, Any] = {}
    for item in items:
        exercise = item["exercise"]
        if not item["dose"].get("repetition_maximum") or exercise in out:
            continue
        try:
            _item, _day, result = advice(user, exercise, day - dt.timedelta(days=1))
        except InputError:
            found = rm_item(user, exercise, day)
            if found is None or found.dose.reps is None:
                continue
            result = next_load(found.dose.reps, found.dose.load, [])
        reason, source = advice_words(result, lang)
        logged = SetLoad.objects.filter(user=user, date=day, exercise=exercise)
        out[exercise] = {
            "name": item["name"],
            "target_reps": result.target_reps,
            "body_weight": result.action is LoadAction.BODY_WEIGHT,
            "load_kg": result.load_kg,
            "reason": reason,
            "source": source,
            "logged": {str(s.set_number): {"load_kg": s.load_kg, "reps": s.reps} for s in logged},
        }
    return out
