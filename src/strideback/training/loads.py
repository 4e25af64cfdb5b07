"""Load for repetition-maximum exercises: log load and reps per set, and the next session's
load from the current phase's RM target (``core.engine.load``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from strideback.accounts.models import User
from strideback.core.content.models import Dose
from strideback.core.engine.load import LoadAdvice, SetDone, next_load
from strideback.training.followed import followed
from strideback.training.models import SetLoad
from strideback.training.onboarding import InputError


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
