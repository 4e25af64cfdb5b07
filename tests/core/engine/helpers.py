"""Small programmes and journals built in code for the engine's tests."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from strideback.core.content.models import Programme
from strideback.core.engine.journal import EntryKind, JournalEntry, Pain
from strideback.core.engine.red_flags import RedFlag

START = date(2025, 3, 3)  # a Monday


def day(n: int) -> date:
    """Day ``n`` of the programme (day 0 is the start)."""
    return START + timedelta(days=n)


def _text(title: str) -> dict[str, Any]:
    return {lang: {"title": title, "summary": f"{title}."} for lang in ("da", "en", "de", "nb")}


def _source() -> dict[str, Any]:
    return {"seed": "000", "title": "Test handout"}


def knee_programme(**changes: Any) -> Programme:
    """Like anterior-knee-pain: 5 phases (weeks 1-4, 5-8, 9-12, 13-16, 17+), every other day."""
    bounds = [(1, 4), (5, 8), (9, 12), (13, 16), (17, None)]
    phases = []
    for number, (first, last) in enumerate(bounds, 1):
        phases.append(
            {
                "number": number,
                "weeks": {"from": first, "to": last},
                "items": [
                    {
                        "position": "1",
                        "exercise": "plank",
                        "dose": {"sets": 3, "hold_seconds": 20 + 10 * number},
                    },
                    {
                        "position": "2",
                        "exercise": f"bridge-{number}",
                        "dose": {"sets": 3, "reps": 10, "tempo_seconds": [3, 2, 3]},
                    },
                    {
                        "position": "3",
                        "exercise": "band-walk",
                        "dose": {"sets": 3, "steps_each_way": 10},
                    },
                ],
            }
        )
    data: dict[str, Any] = {
        "id": "knee",
        "kind": "exercises",
        "source": _source(),
        "rule_sets": ["seed-000"],
        "schedule": {"every_days": 2},
        "companion": "run-5k",
        "text": _text("Knee"),
        "phases": phases,
    }
    data.update(changes)
    return Programme.model_validate(data)


def run_plan(weeks: int = 12, **changes: Any) -> Programme:
    """Like return-to-run-5k: ``weeks`` weeks x 3 walk/run sessions, growing by a minute."""
    plan_weeks = []
    for number in range(1, weeks + 1):
        sessions = []
        for day_number in range(1, 4):
            run = number + day_number - 1
            sessions.append(
                {
                    "day": day_number,
                    "segments": [
                        {"kind": "walk", "minutes": 5},
                        {"kind": "run", "minutes": run},
                        {"kind": "walk", "minutes": 3},
                    ],
                }
            )
        plan_weeks.append({"number": number, "sessions": sessions})
    data: dict[str, Any] = {
        "id": "run-5k",
        "kind": "run_plan",
        "source": _source(),
        "rule_sets": ["seed-000", "trek"],
        "schedule": {"per_week_min": 3, "per_week_max": 3},
        "text": _text("Run"),
        "weeks": plan_weeks,
    }
    data.update(changes)
    return Programme.model_validate(data)


def strength(
    n: int,
    during: int | None = 0,
    after: int | None = 0,
    morning: int | None = 0,
    **more: Any,
) -> JournalEntry:
    return JournalEntry(day(n), EntryKind.STRENGTH, pain=Pain(during, after, morning), **more)


def run(
    n: int,
    during: int | None = 0,
    after: int | None = 0,
    morning: int | None = 0,
    **more: Any,
) -> JournalEntry:
    return JournalEntry(day(n), EntryKind.RUN, pain=Pain(during, after, morning), **more)


def check(n: int, pain: int | None = 0, **more: Any) -> JournalEntry:
    return JournalEntry(
        day(n), EntryKind.CHECK, completed=False, pain=Pain(next_morning=pain), **more
    )


def flag(n: int, *flags: RedFlag) -> JournalEntry:
    return JournalEntry(day(n), EntryKind.CHECK, completed=False, red_flags=frozenset(flags))


def every_other_day(first: int, last: int, **pain: Any) -> list[JournalEntry]:
    """Pain-free strength sessions on days first, first+2, ... up to last."""
    return [strength(n, **pain) for n in range(first, last + 1, 2)]


def runs(first: int, count: int, **pain: Any) -> list[JournalEntry]:
    """``count`` pain-free runs on a Mon/Wed/Fri-like rhythm from day ``first``."""
    out, n = [], first
    for i in range(count):
        out.append(run(n, **pain))
        n += (2, 2, 3)[i % 3]
    return out
