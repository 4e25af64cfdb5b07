"""What a planned session amounts to, in one place for the reminders and the calendar file:
how many exercises, about how long (``core.reminders.about_minutes``), and the list of
exercises with their doses."""

from __future__ import annotations

from strideback.core import engine
from strideback.core import reminders as rules
from strideback.core.content.describe import dose_text
from strideback.core.content.library import Library
from strideback.core.engine.journal import EntryKind
from strideback.core.languages import Lang


def main_items(session: engine.PlannedSession) -> list[engine.PlannedItem]:
    """The exercises the player runs (an alternative is offered, not done as well)."""
    return [i for i in session.items if i.alternative_to is None]


def planned(session: engine.PlannedSession) -> rules.Planned:
    if session.kind == EntryKind.RUN:
        minutes = sum(seg.minutes for seg in session.segments)
        return rules.Planned(
            "run", run_week=session.run_week, run_day=session.run_day, minutes=minutes
        )
    items = main_items(session)
    return rules.Planned(
        "strength",
        phase=session.phase,
        exercises=len(items),
        minutes=rules.about_minutes([i.dose for i in items]),
    )


def exercise_lines(session: engine.PlannedSession, library: Library, lang: Lang) -> list[str]:
    """'Squat: 3 × 10 reps, ...' for each exercise of a strength session."""
    return [
        f"{library.exercise(i.exercise).text.get(lang).name}: {dose_text(i.dose, lang)}"
        for i in main_items(session)
    ]
