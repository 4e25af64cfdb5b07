"""Every page's data and every state change on the runner's side, one function each.

The HTML views and the JSON API both call these. No request objects: arguments in (the user,
the date ``on`` taken at the view edge, the language for texts), plain dataclasses out.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from strideback.accounts.models import User
from strideback.core import engine
from strideback.core.content.describe import dose_text
from strideback.core.content.library import Library, default_library
from strideback.core.engine import schedule
from strideback.core.engine.red_flags import RedFlag, most_urgent_first
from strideback.core.engine.thresholds import Thresholds
from strideback.core.i18n import t
from strideback.core.languages import Lang
from strideback.training import convert, ics_times, session_summary, words
from strideback.training.models import (
    Area,
    Enrollment,
    EntryKind,
    Goal,
    JournalEntry,
    Profile,
    RedFlagClearance,
)

# --- onboarding ------------------------------------------------------------------------

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


class InputError(ValueError):
    """Bad input; ``field`` names it and ``code`` is the catalogue key of the message."""

    def __init__(self, field: str, code: str) -> None:
        super().__init__(f"{field}: {code}")
        self.field = field
        self.code = code


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
    known = {f.value for f in RedFlag}
    codes = set(answers)
    if codes - known:
        raise InputError("red_flags", "onb.error_red_flags")
    flags = most_urgent_first([RedFlag(c) for c in sorted(codes)])
    if flags:
        JournalEntry.objects.create(
            user=user,
            date=on,
            kind=EntryKind.CHECK,
            completed=False,
            red_flags=[f.value for f in flags],
        )
    return flags


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
    why: str  # catalogue key: why this programme fits
    area: str
    preselected: bool
    companion_of: str | None = None  # the run plan goes with the front-of-knee programme


def suggestions(
    areas: Sequence[str], goal: str, lang: str = "en", library: Library | None = None
) -> list[Suggestion]:
    """The programmes that fit the answers, best first, each with why it fits."""
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
    return Suggestion(pid, text.title, text.summary, f"why.{pid}", area, preselected)


def enroll(
    user: User,
    programme_ids: Sequence[str],
    start: dt.date,
    on: dt.date,
    library: Library | None = None,
) -> list[Enrollment]:
    """Start following one or more programmes from ``start`` (onboarding's last step).

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
    if red_flag_stop(user):
        raise InputError("red_flags", "onb.error_stopped")
    with transaction.atomic():
        out = [_enroll_one(user, pid, start) for pid in ids]
        prof = profile(user)
        if prof.onboarded_at is None:
            prof.onboarded_at = timezone.now()
            prof.save(update_fields=["onboarded_at"])
    return out


def check_start(start: dt.date, on: dt.date) -> None:
    """A start date from four weeks back (catching up) to three months ahead."""
    if start < on - dt.timedelta(days=28) or start > on + dt.timedelta(days=90):
        raise InputError("start", "onb.error_start")


def _enroll_one(user: User, pid: str, start: dt.date) -> Enrollment:
    existing = Enrollment.objects.filter(user=user, programme_id=pid, active=True).first()
    if existing is not None:
        return existing
    return Enrollment.objects.create(user=user, programme_id=pid, start=start)


def active_enrollments(user: User) -> list[Enrollment]:
    return list(Enrollment.objects.filter(user=user, active=True).order_by("id"))


@dataclass(frozen=True)
class ProgrammeView:
    id: int  # the enrollment
    programme_id: str
    title: str
    start: dt.date
    prescribed: bool


def programmes(user: User, lang: Lang, library: Library | None = None) -> list[ProgrammeView]:
    """The programmes the runner follows now (settings page)."""
    library = library or default_library()
    return [
        ProgrammeView(
            e.pk,
            e.programme_id,
            library.programme(e.programme_id).text.get(lang).title,
            e.start,
            e.prescribed_by_id is not None,
        )
        for e in active_enrollments(user)
    ]


@dataclass(frozen=True)
class ClinicianView:
    id: int  # the clinician's user id (what ``clinic.services.stop_sharing`` takes)
    name: str
    clinic: str
    since: dt.datetime | None


def clinicians(user: User) -> list[ClinicianView]:
    """The clinicians who follow the runner's training now (settings page)."""
    from strideback.clinic.models import CareLink, CareLinkStatus

    links = CareLink.objects.filter(runner=user, status=CareLinkStatus.ACTIVE).select_related(
        "clinician", "clinician__clinician_profile"
    )
    out = []
    for link in links.order_by("id"):
        profile = getattr(link.clinician, "clinician_profile", None)
        out.append(
            ClinicianView(
                link.clinician_id,
                link.clinician.name or link.clinician.email,
                profile.clinic_name if profile is not None else "",
                link.accepted_at,
            )
        )
    return out


def stop_programme(user: User, enrollment_id: int) -> Enrollment:
    """Stop following a programme (its history stays in the journal)."""
    enrollment = Enrollment.objects.filter(user=user, pk=enrollment_id, active=True).first()
    if enrollment is None:
        raise LookupError(enrollment_id)
    enrollment.active = False
    enrollment.save(update_fields=["active", "updated_at"])
    return enrollment


# --- next-morning check ----------------------------------------------------------------

SESSION_KINDS = (EntryKind.STRENGTH, EntryKind.RUN)


def pending_morning_check(user: User, on: dt.date) -> list[JournalEntry]:
    """Yesterday's sessions still waiting for this morning's pain (asked first thing)."""
    return list(
        JournalEntry.objects.filter(
            user=user,
            date=on - dt.timedelta(days=1),
            kind__in=SESSION_KINDS,
            pain_next_morning__isnull=True,
        ).order_by("id")
    )


def record_next_morning(user: User, pain: int, on: dt.date) -> list[JournalEntry]:
    """This morning's pain (0-10), stored on yesterday's sessions. Sent twice, the second
    value wins (a corrected tap); with no session yesterday it is stored as a check."""
    if isinstance(pain, bool) or not isinstance(pain, int) or not 0 <= pain <= 10:
        raise InputError("pain", "morning.error_pain")
    yesterday = on - dt.timedelta(days=1)
    with transaction.atomic():
        rows = list(
            JournalEntry.objects.select_for_update().filter(
                user=user, date=yesterday, kind__in=SESSION_KINDS
            )
        )
        for row in rows:
            row.pain_next_morning = pain
            row.save(update_fields=["pain_next_morning", "updated_at"])
        if not rows:
            rows = [_morning_check(user, pain, on)]
    return rows


def _morning_check(user: User, pain: int, on: dt.date) -> JournalEntry:
    checks = JournalEntry.objects.filter(user=user, date=on, kind=EntryKind.CHECK)
    check = next((c for c in checks if not c.red_flags), None)
    if check is None:
        return JournalEntry.objects.create(
            user=user, date=on, kind=EntryKind.CHECK, completed=False, pain_next_morning=pain
        )
    check.pain_next_morning = pain
    check.save(update_fields=["pain_next_morning", "updated_at"])
    return check


# --- calendar subscription -------------------------------------------------------------


def reset_calendar_token(user: User) -> str:
    """A new secret for the calendar subscription URL; the old URL stops working at once."""
    prof = profile(user)
    prof.reset_calendar_token()
    return prof.calendar_token


def user_for_calendar_token(token: str) -> User | None:
    prof = Profile.objects.select_related("user").filter(calendar_token=token).first()
    if prof is None or not prof.user.is_active:
        return None
    return prof.user


# --- my data ---------------------------------------------------------------------------

ENTRY_FIELDS = (
    "date",
    "kind",
    "completed",
    "sets_done",
    "pain_during",
    "pain_after",
    "pain_next_morning",
    "swelling",
    "red_flags",
    "painful_exercises",
    "run_minutes",
    "run_week",
    "run_day",
    "note",
    "programme",
    "created_at",
)


def _entry_row(entry: JournalEntry) -> dict[str, object]:
    row: dict[str, object] = {}
    for name in ENTRY_FIELDS:
        if name == "programme":
            row[name] = entry.enrollment.programme_id if entry.enrollment else None
        else:
            value = getattr(entry, name)
            row[name] = value.isoformat() if isinstance(value, dt.date) else value
    return row


def export_data(user: User) -> dict[str, object]:
    """Everything Strideback holds about the runner, as plain JSON-ready data."""
    prof = Profile.objects.filter(user=user).first()
    entries = JournalEntry.objects.filter(user=user).select_related("enrollment")
    return {
        "format": "strideback-export/1",
        "account": {
            "email": user.email,
            "name": user.name,
            "language": user.language,
            "role": user.role,
            "date_joined": user.date_joined.isoformat(),
        },
        "profile": {
            "areas": prof.areas if prof else [],
            "goal": prof.goal if prof else "",
            "onboarded_at": prof.onboarded_at.isoformat() if prof and prof.onboarded_at else None,
        },
        "enrollments": [
            {
                "programme": e.programme_id,
                "start": e.start.isoformat(),
                "active": e.active,
                "prescribed": e.prescribed_by_id is not None,
                "adjustments": e.adjustments,
                "thresholds": e.thresholds,
                "note_to_runner": e.note_to_runner,
            }
            for e in Enrollment.objects.filter(user=user).order_by("id")
        ],
        "journal": [_entry_row(e) for e in entries],
        "clearances": [
            {"cleared_on": c.cleared_on.isoformat(), "note": c.note}
            for c in RedFlagClearance.objects.filter(user=user).order_by("cleared_on")
        ],
        "clinicians": [
            {
                "clinician": link.clinician.email,
                "status": link.status,
                "accepted_at": link.accepted_at.isoformat() if link.accepted_at else None,
            }
            for link in user.clinician_links.select_related("clinician").order_by("id")
        ],
    }


def export_csv(user: User) -> str:
    """The journal as CSV (one row per logged session or check), for a spreadsheet."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(ENTRY_FIELDS), lineterminator="\n")
    writer.writeheader()
    entries = JournalEntry.objects.filter(user=user).select_related("enrollment")
    for entry in entries:
        row = _entry_row(entry)
        for key in ("red_flags", "painful_exercises"):
            row[key] = " ".join(str(v) for v in row[key])  # type: ignore[attr-defined]
        writer.writerow(row)
    return out.getvalue()


def delete_account(user: User, confirm_email: str) -> None:
    """Delete the account and everything in it. The runner types their e-mail to confirm."""
    if confirm_email.strip().lower() != user.email.lower():
        raise InputError("confirm", "settings.error_confirm")
    with transaction.atomic():
        # Care links, journal, enrollments, profile, clearances all cascade from the user.
        RedFlagClearance.objects.filter(cleared_by=user).update(cleared_by=None)
        user.delete()


# --- the engine, per programme ---------------------------------------------------------


@dataclass(frozen=True)
class Followed:
    """One programme (with its run plan) and what the engine says about it on a day."""

    track: convert.Track
    thresholds: Thresholds
    plan: engine.Plan

    @property
    def state(self) -> engine.State:
        return self.plan.state


def _journal_for(track: convert.Track, rows: Sequence[Any]) -> list[Any]:
    """A programme's journal: its own sessions, its run plan's, and every check (pain
    mornings and red flags concern the whole runner)."""
    ids = track.enrollment_ids
    mine = [r for r in rows if r.enrollment_id in ids or r.kind == EntryKind.CHECK]
    return convert.journal(mine)


def _thresholds(track: convert.Track) -> Thresholds:
    return convert.threshold_table(
        track.programme, track.run_plan, track.enrollment.thresholds or {}
    )


def followed(user: User, on: dt.date, days: int = 14) -> list[Followed]:
    """Every programme the runner follows, evaluated on ``on`` with ``days`` of plan."""
    return _followed(user, on, days)[0]


def _light_journal(user: User, on: dt.date) -> list[convert.LightRow]:
    """The runner's journal up to ``on`` (date, then id), with just the columns read."""
    return convert.light_rows(JournalEntry.objects.filter(user=user, date__lte=on))


def _cleared(user: User) -> tuple[dt.date, ...]:
    """The days a clinician cleared this runner's red-flag stops."""
    return tuple(
        sorted(RedFlagClearance.objects.filter(user=user).values_list("cleared_on", flat=True))
    )


def _followed(
    user: User, on: dt.date, days: int
) -> tuple[list[Followed], list[convert.LightRow] | None]:
    """``followed``, with the journal rows it read (None: nothing followed, nothing read)."""
    enrollments = active_enrollments(user)
    if not enrollments:
        return [], None
    rows = _light_journal(user, on)
    cleared = _cleared(user)
    out = []
    for track in convert.tracks(enrollments):
        th = _thresholds(track)
        result = engine.plan(
            track.programme,
            track.enrollment.start,
            _journal_for(track, rows),
            on,
            run_plan=track.run_plan,
            thresholds=th,
            cleared=cleared,
            days=days,
        )
        out.append(Followed(track, th, result))
    return out, rows


# --- Today -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemView:
    exercise: str
    name: str
    dose: str
    part: str
    note: str | None
    adjusted: str | None  # "reduced" or "easier" (the engine's advice changed it)
    replaces: str | None  # the name of the exercise an easier variant stands in for
    alternatives: tuple[ItemView, ...] = ()


@dataclass(frozen=True)
class SegmentView:
    kind: str  # walk or run
    minutes: int
    or_km: float | None


@dataclass(frozen=True)
class SessionView:
    date: dt.date
    kind: str  # strength or run
    programme_id: str
    title: str
    phase: int | None
    week: int | None
    run_week: int | None
    run_day: int | None
    items: tuple[ItemView, ...]
    segments: tuple[SegmentView, ...]
    minutes: int
    run_minutes: int
    play_url: str
    done: bool


@dataclass(frozen=True)
class FlagView:
    code: str
    urgency: str
    date: dt.date | None


@dataclass(frozen=True)
class TrackView:
    programme_id: str
    title: str
    kind: str  # exercises or run_plan
    phase: int | None
    phase_title: str | None
    phase_count: int
    week: int
    status: str
    action: str
    headline: str  # the engine's sentence: what today means and why
    reasons: tuple[str, ...]
    warnings: tuple[str, ...]
    advice: tuple[str, ...]
    show_ice: bool
    running_allowed: bool
    running_paused: bool
    running_text: str | None
    run_week: int | None
    today: tuple[SessionView, ...]
    next_session: SessionView | None
    pain_limit: int
    note_to_runner: str

    @property
    def all_done(self) -> bool:
        return bool(self.today) and all(s.done for s in self.today)


@dataclass(frozen=True)
class MorningCheck:
    yesterday: dt.date
    kinds: tuple[str, ...]
    suggested: int | None  # one tap from right: the last morning value, else last night's
    limit: int


@dataclass(frozen=True)
class TodayPage:
    on: dt.date
    onboarded: bool
    stop: tuple[FlagView, ...]
    morning: MorningCheck | None
    tracks: tuple[TrackView, ...]
    ice: str | None


def today(user: User, on: dt.date, lang: Lang, library: Library | None = None) -> TodayPage:
    """What to do today and why, for every programme the runner follows."""
    library = library or default_library()
    states, rows = _followed(user, on, 14)
    stop = _stop_flags(user, states)
    if rows is None:  # nothing followed: the journal was not read yet
        rows = [] if stop else _light_journal(user, on)
    # Today's sessions and the morning check come from the rows the engine read: no more
    # queries, and as fresh (one read of the journal for the whole page).
    logged = [r for r in rows if r.date == on and r.kind in SESSION_KINDS]
    tracks = tuple(_track_view(f, on, lang, library, logged) for f in states) if not stop else ()
    return TodayPage(
        on=on,
        onboarded=bool(states)
        or Profile.objects.filter(user=user, onboarded_at__isnull=False).exists(),
        stop=stop,
        morning=None if stop else _morning(rows, on, states),
        tracks=tracks,
        ice=_ice_text(states, lang),
    )


def _stop_flags(user: User, states: Sequence[Followed]) -> tuple[FlagView, ...]:
    for f in states:
        if f.state.status == engine.Status.STOPPED:
            return tuple(FlagView(r.flag.value, r.urgency.value, r.date) for r in f.state.red_flags)
    if states:
        return ()  # the engine read every check and clearance: nothing stops the plan
    # Not following anything yet (stopped during onboarding): the stored check still holds.
    return tuple(FlagView(flag.value, flag.urgency.value, None) for flag in red_flag_stop(user))


def _ice_text(states: Sequence[Followed], lang: Lang) -> str | None:
    for f in states:
        if f.state.show_ice:
            th = f.thresholds
            return t("today.ice", lang, minutes=th.ice_minutes, hours=th.ice_every_hours)
    return None


def _morning(
    rows: Sequence[convert.LightRow], on: dt.date, states: Sequence[Followed]
) -> MorningCheck | None:
    """``pending_morning_check`` and the last morning value, from the journal rows up to ``on``
    (in date, id order)."""
    yesterday = on - dt.timedelta(days=1)
    pending = sorted(
        (
            r
            for r in rows
            if r.date == yesterday and r.kind in SESSION_KINDS and r.pain_next_morning is None
        ),
        key=lambda r: r.id,
    )
    if not pending:
        return None
    earlier = max(
        (r for r in rows if r.date < on and r.pain_next_morning is not None),
        key=lambda r: (r.date, r.id),
        default=None,
    )
    suggested = earlier.pain_next_morning if earlier is not None else None
    if suggested is None:
        suggested = next((e.pain_after for e in pending if e.pain_after is not None), None)
    limit = min((int(f.thresholds.pain_next_morning_max) for f in states), default=2)
    kinds = tuple(dict.fromkeys(e.kind for e in pending))
    return MorningCheck(on - dt.timedelta(days=1), kinds, suggested, limit)


def _track_view(
    f: Followed, on: dt.date, lang: Lang, library: Library, logged: Sequence[convert.LightRow]
) -> TrackView:
    state, prog = f.state, f.track.programme
    # Only today's sessions and the next one are shown: no need to describe two weeks.
    wanted = [s for s in f.plan.sessions if s.date == on]
    wanted += [s for s in f.plan.sessions if s.date > on][:1]
    sessions = [_session_view(s, f, lang, library, logged) for s in wanted]
    today_sessions = tuple(s for s in sessions if s.date == on) + _done_today(f, on, lang, logged)
    upcoming = next((s for s in sessions if s.date > on), None)
    phase_title = None
    if state.phase is not None and prog.kind == "exercises":
        text = prog.phase(state.phase).text
        phase_title = text.get(lang).title if text else None
    running = state.running
    return TrackView(
        programme_id=prog.id,
        title=prog.text.get(lang).title,
        kind=prog.kind,
        phase=state.phase,
        phase_title=phase_title,
        phase_count=len(prog.phases),
        week=state.week,
        status=state.status.value,
        action=state.decision.action.value,
        headline=words.reason(state.decision.reasons[0], lang) if state.decision.reasons else "",
        reasons=tuple(words.reason(r, lang) for r in state.decision.reasons[1:]),
        warnings=tuple(words.reason(r, lang) for r in state.warnings),
        advice=tuple(
            words.reason(r, lang) for r in state.advice if r.code != engine.Code.ADVICE_ICE
        ),
        show_ice=state.show_ice,
        running_allowed=running.allowed,
        running_paused=running.paused,
        running_text=_running_text(f, lang),
        run_week=running.run_week,
        today=today_sessions,
        next_session=upcoming,
        pain_limit=int(f.thresholds.pain_during_max),
        note_to_runner=f.track.enrollment.note_to_runner,
    )


def _done_today(
    f: Followed, on: dt.date, lang: Lang, logged: Sequence[convert.LightRow]
) -> tuple[SessionView, ...]:
    """Sessions logged today, finished or ended early: once logged, the engine plans the next
    one, so they are added back here to show as done (not as a rest day)."""
    ids = f.track.enrollment_ids
    kinds = dict.fromkeys(
        e.kind for e in logged if e.enrollment_id in ids and e.kind != EntryKind.CHECK
    )
    planned = {s.kind for s in f.plan.sessions if s.date == on}
    out = []
    for kind in kinds:
        if kind in planned:
            continue
        prog = f.track.run_plan if kind == "run" and f.track.run_plan else f.track.programme
        row = next(e for e in logged if e.kind == kind and e.enrollment_id in ids)
        out.append(
            SessionView(
                date=on,
                kind=kind,
                programme_id=prog.id,
                title=prog.text.get(lang).title,
                phase=f.state.phase if kind == "strength" else None,
                week=None,
                run_week=row.run_week,
                run_day=row.run_day,
                items=(),
                segments=(),
                minutes=0,
                run_minutes=0,
                play_url="",
                done=True,
            )
        )
    return tuple(out)


def _running_text(f: Followed, lang: Lang) -> str | None:
    if f.track.run_plan is None and f.track.programme.kind != "run_plan":
        return None
    reasons = f.state.running.reasons
    return words.reason(reasons[0], lang) if reasons else None


def _session_view(
    s: engine.PlannedSession,
    f: Followed,
    lang: Lang,
    library: Library,
    logged: Sequence[convert.LightRow],
) -> SessionView:
    kind = s.kind.value
    run_plan = f.track.run_plan if kind == "run" and f.track.run_plan else f.track.programme
    programme = f.track.programme if kind == "strength" else run_plan
    segments = tuple(SegmentView(g.kind, g.minutes, g.or_km) for g in s.segments)
    ids = f.track.enrollment_ids
    done = any(e.kind == kind and e.enrollment_id in ids and e.date == s.date for e in logged)
    return SessionView(
        date=s.date,
        kind=kind,
        programme_id=programme.id,
        title=programme.text.get(lang).title,
        phase=s.phase,
        week=s.week,
        run_week=s.run_week,
        run_day=s.run_day,
        items=_item_views(s.items, library, lang),
        segments=segments,
        minutes=sum(g.minutes for g in segments),
        run_minutes=sum(g.minutes for g in segments if g.kind == "run"),
        play_url=f"/play/{s.date.isoformat()}/{kind}/?programme={f.track.programme.id}",
        done=done,
    )


def _item_views(
    items: Sequence[engine.PlannedItem], library: Library, lang: Lang
) -> tuple[ItemView, ...]:
    views = {i.position: _item_view(i, library, lang) for i in items}
    alternatives: dict[str, list[ItemView]] = {}
    for item in items:
        if item.alternative_to is not None and item.alternative_to in views:
            alternatives.setdefault(item.alternative_to, []).append(views[item.position])
    out = []
    for item in items:
        if item.alternative_to is not None and item.alternative_to in views:
            continue
        view = views[item.position]
        extra = tuple(alternatives.get(item.position, ()))
        out.append(ItemView(**{**view.__dict__, "alternatives": extra}))
    return tuple(out)


def _item_view(item: engine.PlannedItem, library: Library, lang: Lang) -> ItemView:
    exercise = library.exercise(item.exercise)
    replaced = library.exercises.get(item.replaces or "")
    return ItemView(
        exercise=item.exercise,
        name=exercise.text.get(lang).name,
        dose=dose_text(item.dose, lang),
        part=item.part,
        note=None,
        adjusted=item.adjustment.value if item.adjustment is not None else None,
        replaces=replaced.text.get(lang).name if replaced is not None else None,
    )


# --- calendar --------------------------------------------------------------------------


@dataclass(frozen=True)
class Mark:
    kind: str  # strength, run or check
    status: str  # done, painful, skipped, missed, planned, flag
    programme_id: str | None
    title: str
    phase: int | None = None
    run_week: int | None = None
    run_day: int | None = None
    pain: int | None = None  # the worst pain logged
    play_url: str | None = None
    minutes: int = 0  # a planned session: about how long (training.session_summary)
    lines: tuple[str, ...] = ()  # a planned strength session: its exercises and doses


@dataclass(frozen=True)
class CalendarDay:
    date: dt.date
    is_today: bool
    marks: tuple[Mark, ...]
    events: tuple[str, ...]  # "Phase 2 starts", "Run week 3"


@dataclass(frozen=True)
class CalendarWeek:
    monday: dt.date
    days: tuple[CalendarDay, ...]  # only days with something on them (and today)


@dataclass(frozen=True)
class CalendarPage:
    start: dt.date
    end: dt.date
    on: dt.date
    weeks: tuple[CalendarWeek, ...]
    previous: dt.date  # first day of the previous range
    following: dt.date
    token: str


def _worst(row: JournalEntry) -> int | None:
    values = [v for v in (row.pain_during, row.pain_after, row.pain_next_morning) if v is not None]
    return max(values) if values else None


def _past_marks(
    rows: Sequence[JournalEntry], states: Sequence[Followed], lang: Lang
) -> dict[dt.date, list[Mark]]:
    by_enrollment: dict[int, Followed] = {}
    for f in states:
        for pk in f.track.enrollment_ids:
            by_enrollment[pk] = f
    out: dict[dt.date, list[Mark]] = {}
    for row in rows:
        f = by_enrollment.get(row.enrollment_id or -1)
        if row.kind == EntryKind.CHECK:
            if row.red_flags:
                out.setdefault(row.date, []).append(
                    Mark("check", "flag", None, t("cal.safety_check", lang))
                )
            continue
        limit = f.thresholds.pain_during_max if f is not None else 2
        worst = _worst(row)
        status = "done" if row.completed else "partial" if row.ended_early else "skipped"
        if row.completed and worst is not None and worst > limit:
            status = "painful"
        title = _kind_title(row.kind, f, lang)
        out.setdefault(row.date, []).append(
            Mark(
                row.kind,
                status,
                f.track.programme.id if f else None,
                title,
                run_week=row.run_week,
                run_day=row.run_day,
                pain=worst,
            )
        )
    return out


def _kind_title(kind: str, f: Followed | None, lang: Lang) -> str:
    if f is None:
        return t(f"cal.kind_{kind}", lang)
    prog = f.track.run_plan if kind == "run" and f.track.run_plan else f.track.programme
    return prog.text.get(lang).title


def _missed(
    f: Followed,
    rows: Sequence[convert.LightRow],
    cleared: Sequence[dt.date],
    first: dt.date,
    last: dt.date,
    lang: Lang,
) -> dict[dt.date, list[Mark]]:
    """Sessions the plan called for on a day from ``first`` to ``last`` and nothing of that
    kind was logged (done or skipped). Each day is judged by the engine's plan as it stood that
    morning (the journal before that day): no session is called missed while a red flag stopped
    the plan, while running was paused, before the run gate opened or after the programme
    ended. After a missed session the next of its kind is looked for a rhythm's gap later, as
    the plan would have put it had that session been done: one skipped run is one mark, not
    one a day until the next run."""
    track = f.track
    journal = _journal_for(track, rows)
    days = [entry.date for entry in journal]
    logged = {(str(entry.kind), entry.date) for entry in journal}
    run_programme = track.run_plan or track.programme
    gap = {
        "strength": min(schedule.rhythm(track.programme.schedule)),
        "run": min(schedule.rhythm(run_programme.schedule, f.thresholds.run_min_gap_days)),
    }
    day = max(first, track.enrollment.start)
    look_from = {"strength": day, "run": day}
    out: dict[dt.date, list[Mark]] = {}
    while day <= last:
        if day >= min(look_from.values()):
            morning = engine.plan(
                track.programme,
                track.enrollment.start,
                journal[: bisect_left(days, day)],
                day,
                run_plan=track.run_plan,
                thresholds=f.thresholds,
                cleared=cleared,
                days=1,
            )
            for session in morning.sessions:
                kind = str(session.kind)
                if session.date != day or day < look_from[kind] or (kind, day) in logged:
                    continue
                out.setdefault(day, []).append(
                    Mark(
                        kind,
                        "missed",
                        track.programme.id,
                        _kind_title(kind, f, lang),
                        phase=session.phase,
                        run_week=session.run_week,
                        run_day=session.run_day,
                    )
                )
                look_from[kind] = day + dt.timedelta(days=gap[kind])
        day += dt.timedelta(days=1)
    return out


def _planned_marks(
    states: Sequence[Followed], lang: Lang, library: Library
) -> tuple[dict[dt.date, list[Mark]], dict[dt.date, list[str]]]:
    marks: dict[dt.date, list[Mark]] = {}
    events: dict[dt.date, list[str]] = {}
    for f in states:
        phase = f.state.phase
        run_week = None
        for s in f.plan.sessions:
            prog = (
                f.track.run_plan
                if s.kind.value == "run" and f.track.run_plan
                else f.track.programme
            )
            title = prog.text.get(lang).title
            url = f"/play/{s.date.isoformat()}/{s.kind.value}/?programme={f.track.programme.id}"
            marks.setdefault(s.date, []).append(
                Mark(
                    s.kind.value,
                    "planned",
                    prog.id,
                    title,
                    phase=s.phase,
                    run_week=s.run_week,
                    run_day=s.run_day,
                    play_url=url,
                    minutes=session_summary.planned(s).minutes,
                    lines=tuple(session_summary.exercise_lines(s, library, lang)),
                )
            )
            if s.phase is not None and phase is not None and s.phase != phase:
                events.setdefault(s.date, []).append(
                    t(
                        "cal.phase_starts",
                        lang,
                        number=s.phase,
                        title=f.track.programme.text.get(lang).title,
                    )
                )
                phase = s.phase
            if s.run_week is not None and s.run_week != run_week:
                if run_week is not None or s.run_day == 1:
                    events.setdefault(s.date, []).append(t("cal.run_week", lang, number=s.run_week))
                run_week = s.run_week
    return marks, events


def calendar(
    user: User,
    start: dt.date,
    end: dt.date,
    on: dt.date,
    lang: Lang,
    library: Library | None = None,
    limit_days: int | None = 62,
    with_missed: bool = True,
) -> CalendarPage:
    """Past sessions (done, missed, painful) and the plan ahead between ``start`` and ``end``,
    with phase boundaries and run weeks, grouped by week (Monday first)."""
    library = library or default_library()
    if end < start or (limit_days is not None and (end - start).days > limit_days):
        raise InputError("end", "cal.error_range")
    ahead = max(0, (end - on).days + 1)
    states, light = _followed(user, on, ahead or 1)
    rows = list(JournalEntry.objects.filter(user=user, date__gte=start, date__lte=min(end, on)))
    days: dict[dt.date, list[Mark]] = _past_marks(rows, states, lang)
    if with_missed and states and start < on:
        cleared = _cleared(user)
        for f in states:
            for day, marks in _missed(
                f, light or [], cleared, start, min(end, on - dt.timedelta(days=1)), lang
            ).items():
                days.setdefault(day, []).extend(marks)
    planned, events = ({}, {}) if not ahead else _planned_marks(states, lang, library)
    for day, marks in planned.items():
        if start <= day <= end:
            existing = days.setdefault(day, [])
            done_kinds = {(m.kind, m.programme_id) for m in existing}
            existing.extend(m for m in marks if (m.kind, m.programme_id) not in done_kinds)
    for f in states:
        start_day = f.track.enrollment.start
        if start <= start_day <= end:
            events.setdefault(start_day, []).insert(
                0, t("cal.programme_starts", lang, title=f.track.programme.text.get(lang).title)
            )
    weeks = _weeks(start, end, on, days, events)
    prev_start = (start.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    next_start = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return CalendarPage(start, end, on, weeks, prev_start, next_start, profile(user).calendar_token)


def _weeks(
    start: dt.date,
    end: dt.date,
    on: dt.date,
    days: dict[dt.date, list[Mark]],
    events: dict[dt.date, list[str]],
) -> tuple[CalendarWeek, ...]:
    weeks: dict[dt.date, list[CalendarDay]] = {}
    day = start
    while day <= end:
        if day in days or day in events or day == on:
            monday = day - dt.timedelta(days=day.weekday())
            weeks.setdefault(monday, []).append(
                CalendarDay(day, day == on, tuple(days.get(day, ())), tuple(events.get(day, ())))
            )
        day += dt.timedelta(days=1)
    return tuple(CalendarWeek(m, tuple(d)) for m, d in sorted(weeks.items()))


def month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    first = dt.date(year, month, 1)
    following = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return first, following - dt.timedelta(days=1)


# --- .ics: download and private subscription ---------------------------------------------

ICS_DAYS_AHEAD = 42
ICS_DAYS_BACK = 90


def calendar_ics(user: User, on: dt.date, lang: Lang, base_url: str = "") -> bytes:
    """The plan ahead and the sessions done, as an iCalendar file: all-day events, except the
    planned sessions of a runner with a reminder time (``training.ics_times``)."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//Strideback//strideback//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", t("ics.name", lang))
    cal.add("x-published-ttl", "PT6H")
    stamp = dt.datetime.combine(on, dt.time(0, 0), tzinfo=dt.UTC)
    start = on - dt.timedelta(days=ICS_DAYS_BACK)
    end = on + dt.timedelta(days=ICS_DAYS_AHEAD - 1)
    page = calendar_marks(user, start, end, on, lang, with_missed=False)
    prof = profile(user)
    for day, marks in sorted(page.items()):
        for mark in marks:
            if mark.status in ("missed", "flag"):
                continue
            event = Event()
            uid = f"{day.isoformat()}-{mark.kind}-{mark.programme_id or 'all'}"
            event.add("uid", f"{uid}-{user.pk}@strideback")
            event.add("dtstamp", stamp)
            summary = _ics_summary(mark, lang)
            timed = ics_times.reminder_start(prof, day) if mark.status == "planned" else None
            if timed is not None:
                ics_times.set_times(event, timed, mark.minutes, summary, mark.lines)
            else:
                event.add("dtstart", day)
                event.add("dtend", day + dt.timedelta(days=1))
            event.add("summary", summary)
            event.add("transp", "TRANSPARENT")
            if mark.play_url and base_url:
                event.add("url", base_url.rstrip("/") + mark.play_url)
            cal.add_component(event)
    cal.add_missing_timezones()  # a VTIMEZONE for the runner's zone, when times are set
    return bytes(cal.to_ical())


def _ics_summary(mark: Mark, lang: Lang) -> str:
    if mark.kind == "run":
        what = t("ics.run", lang, week=mark.run_week or "?", day=mark.run_day or "?")
    else:
        what = t("ics.strength", lang, title=mark.title)
    if mark.status == "planned":
        return what
    return f"✓ {what}" if mark.status in ("done", "painful") else what


def calendar_marks(
    user: User, start: dt.date, end: dt.date, on: dt.date, lang: Lang, with_missed: bool = True
) -> dict[dt.date, list[Mark]]:
    """Every mark (done, painful, missed, planned) by day, without the page's grouping."""
    page = calendar(user, start, end, on, lang, limit_days=None, with_missed=with_missed)
    return {d.date: list(d.marks) for w in page.weeks for d in w.days if d.marks}


# --- progress ----------------------------------------------------------------------------

PROGRESS_WEEKS = 12


@dataclass(frozen=True)
class PainPoint:
    date: dt.date
    kind: str
    during: int | None
    after: int | None
    next_morning: int | None


@dataclass(frozen=True)
class WeekStat:
    monday: dt.date
    planned: int  # strength sessions the programmes' rhythm asked for
    done: int  # strength sessions logged as done
    runs: int
    run_minutes: float


@dataclass(frozen=True)
class PhaseSpan:
    phase: int
    title: str | None
    start: dt.date
    end: dt.date | None  # None: still in it
    current: bool
    projected: bool  # ahead of today: when it starts if the pain rules keep holding


@dataclass(frozen=True)
class Timeline:
    programme_id: str
    title: str
    spans: tuple[PhaseSpan, ...]


@dataclass(frozen=True)
class ProgressPage:
    on: dt.date
    since: dt.date
    pain: tuple[PainPoint, ...]
    limit: int
    weeks: tuple[WeekStat, ...]
    timelines: tuple[Timeline, ...]
    done: int
    planned: int
    run_minutes: float


def progress(user: User, on: dt.date, lang: Lang, weeks: int = PROGRESS_WEEKS) -> ProgressPage:
    """Pain over time, sessions done against planned, phases and running, week by week."""
    this_monday = on - dt.timedelta(days=on.weekday())
    since = this_monday - dt.timedelta(weeks=weeks - 1)
    states = followed(user, on, days=1)
    first = min((f.track.enrollment.start for f in states), default=on)
    # Not the weeks before the runner started: they would only squeeze the charts.
    since = max(since, min(first, on) - dt.timedelta(days=min(first, on).weekday()))
    rows = list(JournalEntry.objects.filter(user=user, date__lte=on))
    recent = [r for r in rows if r.date >= since]
    pain = tuple(
        PainPoint(r.date, r.kind, r.pain_during, r.pain_after, r.pain_next_morning)
        for r in recent
        if r.kind in SESSION_KINDS and _worst(r) is not None
    )
    stats = tuple(_week_stat(m, recent, states, on) for m in _mondays(since, this_monday))
    limit = min((int(f.thresholds.pain_during_max) for f in states), default=2)
    timelines = tuple(_timeline(f, rows, on, lang) for f in states if f.state.phase is not None)
    return ProgressPage(
        on=on,
        since=since,
        pain=pain,
        limit=limit,
        weeks=stats,
        timelines=timelines,
        done=sum(w.done for w in stats),
        planned=sum(w.planned for w in stats),
        run_minutes=sum(w.run_minutes for w in stats),
    )


def _mondays(first: dt.date, last: dt.date) -> list[dt.date]:
    out, day = [], first
    while day <= last:
        out.append(day)
        day += dt.timedelta(weeks=1)
    return out


def _week_stat(
    monday: dt.date, rows: Sequence[JournalEntry], states: Sequence[Followed], on: dt.date
) -> WeekStat:
    sunday = monday + dt.timedelta(days=6)
    week = [r for r in rows if monday <= r.date <= sunday]
    done = sum(1 for r in week if r.kind == EntryKind.STRENGTH and r.completed)
    runs = [r for r in week if r.kind == EntryKind.RUN and r.completed]
    planned = 0
    for f in states:
        prog = f.track.programme
        start = f.track.enrollment.start
        if prog.kind != "exercises" or start > sunday:
            continue
        gaps = schedule.rhythm(prog.schedule)
        due = schedule.dates(start, gaps, min(sunday, on))
        planned += sum(1 for d in due if d >= monday)
    return WeekStat(monday, planned, done, len(runs), sum(r.run_minutes or 0 for r in runs))


def _timeline(f: Followed, rows: Sequence[JournalEntry], on: dt.date, lang: Lang) -> Timeline:
    """The phases so far (the engine asked once a week since the start) and those ahead."""
    track, prog = f.track, f.track.programme
    start = track.enrollment.start
    journal = _journal_for(track, rows)
    cleared = convert.cleared_dates(RedFlagClearance.objects.filter(user=track.enrollment.user))
    seen: list[tuple[int, dt.date]] = []
    day = start
    while day < on:
        state = engine.evaluate(
            prog,
            start,
            journal,
            day,
            run_plan=track.run_plan,
            thresholds=f.thresholds,
            cleared=cleared,
        )
        if state.phase is not None and (not seen or seen[-1][0] != state.phase):
            seen.append((state.phase, day))
        day += dt.timedelta(weeks=1)
    current = f.state.phase or 1
    if not seen or seen[-1][0] != current:
        seen.append((current, min(on, max(start, on))))
    spans = [
        PhaseSpan(
            p,
            _phase_title(prog, p, lang),
            s,
            seen[i + 1][1] - dt.timedelta(days=1) if i + 1 < len(seen) else None,
            i + 1 == len(seen),
            False,
        )
        for i, (p, s) in enumerate(seen)
    ]
    spans += _projected(prog, current, seen[-1][1], lang)
    return Timeline(prog.id, prog.text.get(lang).title, tuple(spans))


def _phase_title(prog: Any, number: int, lang: Lang) -> str | None:
    text = prog.phase(number).text
    return text.get(lang).title if text else None


def _projected(prog: Any, current: int, since: dt.date, lang: Lang) -> list[PhaseSpan]:
    out: list[PhaseSpan] = []
    phase = prog.phase(current)
    if phase.weeks.to is None:
        return out
    day = since + dt.timedelta(weeks=phase.weeks.to - phase.weeks.from_ + 1)
    for later in prog.phases:
        if later.number <= current:
            continue
        out.append(
            PhaseSpan(later.number, _phase_title(prog, later.number, lang), day, None, False, True)
        )
        if later.weeks.to is None:
            break
        day += dt.timedelta(weeks=later.weeks.to - later.weeks.from_ + 1)
    return out
