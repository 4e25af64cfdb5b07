"""Today's page: what to do today and why, the morning check, the ice advice and the run
of the day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext
from pydantic import ConfigDict, TypeAdapter

from strideback.accounts.models import User
from strideback.core import engine
from strideback.core.content.library import Library, default_library
from strideback.core.languages import Lang
from strideback.training import convert, snapshots, words
from strideback.training.followed import Followed, followed_with_rows, light_journal
from strideback.training.models import (
    EntryKind,
    Profile,
)
from strideback.training.morning import SESSION_KINDS
from strideback.training.onboarding import red_flag_stop
from strideback.words import explain, in_language
from strideback.words.describe import dose_text
from strideback.words.explain import Why

# The answer's parts are dataclasses whose fields are described (the attribute docstrings):
# the API's response schema (``/api/v1/openapi.json``) is made from them.
DESCRIBED = ConfigDict(use_attribute_docstrings=True)


@dataclass(frozen=True)
class ItemView:
    __pydantic_config__ = DESCRIBED

    exercise: str
    """the exercise id"""
    name: str
    """its name"""
    dose: str
    """the dose in words"""
    part: str
    """warm_up, main or cool_down"""
    note: str | None
    """the programme's note on it"""
    adjusted: str | None
    """reduced or easier when the engine's advice changed it"""
    replaces: str | None
    """the name of the exercise an easier variant stands in for"""
    alternatives: tuple[ItemView, ...] = ()
    """exercises that may replace it"""


@dataclass(frozen=True)
class SegmentView:
    __pydantic_config__ = DESCRIBED

    kind: str
    """walk or run"""
    minutes: int
    """minutes"""
    or_km: float | None
    """or this distance in km"""


@dataclass(frozen=True)
class SessionView:
    __pydantic_config__ = DESCRIBED

    date: dt.date
    """the day"""
    kind: str
    """strength or run"""
    programme_id: str
    """the programme"""
    title: str
    """the programme's title"""
    phase: int | None
    """the programme phase (strength)"""
    week: int | None
    """the programme week"""
    run_week: int | None
    """the run plan week (runs)"""
    run_day: int | None
    """the run plan day (runs)"""
    items: tuple[ItemView, ...]
    """the exercises (strength)"""
    segments: tuple[SegmentView, ...]
    """walk and run intervals (runs)"""
    minutes: int
    """about how long the session takes"""
    run_minutes: int
    """minutes of running in it"""
    play_url: str
    """the session player's address"""
    done: bool
    """whether it is logged (finished, ended early or skipped)"""
    partial: bool = False
    """logged as ended early (or skipped): it can be resumed or started again"""
    entry_id: int | None = None
    """the journal entry that logged it (to resume, start again or correct it)"""


@dataclass(frozen=True)
class FlagView:
    __pydantic_config__ = DESCRIBED

    code: str
    """the red-flag code"""
    urgency: str
    """how soon to see a clinician"""
    date: dt.date | None
    """the day it was reported"""


@dataclass(frozen=True)
class TrackView:
    __pydantic_config__ = DESCRIBED

    programme_id: str
    """the programme"""
    title: str
    """its title"""
    kind: str
    """exercises or run_plan"""
    phase: int | None
    """the phase today"""
    phase_title: str | None
    """the phase's title"""
    phase_count: int
    """how many phases the programme has"""
    week: int
    """the programme week"""
    status: str
    """active or stopped"""
    action: str
    """the engine's decision: continue, advance, hold, step_back, pause_running, ..."""
    headline: str
    """what today means and why, as one sentence"""
    reasons: tuple[str, ...]
    """the reasons, as sentences"""
    warnings: tuple[str, ...]
    """what to watch, as sentences"""
    advice: tuple[str, ...]
    """how to adjust exercises that hurt"""
    show_ice: bool
    """whether to show the ice advice"""
    running_allowed: bool
    """whether running is allowed"""
    running_paused: bool
    """whether running is paused by pain"""
    running_text: str | None
    """the running state in words"""
    run_week: int | None
    """the run plan week"""
    today: tuple[SessionView, ...]
    """today's sessions"""
    next_session: SessionView | None
    """the next session after today"""
    pain_limit: int
    """the pain limit during training (0-10)"""
    note_to_runner: str
    """the clinician's note"""
    rule_set: str
    """the rule set that judged the journal (docs/rules.md)"""
    rule_set_name: str
    """its name"""
    why: tuple[Why, ...]
    """every reason above (decision, running, warnings, advice) with its rule's source"""

    @property
    def all_done(self) -> bool:
        return bool(self.today) and all(s.done and not s.partial for s in self.today)


@dataclass(frozen=True)
class MorningCheck:
    __pydantic_config__ = DESCRIBED

    yesterday: dt.date
    """the day of the sessions asked about"""
    kinds: tuple[str, ...]
    """their kinds (strength, run)"""
    suggested: int | None
    """one tap from right: the last morning value, else last night's"""
    limit: int
    """the pain limit the next morning"""


@dataclass(frozen=True)
class TodayPage:
    __pydantic_config__ = DESCRIBED

    on: dt.date
    """the day"""
    onboarded: bool
    """whether the start questions were answered"""
    stop: tuple[FlagView, ...]
    """red flags that stop self-training until a clinician clears them"""
    morning: MorningCheck | None
    """this morning's pain question, if one is due"""
    tracks: tuple[TrackView, ...]
    """one per programme followed"""
    ice: str | None
    """the ice advice after pain or swelling"""


@in_language
def today(user: User, on: dt.date, lang: Lang, library: Library | None = None) -> TodayPage:
    """What to do today and why, for every programme the runner follows."""
    library = library or default_library()
    states, rows = followed_with_rows(user, on, 14)
    stop = _stop_flags(user, states)
    if rows is None:  # nothing followed: the journal was not read yet
        rows = [] if stop else light_journal(user, on)
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


# Today as kept text (JSON) and back: what ``training.snapshots`` keeps for the runner.
TODAY = TypeAdapter(TodayPage)


def kept_today_text(user: User, on: dt.date, lang: Lang) -> str:
    """Today's answer as JSON text: kept (``training.snapshots``), or computed now and kept.
    The API gives this text as it is."""
    return snapshots.today(
        user.pk, on, lang, lambda: TODAY.dump_json(today(user, on, lang)).decode()
    )


def kept_today(user: User, on: dt.date, lang: Lang) -> TodayPage:
    """The same kept answer as ``kept_today_text``, for the Today page to render."""
    return TODAY.validate_json(kept_today_text(user, on, lang))


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
            return gettext(
                "Sore or swollen? Ice it for %(minutes)s minutes every "
                "%(hours)s hours, with a thin cloth in between."
            ) % {"minutes": th.ice_minutes, "hours": th.ice_every_hours}
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
        rule_set=state.rule_set,
        rule_set_name=explain.rule_set_name(state.rule_set, lang),
        why=words.why(
            (*state.decision.reasons, *running.reasons, *state.warnings, *state.advice), lang
        ),
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
        play = reverse("player", args=[on.isoformat(), kind])
        play += f"?programme={f.track.programme.id}"
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
                play_url=play,
                done=True,
                partial=not row.completed,
                entry_id=row.id,
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
    row = next(
        (e for e in logged if e.kind == kind and e.enrollment_id in ids and e.date == s.date), None
    )
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
        play_url=reverse("player", args=[s.date.isoformat(), kind])
        + f"?programme={f.track.programme.id}",
        done=row is not None,
        partial=row is not None and not row.completed,
        entry_id=row.id if row is not None else None,
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
