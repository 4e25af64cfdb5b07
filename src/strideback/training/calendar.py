"""The runner's calendar: done, missed and planned sessions by day, the .ics download and
the private subscription link."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext
from pydantic import ConfigDict

from strideback.accounts.models import User
from strideback.core.content.library import Library, default_library
from strideback.core.languages import Lang
from strideback.core.outcomes.adherence import missed_sessions
from strideback.errors import InputError
from strideback.training import convert, ics_times, session_summary
from strideback.training.followed import Followed, clearance_dates, followed_with_rows, journal_for
from strideback.training.models import (
    EntryKind,
    JournalEntry,
    Profile,
)
from strideback.training.onboarding import profile
from strideback.words import in_language
from strideback.words.calendar import CALENDAR_KINDS


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


# Described fields (the attribute docstrings) for the API's response schema.
DESCRIBED = ConfigDict(use_attribute_docstrings=True)


@dataclass(frozen=True)
class Mark:
    __pydantic_config__ = DESCRIBED

    kind: str
    """strength, run or check"""
    status: str
    """done, painful, skipped, missed, planned or flag"""
    programme_id: str | None
    """the programme"""
    title: str
    """the programme's title"""
    phase: int | None = None
    """the programme phase"""
    run_week: int | None = None
    """the run plan week"""
    run_day: int | None = None
    """the run plan day"""
    pain: int | None = None
    """the worst pain logged (0-10)"""
    play_url: str | None = None
    """the session player's address (planned sessions from today on)"""
    minutes: int = 0
    """a planned session: about how long, in minutes"""
    lines: tuple[str, ...] = ()
    """a planned strength session: its exercises and doses"""


@dataclass(frozen=True)
class CalendarDay:
    __pydantic_config__ = DESCRIBED

    date: dt.date
    """the day"""
    is_today: bool
    """whether it is today"""
    marks: tuple[Mark, ...]
    """sessions and checks on the day"""
    events: tuple[str, ...]
    """what starts that day, in words ("Phase 2 starts")"""


@dataclass(frozen=True)
class CalendarWeek:
    __pydantic_config__ = DESCRIBED

    monday: dt.date
    """the week's Monday"""
    days: tuple[CalendarDay, ...]
    """days with something on them (and today)"""


@dataclass(frozen=True)
class CalendarPage:
    start: dt.date
    end: dt.date
    on: dt.date
    weeks: tuple[CalendarWeek, ...]
    previous: dt.date  # first day of the previous range
    following: dt.date
    token: str


def worst_pain(row: JournalEntry) -> int | None:
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
                    Mark("check", "flag", None, gettext("Safety questions"))
                )
            continue
        limit = f.thresholds.pain_during_max if f is not None else 2
        worst = worst_pain(row)
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
        return str(CALENDAR_KINDS[kind])
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
    """The sessions missed from ``first`` to ``last``, as ``core.outcomes.adherence`` defines
    them (the clinician's missed-sessions flag counts the same ones)."""
    track = f.track
    missed = missed_sessions(
        track.programme,
        track.enrollment.start,
        journal_for(track, rows),
        first,
        last,
        run_plan=track.run_plan,
        thresholds=f.thresholds,
        cleared=cleared,
        **track.engine_options(),
    )
    out: dict[dt.date, list[Mark]] = {}
    for session in missed:
        kind = str(session.kind)
        out.setdefault(session.date, []).append(
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
            url = reverse("player", args=[s.date.isoformat(), s.kind.value])
            url += f"?programme={f.track.programme.id}"
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
                    gettext("Phase %(number)s begins (%(title)s)")
                    % {"number": s.phase, "title": f.track.programme.text.get(lang).title}
                )
                phase = s.phase
            if s.run_week is not None and s.run_week != run_week:
                if run_week is not None or s.run_day == 1:
                    events.setdefault(s.date, []).append(
                        gettext("Run week %(number)s") % {"number": s.run_week}
                    )
                run_week = s.run_week
    return marks, events


@in_language
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
    states, light = followed_with_rows(user, on, ahead or 1)
    rows = list(JournalEntry.objects.filter(user=user, date__gte=start, date__lte=min(end, on)))
    days: dict[dt.date, list[Mark]] = _past_marks(rows, states, lang)
    if with_missed and states and start < on:
        cleared = clearance_dates(user)
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
                0, gettext("Start: %(title)s") % {"title": f.track.programme.text.get(lang).title}
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


ICS_DAYS_AHEAD = 42
ICS_DAYS_BACK = 90


@in_language
def calendar_ics(user: User, on: dt.date, lang: Lang, origin: str = "") -> bytes:
    """The plan ahead and the sessions done, as an iCalendar file: all-day events, except the
    planned sessions of a runner with a reminder time (``training.ics_times``)."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//Strideback//strideback//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", gettext("Strideback training"))
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
            if mark.play_url and origin:  # "https://host": the page links carry their path
                event.add("url", origin + mark.play_url)
            cal.add_component(event)
    cal.add_missing_timezones()  # a VTIMEZONE for the runner's zone, when times are set
    return bytes(cal.to_ical())


def _ics_summary(mark: Mark, lang: Lang) -> str:
    if mark.kind == "run":
        what = gettext("Run (week %(week)s, day %(day)s)") % {
            "week": mark.run_week or "?",
            "day": mark.run_day or "?",
        }
    else:
        what = gettext("Training: %(title)s") % {"title": mark.title}
    if mark.status == "planned":
        return what
    return f"✓ {what}" if mark.status in ("done", "painful") else what


@in_language
def calendar_marks(
    user: User, start: dt.date, end: dt.date, on: dt.date, lang: Lang, with_missed: bool = True
) -> dict[dt.date, list[Mark]]:
    """Every mark (done, painful, missed, planned) by day, without the page's grouping."""
    page = calendar(user, start, end, on, lang, limit_days=None, with_missed=with_missed)
    return {d.date: list(d.marks) for w in page.weeks for d in w.days if d.marks}
