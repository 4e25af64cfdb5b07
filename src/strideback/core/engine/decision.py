"""Decisions and their reasons: codes and the facts behind them, never sentences.

The edge (``strideback.words.explain``) turns each ``Reason`` into one sentence per language with
the message for its code (``words.decisions.REASONS``); a fact named ``cause`` is itself
rendered with the clause for that cause (``words.decisions.CAUSES``) from the same facts (date,
value, limit).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from enum import StrEnum
from types import MappingProxyType
from typing import NamedTuple


class Action(StrEnum):
    CONTINUE = "continue"
    ADVANCE = "advance"
    HOLD = "hold"
    STEP_BACK = "step_back"
    PAUSE_RUNNING = "pause_running"
    RESUME_RUNNING = "resume_running"
    STOP = "stop"


class Code(StrEnum):
    """Every reason code the engine gives (decision, running, warning and advice reasons)."""

    # Phase progression.
    NOT_STARTED = "not_started"
    ON_TRACK = "on_track"
    ADVANCE = "advance"
    HOLD = "hold"
    STEP_BACK = "step_back"
    PAIN_NOTED = "pain_noted"
    GAP_REPEAT_WEEK = "gap_repeat_week"
    GAP_PREVIOUS_PHASE = "gap_previous_phase"
    # Running.
    NO_RUN_PLAN = "no_run_plan"
    RUNNING_NOT_YET = "running_not_yet"
    RUNNING_GATE_PAIN = "running_gate_pain"
    RUNNING_GATE_PHASE = "running_gate_phase"
    RUNNING_GATE_NO_LOG = "running_gate_no_log"
    RUNNING_GATE_STATED = "running_gate_stated"
    RUNNING_GATE_NEXT_PHASE = "running_gate_next_phase"
    RUNNING_GATE_OPENS_ON = "running_gate_opens_on"
    RUNNING_ALLOWED = "running_allowed"
    PAUSE_RUNNING = "pause_running"
    RESTART_COUNTDOWN = "restart_countdown"
    RESUME_RUNNING = "resume_running"
    RUN_WEEK_REPEAT = "run_week_repeat"
    RUN_GAP_REPEAT_WEEK = "run_gap_repeat_week"
    RUN_GAP_PREVIOUS_WEEK = "run_gap_previous_week"
    RUN_PLAN_DONE = "run_plan_done"
    RUNNING_STOPPED = "running_stopped"
    # Red flags.
    STOP = "stop"
    # Warnings.
    LONG_RUN = "long_run"
    # Advice.
    ADVICE_TECHNIQUE = "advice_technique"
    ADVICE_FEWER_REPS = "advice_fewer_reps"
    ADVICE_EASIER = "advice_easier"
    ADVICE_ASK_PHYSIO = "advice_ask_physio"
    ADVICE_ICE = "advice_ice"


class Cause(StrEnum):
    """What broke a pain rule; facts: date, value, limit (swelling: date; rising: value,
    previous, limit)."""

    PAIN_DURING = "pain_during"
    PAIN_AFTER = "pain_after"
    PAIN_NEXT_MORNING = "pain_next_morning"
    SWELLING = "swelling"
    PAIN_RISING = "pain_rising"
    RUN_PAIN_DURING = "run_pain_during"
    RUN_PAIN_AFTER = "run_pain_after"
    RUN_PAIN_NEXT_MORNING = "run_pain_next_morning"
    RUN_SWELLING = "run_swelling"


_EMPTY: Mapping[str, object] = MappingProxyType({})

# The engine's values are immutable named tuples: as safe as frozen dataclasses, and several
# times cheaper to make, which matters when every runner's journal is read on every request.


class SourceKind(StrEnum):
    SEED = "seed"  # a seed document: file and section
    STUDY = "study"  # a published study (short citation)
    STRIDEBACK = "strideback"  # Strideback's own convention
    CLINICIAN = "clinician"  # a limit the runner's clinician changed


class Cited(NamedTuple):
    """Where a reason's rule comes from: the rule, its rule set and its source."""

    rule: str
    rule_set: str
    kind: SourceKind
    ref: str  # "000, Løbetræningsprogram" / "Frandsen 2025" / "" for Strideback's own

    def as_json(self) -> dict[str, str]:
        return {"rule": self.rule, "rule_set": self.rule_set, "kind": self.kind, "ref": self.ref}


class Reason(NamedTuple):
    """Why: a code and the facts behind it (dates, pain values, limits, ids, counts), and
    (once ``evaluate`` has named it) the source of the rule behind it."""

    code: Code
    facts: Mapping[str, object] = _EMPTY
    source: Cited | None = None


class Decision(NamedTuple):
    action: Action
    reasons: tuple[Reason, ...]


class Breach(NamedTuple):
    """One broken pain rule: what, when, how much, and the limit it went over."""

    cause: Cause
    date: date
    value: int | None = None
    limit: float | None = None
    previous: int | None = None

    def facts(self) -> dict[str, object]:
        out: dict[str, object] = {"cause": self.cause, "date": self.date}
        if self.value is not None:
            out["value"] = self.value
        if self.limit is not None:
            out["limit"] = self.limit
        if self.previous is not None:
            out["previous"] = self.previous
        return out

    def outranks(self, other: Breach | None) -> bool:
        """The worse of two breaches is the one we explain: higher pain first, then earlier."""
        if other is None:
            return True
        mine, theirs = self.value or 0, other.value or 0
        return mine > theirs or (mine == theirs and self.date < other.date)
