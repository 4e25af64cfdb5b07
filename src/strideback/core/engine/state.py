"""``evaluate``: where the runner stands on a day (phase, week, running, red flags) and the
decision with its reasons, each with the source of its rule (``rules.py``).

Everything comes from the arguments: the programme (possibly a clinician's customised copy),
the start date (and phase), the journal, the evaluation day ``on``, the rule set the runner
follows, what someone stated about training before the journal, and the clinician's
clearances of red flags. Entries after ``on`` are ignored, and so are entries before the
start (except their red flags).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from typing import NamedTuple

from strideback.core.content.models import Programme
from strideback.core.engine.advice import Adjustment, advise
from strideback.core.engine.decision import Action, Code, Decision, Reason
from strideback.core.engine.gate import Statement
from strideback.core.engine.journal import JournalEntry
from strideback.core.engine.red_flags import RedFlag, Urgency, most_urgent_first
from strideback.core.engine.rules import Citer
from strideback.core.engine.running import RunningState
from strideback.core.engine.thresholds import Thresholds
from strideback.core.engine.walk import Setup, Walk, setup_for, walk_journal


class Status(StrEnum):
    ACTIVE = "active"
    STOPPED = "stopped"


class FlagReport(NamedTuple):
    flag: RedFlag
    date: date

    @property
    def urgency(self) -> Urgency:
        return self.flag.urgency


class State(NamedTuple):
    on: date
    programme: str
    rule_set: str
    start: date
    phase: int | None  # None for a run plan followed on its own
    week: int  # programme week (1-based); for a run plan on its own, the run week
    phase_week: int | None  # week within the phase
    week_started: date  # the first day of the current programme week
    status: Status
    running: RunningState
    decision: Decision
    warnings: tuple[Reason, ...]
    advice: tuple[Reason, ...]  # painful exercises, then ice
    adjustments: tuple[Adjustment, ...]  # how today's items change because of that advice
    show_ice: bool
    red_flags: tuple[FlagReport, ...]  # the ones that stop the plan, most urgent first
    last_strength: date | None


def _active_flags(
    flags: list[tuple[int, RedFlag]], cleared: Sequence[date], on: date
) -> tuple[FlagReport, ...]:
    if not flags:
        return ()
    cleared_day = max((c.toordinal() for c in cleared if c <= on), default=-1)
    latest: dict[RedFlag, int] = {}
    for day, flag in flags:
        if day > cleared_day:
            latest[flag] = max(day, latest.get(flag, day))
    ordered = most_urgent_first(list(latest))
    return tuple(FlagReport(flag, date.fromordinal(latest[flag])) for flag in ordered)


def _stop(flags: tuple[FlagReport, ...]) -> Decision:
    reasons = tuple(
        Reason(Code.STOP, {"flag": f.flag, "date": f.date, "urgency": f.urgency}) for f in flags
    )
    return Decision(Action.STOP, reasons)


_PRIORITY = {
    Action.STOP: 0,
    Action.PAUSE_RUNNING: 1,
    Action.STEP_BACK: 2,
    Action.HOLD: 3,
    Action.RESUME_RUNNING: 4,
    Action.ADVANCE: 5,
    Action.CONTINUE: 6,
}


def _combine(phase: Decision, running: RunningState, headline: Action | None) -> Decision:
    """The day's headline decision: the most pressing of the phase's and running's."""
    if headline is None or _PRIORITY[phase.action] < _PRIORITY[headline]:
        return phase
    extra = tuple(r for r in phase.reasons if r not in running.reasons)
    return Decision(headline, running.reasons + extra)


def _no_running() -> RunningState:
    return RunningState(False, None, None, False, None, (Reason(Code.NO_RUN_PLAN),))


def _stopped_running(state: RunningState) -> RunningState:
    reasons = (Reason(Code.RUNNING_STOPPED),)
    return RunningState(
        False,
        state.run_week,
        state.run_day,
        state.paused,
        state.restart_on,
        reasons,
        state.last_run,
    )


