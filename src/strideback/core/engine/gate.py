"""The seed's running gate, phase by phase (``running_gate_whole_phase``).

Seed 000: "Du må tidligst begynde at løbetræne i fase 4, og kun hvis du ikke har haft
knæsmerter i den foregående fase." Read literally, on logged data:

- entering a phase from ``running_min_phase`` on, running opens if the whole visit of the
  phase before had logged strength sessions and no knee pain (during, after, next morning;
  any entry), and stays closed for the phase if it had pain;
- a phase before with no log at all (the runner started past it, or logged nothing) keeps the
  gate closed and says why, until someone states that it was done without knee pain (a
  ``Statement``; one saying it hurt counts as pain); logged data always outranks a statement;
- a closed gate opens at the next phase if this phase is logged without pain; in the
  open-ended last phase, after ``running_gate_weeks`` logged without pain (Strideback's
  reading of "a whole phase").
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import NamedTuple

from strideback.core.engine.decision import Code, Reason
from strideback.core.engine.monitoring import PainRecord

WEEK = 7


class Statement(NamedTuple):
    """Someone's word about the training before the journal: done without knee pain or not,
    given on ``on`` by ``by`` ("runner" or "clinician")."""

    pain_free: bool
    on: date
    by: str


class Verdict(Enum):
    CLEAN = "clean"  # the phase before was logged and pain-free
    PAIN = "pain"  # ... had knee pain (logged, or stated)
    NO_LOG = "no_log"  # ... has no log at all


class PhaseGate:
    __slots__ = (
        "min_phase",
        "_weeks",
        "_record",
        "statement",
        "phase",
        "previous",
        "entered",
        "open_ended",
        "verdict",
        "pain_day",
        "pain_value",
    )

    def __init__(
        self, min_phase: int, weeks: int, record: PainRecord, statement: Statement | None
    ) -> None:
        self.min_phase = min_phase
        self._weeks = weeks * WEEK
        self._record = record
        self.statement = statement
        self.phase = 0
        self.previous: int | None = None
        self.entered = 0
        self.open_ended = False
        self.verdict = Verdict.NO_LOG
        self.pain_day: int | None = None
        self.pain_value = 0

    def enter(
        self, phase: int, previous: int | None, day: int, since: int, logged: bool, open_ended: bool
    ) -> None:
        """The runner enters ``phase`` on ``day`` from a visit of ``previous`` that began on
        ``since`` (``logged``: a strength session was logged in it)."""
        self.phase, self.previous, self.entered, self.open_ended = phase, previous, day, open_ended
        record = self._record
        pain_day = record.gate_day
        if previous is None:
            self.verdict = Verdict.CLEAN  # the first phase: nothing before it to judge
        elif pain_day is not None and since <= pain_day < day:
            self.verdict, self.pain_day, self.pain_value = Verdict.PAIN, pain_day, record.gate_value
        elif logged:
            self.verdict = Verdict.CLEAN
        else:
            self.verdict = Verdict.NO_LOG

    def _stated(self, day: int) -> bool | None:
        statement = self.statement
        if statement is None or statement.on.toordinal() > day:
            return None
        return statement.pain_free

    def opens(self, day: int, last_session: int) -> bool:
        """Whether running may start on ``day`` (in a phase from ``min_phase`` on)."""
        verdict = self.verdict
        if verdict is Verdict.CLEAN:
            return True
        if verdict is Verdict.NO_LOG and self._stated(day):
            return True
        if self.open_ended:
            clean_from = self._clean_from()
            return day >= clean_from + self._weeks and last_session >= clean_from
        return False

    def _clean_from(self) -> int:
        pain_day = self._record.gate_day
        start = self.entered
        return max(start, pain_day + 1) if pain_day is not None else start

    def reasons(self, on_day: int) -> tuple[Reason, Reason]:
        """Why the gate is closed on ``on_day``, and when it may open."""
        here: dict[str, object] = {"phase": self.phase, "previous_phase": self.previous or 0}
        statement = self.statement
        if self.verdict is Verdict.PAIN and self.pain_day is not None:
            facts = {**here, "date": date.fromordinal(self.pain_day), "value": self.pain_value}
            why = Reason(Code.RUNNING_GATE_PHASE, facts)
        elif statement is not None and self._stated(on_day) is False:
            why = Reason(
                Code.RUNNING_GATE_STATED, {**here, "date": statement.on, "by": statement.by}
            )
        else:
            why = Reason(Code.RUNNING_GATE_NO_LOG, here)
        if self.open_ended:
            opens_on = date.fromordinal(self._clean_from() + self._weeks)
            when = Reason(Code.RUNNING_GATE_OPENS_ON, {"opens_on": opens_on})
        else:
            when = Reason(Code.RUNNING_GATE_NEXT_PHASE, {"next_phase": self.phase + 1})
        return why, when
