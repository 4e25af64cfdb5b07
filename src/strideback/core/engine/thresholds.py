"""Every limit the engine's rules use, in one table per rule set.

A programme names the rule sets it may follow (``rule_sets:``, the first is its default); a
clinician may choose another of them for one runner. The tables are here, the rules they
feed and the source of each (seed, study or Strideback's own) in ``rules.py``. A programme's
YAML may override keys (``thresholds:``), and a clinician may override more with
``with_overrides``. Pain limits are inclusive: a value *above* the limit breaks the rule.
A limit of ``None`` switches its rule off (only ``weekly_rise_max`` may be ``None``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Literal

from strideback.core.content.models import Programme


@dataclass(frozen=True, slots=True)
class Thresholds:
    # Pain monitoring of the programme's own sessions.
    pain_during_max: float  # worst pain allowed during a session
    pain_after_max: float  # ... right after it
    pain_next_morning_max: float  # ... the next morning, at most
    next_morning_rise_max: float  # next morning: at most this much above the baseline
    baseline_days: int  # the baseline is the latest morning reading within these days
    weekly_rise_max: float | None  # week's worst pain may rise this much over the week before
    step_back_after_weeks: int  # this many breached weeks in a row step back one phase
    # Running: the gate, pain limits for runs, pauses and restarts.
    running_min_phase: int  # no running before this phase
    running_gate_weeks: int  # ... and only after this many weeks ...
    running_gate_pain_max: float  # ... with no pain above this
    # True: the gate opens only when the whole phase before was logged and free of pain (the
    # seed's rule); False: after ``running_gate_weeks`` without pain over the limit.
    running_gate_whole_phase: bool
    run_pain_during_max: float  # pain during a run above this pauses running
    run_pain_after_max: float  # ... and right after a run
    run_pain_next_morning_max: float  # the morning after a run: above this ...
    run_next_morning_pauses: bool  # ... pauses running (True) or repeats the run week (False)
    symptom_free_pain_max: float  # pain at or below this (and no swelling) is symptom-free
    restart_symptom_free_days: int  # days symptom-free before running restarts
    run_min_gap_days: int  # days from one run to the next (2: never on consecutive days)
    # Gaps, long runs, advice.
    gap_days: int  # no session for this many days re-enters at an earlier point
    long_gap_weeks: int  # a gap this long re-enters one phase (or run week) earlier
    long_run_factor: float  # a run longer than this x the longest recent run is a warning
    long_run_window_days: int  # "recent" for the long-run rule (Frandsen 2025: 30 days)
    recent_days: int  # warnings and restarts this recent are shown as news
    painful_window_days: int  # painful sessions of an exercise counted over these days
    painful_sessions_for_fewer_reps: int  # this many painful sessions: fewer reps
    painful_sessions_for_easier: int  # this many: the easier (previous phase's) version
    reduced_dose_factor: float  # "fewer reps": reps, hold or steps times this
    ice_advice_days: int  # pain or swelling in these last days shows the ice advice
    ice_minutes: int  # the seed: ice for 20 minutes ...
    ice_every_hours: int  # ... every 2 hours

    def with_overrides(self, overrides: Mapping[str, object]) -> Thresholds:
        """A copy with some keys changed; unknown keys or bad values raise ThresholdError."""
        problems: list[str] = []
        changes: dict[str, object] = {}
        for key, value in overrides.items():
            spec = _SPECS.get(key)
            if spec is None:
                problems.append(f"{key}: unknown threshold (known: {', '.join(sorted(_SPECS))})")
                continue
            message = spec.check(value)
            if message is not None:
                problems.append(f"{key}: {message}, got {value!r}")
            else:
                changes[key] = spec.convert(value)
        if problems:
            raise ThresholdError(problems)
        return replace(self, **changes)  # type: ignore[arg-type]

    def as_dict(self) -> dict[str, float | int | bool | None]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


class ThresholdError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass(frozen=True, slots=True)
class _Spec:
    kind: Literal["pain", "days", "count", "factor", "fraction", "switch"]
    optional: bool = False

    def check(self, value: object) -> str | None:
        if value is None:
            return None if self.optional else "must be a number"
        if self.kind == "switch":
            return None if isinstance(value, bool) else "must be true or false"
        if isinstance(value, bool) or not isinstance(value, int | float):
            return "must be a number"
        if not math.isfinite(value):
            return "must be a finite number"
        if self.kind == "pain" and not 0 <= value <= 10:
            return "must be a pain level from 0 to 10"
        if self.kind in ("days", "count") and (not float(value).is_integer() or value < 1):
            return "must be a whole number of at least 1"
        if self.kind == "factor" and value < 1:
            return "must be a factor of at least 1"
        if self.kind == "fraction" and not 0 < value <= 1:
            return "must be a fraction above 0 and at most 1"
        return None

    def convert(self, value: object) -> float | int | bool | None:
        if value is None or isinstance(value, bool):
            return value
        number = float(value)  # type: ignore[arg-type]
        return int(number) if self.kind in ("days", "count") else number


_PAIN, _DAYS, _COUNT = _Spec("pain"), _Spec("days"), _Spec("count")
_SPECS: dict[str, _Spec] = {
    "pain_during_max": _PAIN,
    "pain_after_max": _PAIN,
    "pain_next_morning_max": _PAIN,
    "next_morning_rise_max": _PAIN,
    "baseline_days": _DAYS,
    "weekly_rise_max": _Spec("pain", optional=True),
    "step_back_after_weeks": _COUNT,
    "running_min_phase": _COUNT,
    "running_gate_weeks": _COUNT,
    "running_gate_pain_max": _PAIN,
    "running_gate_whole_phase": _Spec("switch"),
    "run_pain_during_max": _PAIN,
    "run_pain_after_max": _PAIN,
    "run_pain_next_morning_max": _PAIN,
    "run_next_morning_pauses": _Spec("switch"),
    "symptom_free_pain_max": _PAIN,
    "restart_symptom_free_days": _DAYS,
    "run_min_gap_days": _DAYS,
    "gap_days": _DAYS,
    "long_gap_weeks": _COUNT,
    "long_run_factor": _Spec("factor"),
    "long_run_window_days": _DAYS,
    "recent_days": _DAYS,
    "painful_window_days": _DAYS,
    "painful_sessions_for_fewer_reps": _COUNT,
    "painful_sessions_for_easier": _COUNT,
    "reduced_dose_factor": _Spec("fraction"),
    "ice_advice_days": _DAYS,
    "ice_minutes": _COUNT,
    "ice_every_hours": _COUNT,
}

THRESHOLD_KEYS: frozenset[str] = frozenset(_SPECS)

# The keys a run plan's own table sets when it runs alongside an exercise programme.
RUN_KEYS: frozenset[str] = frozenset(
    {
        "run_pain_during_max",
        "run_pain_after_max",
        "run_pain_next_morning_max",
        "run_next_morning_pauses",
        "run_min_gap_days",
        "restart_symptom_free_days",
        "long_run_factor",
        "long_run_window_days",
    }
)


def _with_pain_limits(table: Thresholds, during: float, after: float, morning: float) -> Thresholds:
    return replace(
        table,
        pain_during_max=during,
        pain_after_max=after,
        pain_next_morning_max=morning,
        run_pain_during_max=during,
        run_pain_after_max=after,
        run_pain_next_morning_max=morning,
    )


# The seed's table (000, "Sådan træner du" and "Løbetræningsprogram"); ``rules.py`` names the
# source of every rule, and which numbers are Strideback's own.
_SEED_000 = Thresholds(
    pain_during_max=0,
    pain_after_max=0,
    pain_next_morning_max=0,
    run_pain_during_max=0,
    run_pain_after_max=0,
    run_pain_next_morning_max=0,
    run_next_morning_pauses=True,
    next_morning_rise_max=0,
    baseline_days=7,
    weekly_rise_max=None,
    step_back_after_weeks=2,
    running_min_phase=4,
    running_gate_weeks=4,
    running_gate_pain_max=0,
    running_gate_whole_phase=True,
    symptom_free_pain_max=0,
    restart_symptom_free_days=3,
    run_min_gap_days=2,
    gap_days=7,
    long_gap_weeks=3,
    long_run_factor=1.1,
    long_run_window_days=30,
    recent_days=7,
    painful_window_days=14,
    painful_sessions_for_fewer_reps=2,
    painful_sessions_for_easier=3,
    reduced_dose_factor=0.7,
    ice_advice_days=2,
    ice_minutes=20,
    ice_every_hours=2,
)

# The pain-monitoring rule sets: the running gate counts pain over the rule set's limit in
# the last ``running_gate_weeks`` weeks, and next-morning pain after a run repeats the week.
_MONITORED = replace(_SEED_000, running_gate_whole_phase=False, run_next_morning_pauses=False)

TABLES: dict[str, Thresholds] = {
    "seed-000": _SEED_000,
    # Seed 004: no pain during or after the exercise.
    "seed-004": _SEED_000,
    # Pain-free training without the handout's running gate (seed 002 gives no pain rule).
    "pain-free": _MONITORED,
    # TREK: <= 2/10 during a run, back to baseline within the hour (read as: right after
    # <= 2), no higher next morning than the baseline.
    "trek": replace(_with_pain_limits(_MONITORED, 2, 2, 2), running_gate_pain_max=2),
    # Silbernagel: <= 5/10 during and after, settled by next morning, not rising week to week.
    "silbernagel": replace(_with_pain_limits(_MONITORED, 5, 5, 5), weekly_rise_max=0),
}

RULE_SET_IDS: tuple[str, ...] = tuple(TABLES)


class UnknownRuleSet(ValueError):
    def __init__(self, rule_set: str, allowed: tuple[str, ...]) -> None:
        self.rule_set, self.allowed = rule_set, allowed
        super().__init__(f"unknown rule set '{rule_set}' (choose one of: {', '.join(allowed)})")


def table(rule_set: str) -> Thresholds:
    try:
        return TABLES[rule_set]
    except KeyError:
        raise UnknownRuleSet(rule_set, RULE_SET_IDS) from None


def rule_set_of(programme: Programme, chosen: str | None = None) -> str:
    """The rule set a runner follows in ``programme``: ``chosen`` if the programme allows it
    (else ``UnknownRuleSet``), or the programme's default (its first)."""
    if chosen is None or chosen == "":
        return programme.rule_sets[0]
    if chosen not in programme.rule_sets:
        raise UnknownRuleSet(chosen, tuple(programme.rule_sets))
    return chosen


def thresholds_for(
    programme: Programme, run_plan: Programme | None = None, rule_set: str | None = None
) -> Thresholds:
    """The table a runner follows: the rule set's (``rule_set``, or the programme's default),
    the run plan's own ``RUN_KEYS`` overrides when one runs alongside, then the programme's
    own overrides."""
    base = table(rule_set_of(programme, rule_set))
    if run_plan is not None and run_plan is not programme:
        changes = {k: v for k, v in run_plan.thresholds.items() if k in RUN_KEYS}
        base = base.with_overrides(changes)
    return base.with_overrides(programme.thresholds)