def _phase_decision(walk: Walk, start: date, on: date, running: RunningState) -> Decision:
    prog = walk.progression
    if on < start:
        return Decision(Action.CONTINUE, (Reason(Code.NOT_STARTED, {"date": start}),))
    if prog is None:
        return Decision(Action.CONTINUE, running.reasons)
    return prog.decision()


def _advice(
    setup: Setup, walk: Walk, th: Thresholds, on_day: int
) -> tuple[list[Reason], list[Adjustment], bool]:
    reasons: list[Reason] = []
    adjustments: list[Adjustment] = []
    prog = walk.progression
    if prog is not None and walk.painful.days:
        phases = prog.course.phases
        first = max(prog.phase_since, on_day - th.painful_window_days + 1)
        reasons, adjustments = advise(
            walk.painful,
            phases[: prog.index + 1],
            setup.programme.easier_versions,
            (first, on_day),
            th,
        )
    symptom = walk.record.symptom_day
    ice = symptom is not None and on_day - symptom < th.ice_advice_days
    if ice:
        reasons.append(
            Reason(Code.ADVICE_ICE, {"minutes": th.ice_minutes, "hours": th.ice_every_hours})
        )
    return reasons, adjustments, ice


def evaluate(
    programme: Programme,
    start: date,
    journal: Sequence[JournalEntry],
    on: date,
    *,
    run_plan: Programme | None = None,
    thresholds: Thresholds | None = None,
    cleared: Sequence[date] = (),
    rule_set: str | None = None,
    start_phase: int | None = None,
    statement: Statement | None = None,
) -> State:
    """Where the runner stands on ``on``: phase, week, running, the decision and its reasons.

    ``rule_set``: one the programme offers (default: its first; another raises
    ``UnknownRuleSet``). ``start_phase``: the phase the runner started in (default: the
    first). ``statement``: what the runner or their clinician said about training before
    the journal (the seed's running gate reads it)."""
    setup = setup_for(programme, run_plan, rule_set)
    th = thresholds if thresholds is not None else setup.thresholds
    on_day, start_day = on.toordinal(), start.toordinal()
    start_index = _start_index(setup, start_phase)
    walk = walk_journal(setup, th, (start_day, start_index), journal, on_day, statement)
    prog = walk.progression
    phase_number = prog.phase if prog is not None else 0
    if walk.running is not None:
        running, headline = walk.running.state(on_day, phase_number, th)
    else:
        running, headline = _no_running(), None
    flags = _active_flags(walk.flags, cleared, on)
    if flags:
        decision = _stop(flags)
        running = _stopped_running(running)
    else:
        decision = _combine(_phase_decision(walk, start, on, running), running, headline)
    advice, adjustments, ice = _advice(setup, walk, th, on_day)
    last = prog.last_session_day if prog is not None else None
    cite = Citer(setup.rule_set, programme.source.seed, setup.thresholds, th)
    running = running._replace(reasons=cite.reasons(running.reasons))
    decision = Decision(decision.action, cite.reasons(decision.reasons))
    # ``_make`` builds the tuple in C: several times cheaper than the keyword constructor,
    # which counts when every runner is evaluated on every request. The order is State's.
    return State._make(
        (
            on,
            programme.id,
            setup.rule_set,
            start,
            prog.phase if prog is not None else None,
            prog.week if prog is not None else (running.run_week or 1),
            prog.week_in_phase if prog is not None else None,
            date.fromordinal(prog.week_start) if prog is not None else on,
            Status.STOPPED if flags else Status.ACTIVE,
            running,
            decision,
            cite.reasons(walk.running.warnings) if walk.running is not None else (),
            cite.reasons(advice),
            tuple(adjustments),
            ice,
            flags,
            date.fromordinal(last) if last is not None else None,
        )
    )


def _start_index(setup: Setup, start_phase: int | None) -> int:
    course = setup.course
    if start_phase is None or course is None:
        return 0
    if start_phase not in course.numbers:
        raise ValueError(f"start_phase {start_phase} is not a phase of '{setup.programme.id}'")
    return course.numbers.index(start_phase)
