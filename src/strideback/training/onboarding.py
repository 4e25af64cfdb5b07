"""Onboarding: where it hurts, the safety questions, the goal, the programmes that fit, and
enrolling in them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from strideback.accounts.models import User
from strideback.core.content.library import Library, default_library
from strideback.core.content.models import Programme
from strideback.core.engine.red_flags import RedFlag, most_urgent_first
from strideback.errors import InputError
from strideback.training.models import (
    Area,
    Enrollment,
    EntryKind,
    Goal,
    JournalEntry,
    Profile,
    RedFlagClearance,
)

# Where it hurts -> the programmes that fit, best first. Each pairing has a sentence
# (``why.<programme>``) saying why it fits.
AREA_PROGRAMMES: dict[str, tuple[str, ...]] = {
    Area.FRONT_OF_KNEE: ("anterior-knee-pain", "runners-knee-mobility"),
    Area.INSIDE_OF_KNEE: ("medial-knee-pain",),
    Area.OUTSIDE_OF_KNEE: ("leg-axis",),
    Area.HEEL: ("plantar-heel-pain",),
}
RUN_PLAN = "return-to-run-5k"
KNEE_AREAS = {Area.FRONT_OF_KNEE, Area.INSIDE_OF_KNEE, Area.OUTSIDE_OF_KNEE}
KNEE_FLAGS = {
    RedFlag.KNEE_LOCKED,
    RedFlag.GIVING_WAY_AFTER_INJURY,
    RedFlag.KNEE_CHANGED_SHAPE,
    RedFlag.RAPID_SWELLING_AFTER_INJURY,
}
HEEL_FLAGS = {RedFlag.BILATERAL_HEEL_MORNING_STIFFNESS, RedFlag.HEEL_SQUEEZE_PAIN}
_FLAG_CODES = {f.value for f in RedFlag}


def profile(user: User) -> Profile:
    found, _ = Profile.objects.get_or_create(user=user)
    return found


def save_areas(user: User, areas: Iterable[str]) -> Profile:
    """Onboarding step 1: where it hurts (one or more areas)."""
    chosen = [a.value for a in Area if a.value in set(areas)]
    if not chosen or len(chosen) != len(set(areas)):
        raise InputError("areas", "onb.error_areas")
    prof = profile(user)
    prof.areas = chosen
    prof.save(update_fields=["areas"])
    return prof


def red_flag_questions(areas: Iterable[str]) -> list[RedFlag]:
    """The red-flag questions for these areas (knee questions only for knees, and so on)."""
    areas = set(areas)
    skip: set[RedFlag] = set()
    if not areas & KNEE_AREAS:
        skip |= KNEE_FLAGS
    if Area.HEEL not in areas:
        skip |= HEEL_FLAGS
    return [flag for flag in RedFlag if flag not in skip]


def screen_red_flags(user: User, answers: Iterable[str], on: dt.date) -> list[RedFlag]:
    """Onboarding step 2 (and any later re-check): the codes answered "yes".

    Any yes is stored as a ``check`` journal entry, so the stop holds until a clearance dated
    after it; returns the flags, most urgent first (empty: self-training may go on).
    """
    flags = read_red_flags(answers)
    if flags:
        JournalEntry.objects.create(
            user=user,
            date=on,
            kind=EntryKind.CHECK,
            completed=False,
            red_flags=[f.value for f in flags],
        )
    return flags


def read_red_flags(answers: Iterable[str]) -> list[RedFlag]:
    """The red flags answered "yes", most urgent first; an unknown code is an InputError.
    Nothing is stored: the page shows them back for the runner to confirm first."""
    codes = set(answers)
    if codes - _FLAG_CODES:
        raise InputError("red_flags", "onb.error_red_flags")
    return most_urgent_first([RedFlag(c) for c in sorted(codes)])


def red_flag_stop(user: User) -> list[RedFlag]:
    """The red flags that stop self-training now: those of the latest check with any flag,
    unless a clearance was given on or after that day."""
    latest = (
        JournalEntry.objects.filter(user=user).exclude(red_flags=[]).order_by("-date", "-id")
    ).first()
    if latest is None:
        return []
    cleared = RedFlagClearance.objects.filter(user=user, cleared_on__gte=latest.date).exists()
    if cleared:
        return []
    return most_urgent_first([RedFlag(c) for c in latest.red_flags if c in _FLAG_CODES])


def save_goal(user: User, goal: str) -> Profile:
    """Onboarding step 3: back to 5 km, or keep running without pain."""
    if goal not in Goal.values:
        raise InputError("goal", "onb.error_goal")
    prof = profile(user)
    prof.goal = goal
    prof.save(update_fields=["goal"])
    return prof


@dataclass(frozen=True)
class Suggestion:
    programme_id: str
    title: str
    summary: str
    area: str
    preselected: bool
    companion_of: str | None = None  # the run plan goes with the front-of-knee programme


def suggestions(
    areas: Sequence[str], goal: str, lang: str = "en", library: Library | None = None
) -> list[Suggestion]:
    """The programmes that fit the answers, best first (the page says why each fits:
    ``words.onboarding.WHY``, by programme id)."""
    library = library or default_library()
    out: list[Suggestion] = []
    for area in Area:
        if area.value not in areas:
            continue
        for i, pid in enumerate(AREA_PROGRAMMES[area]):
            out.append(_suggestion(library, pid, area.value, lang, preselected=i == 0))
            if pid == "anterior-knee-pain" and goal == Goal.BACK_TO_5K:
                run = _suggestion(library, RUN_PLAN, area.value, lang, preselected=True)
                out.append(Suggestion(**{**run.__dict__, "companion_of": "anterior-knee-pain"}))
    return out


def _suggestion(library: Library, pid: str, area: str, lang: str, preselected: bool) -> Suggestion:
    text = library.programme(pid).text.get(lang)  # type: ignore[arg-type]
    return Suggestion(pid, text.title, text.summary, area, preselected)


def enroll(
    user: User,
    programme_ids: Sequence[str],
    start: dt.date,
    on: dt.date,
    library: Library | None = None,
    start_phase: int = 1,
    earlier_pain_free: bool | None = None,
) -> list[Enrollment]:
    """Start following one or more programmes from ``start`` (onboarding's last step), the
    exercise programmes in ``start_phase`` (checked by the caller) with the runner's word on
    the phases before it (recorded as theirs, with the time).

    Refused while red flags stop self-training. A programme already followed keeps its
    enrollment (starting again would throw its history away), so enrolling twice is harmless.
    """
    library = library or default_library()
    ids = list(dict.fromkeys(programme_ids))
    if not ids:
        raise InputError("programmes", "onb.error_programmes")
    if any(pid not in library.programmes for pid in ids):
        raise InputError("programmes", "onb.error_programmes")
    check_start(start, on)
    check_start_phase(library, ids, start_phase)
    if red_flag_stop(user):
        raise InputError("red_flags", "onb.error_stopped")
    with transaction.atomic():
        out = [
            _enroll_one(user, library.programme(pid), start, start_phase, earlier_pain_free)
            for pid in ids
        ]
        prof = profile(user)
        if prof.onboarded_at is None:
            prof.onboarded_at = timezone.now()
            prof.save(update_fields=["onboarded_at"])
    return out


def check_start_phase(library: Library, programme_ids: Sequence[str], phase: int) -> None:
    """Every exercise programme chosen has the start phase (run plans start at their first
    week whatever it is)."""
    for pid in programme_ids:
        prog = library.programmes.get(pid)
        if prog is None or prog.kind != "exercises":
            continue
        if phase not in [p.number for p in prog.phases]:
            raise InputError("start_phase", "onb.error_start_phase")


def phase_choices(library: Library, programme_ids: Sequence[str]) -> list[int]:
    """The phases a runner may start in: those of the exercise programme with the most."""
    counts = [
        len(prog.phases)
        for pid in programme_ids
        if (prog := library.programmes.get(pid)) is not None and prog.kind == "exercises"
    ]
    return list(range(1, max(counts, default=1) + 1))


def earlier_answer(text: str) -> bool | None:
    """The runner's word on the phases before their start phase: "yes" (without pain), "no",
    or anything else (not said)."""
    return {"yes": True, "no": False}.get(text.strip())


def check_start(start: dt.date, on: dt.date) -> None:
    """A start date from four weeks back (catching up) to three months ahead."""
    if start < on - dt.timedelta(days=28) or start > on + dt.timedelta(days=90):
        raise InputError("start", "onb.error_start")


def _enroll_one(
    user: User, prog: Programme, start: dt.date, phase: int, earlier_pain_free: bool | None
) -> Enrollment:
    existing = Enrollment.objects.filter(user=user, programme_id=prog.id, active=True).first()
    if existing is not None:
        return existing
    if prog.kind != "exercises" or phase == 1:
        return Enrollment.objects.create(user=user, programme_id=prog.id, start=start)
    said = earlier_pain_free is not None
    return Enrollment.objects.create(
        user=user,
        programme_id=prog.id,
        start=start,
        start_phase=phase,
        earlier_pain_free=earlier_pain_free,
        earlier_stated_by=user if said else None,
        earlier_stated_at=timezone.now() if said else None,
    )
