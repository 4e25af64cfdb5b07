"""Every limit the engine's rules use, in one table per programme.

Defaults come from the programme's pain mode (research/clinical.md §1, §8 and the seed); a
programme's YAML may override keys (``thresholds:``), and a clinician may override more with
``with_overrides``. Pain limits are inclusive: a value *above* the limit breaks the rule.
A limit of ``None`` switches its rule off (only ``weekly_rise_max`` may be ``None``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Literal

from strideback.core.content.models import Programme
from strideback.core.content.terms import PainMode


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
    run_pain_during_max: float  # pain during a run above this pauses running
    run_pain_after_max: float  # ... and right after a run
    run_pain_next_morning_max: float  # the morning after a run: above this repeats the run week
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

    def as_dict(self) -> dict[str, float | int | None]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


class ThresholdError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass(frozen=True, slots=True)
class _Spec:
    kind: Literal["pain", "days", "count", "factor", "fraction"]
    optional: bool = False

    def check(self, value: object) -> str | None:
        if value is None:
            return None if self.optional else "must be a number"
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

    def convert(self, value: object) -> float | int | None:
        if value is None:
            return None
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
    "run_pain_during_max": _PAIN,
    "run_pain_after_max": _PAIN,
    "run_pain_next_morning_max": _PAIN,
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


_COMMON = Thresholds(
    # The seed: "training should be pain-free".
    pain_during_max=0,
    pain_after_max=0,
    pain_next_morning_max=0,
    run_pain_during_max=0,
    run_pain_after_max=0,
    run_pain_next_morning_max=0,
    next_morning_rise_max=0,
    baseline_days=7,
    weekly_rise_max=None,
    step_back_after_weeks=2,
    # The seed: "running in phase 4 at the earliest, and only with no knee pain in the phase
    # before" (a phase is four weeks); any pain above 0 counts until a clinician loosens it.
    running_min_phase=4,
    running_gate_weeks=4,
    running_gate_pain_max=0,
    symptom_free_pain_max=0,
    restart_symptom_free_days=3,
    run_min_gap_days=2,
    gap_days=7,
    long_gap_weeks=3,
    long_run_factor=1.1,  # Frandsen 2025: > 10 % over the longest run in 30 days
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

DEFAULTS: dict[PainMode, Thresholds] = {
    PainMode.STRENGTH_PAIN_FREE: _COMMON,
    # TREK runner's knee rule: <= 2/10 during, back to baseline within the hour (read as:
    # right after <= 2), no higher next morning.
    PainMode.RUNNER_KNEE: _with_pain_limits(_COMMON, 2, 2, 2),
    # Silbernagel: <= 5/10 during and after, settled by next morning, not rising week to week.
    PainMode.TENDON_HEEL: replace(_with_pain_limits(_COMMON, 5, 5, 5), weekly_rise_max=0),
}


def defaults(mode: PainMode) -> Thresholds:
    return DEFAULTS[mode]


def thresholds_for(programme: Programme, run_plan: Programme | None = None) -> Thresholds:
    """The programme's table: its mode's defaults, the run limits of the run plan's mode (and
    its ``RUN_KEYS`` overrides) when one runs alongside, then the programme's own overrides."""
    table = defaults(programme.pain_mode)
    if run_plan is not None and run_plan is not programme:
        run_defaults = defaults(run_plan.pain_mode).as_dict()
        changes: dict[str, object] = {k: run_defaults[k] for k in RUN_KEYS}
        changes.update((k, v) for k, v in run_plan.thresholds.items() if k in RUN_KEYS)
        table = table.with_overrides(changes)
    return table.with_overrides(programme.thresholds)
