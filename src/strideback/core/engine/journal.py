"""The journal: what the runner did and how it felt, one entry per session or check.

``parse_journal`` turns untrusted JSON-like data (a file, an API body) into entries and
reports every problem at once, each naming the entry's index (0-based, as in the JSON list)
and the field: ``entry 3: pain.during: must be a whole number from 0 to 10, got 11``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from strideback.core.engine.red_flags import RedFlag

PAIN_MIN = 0
PAIN_MAX = 10  # the 0-10 numeric rating scale: 0 no pain, 10 the worst imaginable


class EntryKind(StrEnum):
    STRENGTH = "strength"
    RUN = "run"
    CHECK = "check"  # a pain check without a session, e.g. the next-morning check


@dataclass(frozen=True, slots=True)
class Pain:
    """Pain 0-10 during, right after and the morning after; ``None`` when not reported."""

    during: int | None = None
    after: int | None = None
    next_morning: int | None = None
    worst: int | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Computed once here because the engine asks for it for every entry it reads.
        values = [v for v in (self.during, self.after, self.next_morning) if v is not None]
        object.__setattr__(self, "worst", max(values) if values else None)


NO_PAIN_REPORTED = Pain()


@dataclass(frozen=True, slots=True)
class JournalEntry:
    date: date
    kind: EntryKind
    completed: bool = True
    sets_done: int | None = None
    pain: Pain = NO_PAIN_REPORTED
    swelling: bool = False
    red_flags: frozenset[RedFlag] = frozenset()
    note: str = ""
    run_minutes: float | None = None  # parse_journal gives a float
    run_week: int | None = None
    run_day: int | None = None
    painful_exercises: tuple[str, ...] = ()
    # Derived once here, because the engine reads them for every entry of every runner:
    ordinal: int = field(init=False, repr=False, compare=False)  # date.toordinal()
    quiet: bool = field(init=False, repr=False, compare=False)  # no pain, swelling or flags
    routine: bool = field(init=False, repr=False, compare=False)  # a quiet, done strength session

    def __post_init__(self) -> None:
        object.__setattr__(self, "ordinal", self.date.toordinal())
        quiet = not (self.pain.worst or self.swelling or self.red_flags or self.painful_exercises)
        object.__setattr__(self, "quiet", quiet)
        routine = quiet and self.completed and self.kind is EntryKind.STRENGTH
        object.__setattr__(self, "routine", routine)

    @property
    def attempted(self) -> bool:
        """Whether a session took place at all (a skipped session is logged as not attempted)."""
        return self.completed or bool(self.sets_done) or self.pain.during is not None


class JournalError(ValueError):
    """Bad journal data; ``problems`` lists every problem, one line each."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_FIELDS = (
    "date",
    "kind",
    "completed",
    "sets_done",
    "pain",
    "swelling",
    "red_flags",
    "note",
    "run_minutes",
    "run_week",
    "run_day",
    "painful_exercises",
)
_PAIN_FIELDS = ("during", "after", "next_morning")
_KINDS = ", ".join(k.value for k in EntryKind)


class _Reader:
    """Reads one entry's fields, collecting problems instead of stopping at the first."""

    def __init__(self, index: int, data: Mapping[str, object]) -> None:
        self.where = f"entry {index}"
        self.data = data
        self.problems: list[str] = []

    def problem(self, path: str, message: str) -> None:
        self.problems.append(f"{self.where}: {path}: {message}")

    def date(self) -> date | None:
        value = self.data.get("date")
        if value is None:
            self.problem("date", "missing field")
            return None
        if isinstance(value, str) and _DATE.match(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        self.problem("date", f"must be a date as YYYY-MM-DD, got {value!r}")
        return None

    def kind(self) -> EntryKind | None:
        value = self.data.get("kind")
        if value is None:
            self.problem("kind", "missing field")
            return None
        for kind in EntryKind:
            if value == kind.value:
                return kind
        self.problem("kind", f"must be one of {_KINDS}, got {value!r}")
        return None

    def flag(self, path: str, default: bool) -> bool:
        value = self.data.get(path, default)
        if isinstance(value, bool):
            return value
        self.problem(path, f"must be true or false, got {value!r}")
        return default

    def whole(self, path: str, value: object, low: int, high: int | None) -> int | None:
        if value is None:
            return None
        span = f"from {low} to {high}" if high is not None else f"of at least {low}"
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            else:
                self.problem(path, f"must be a whole number {span}, got {value!r}")
                return None
        if value < low or (high is not None and value > high):
            self.problem(path, f"must be a whole number {span}, got {value}")
            return None
        return value

    def pain(self) -> Pain:
        value = self.data.get("pain")
        if value is None:
            return NO_PAIN_REPORTED
        if not isinstance(value, Mapping):
            self.problem("pain", "must be an object with during, after and next_morning")
            return NO_PAIN_REPORTED
        for key in value:
            if key not in _PAIN_FIELDS:
                self.problem(f"pain.{key}", "unknown field (use during, after, next_morning)")
        during, after, morning = (
            self.whole(f"pain.{name}", value.get(name), PAIN_MIN, PAIN_MAX) for name in _PAIN_FIELDS
        )
        return Pain(during, after, morning)

    def red_flags(self) -> frozenset[RedFlag]:
        value = self.data.get("red_flags", [])
        if not isinstance(value, list):
            self.problem("red_flags", f"must be a list of red-flag codes, got {value!r}")
            return frozenset()
        flags: set[RedFlag] = set()
        for i, code in enumerate(value):
            try:
                flags.add(RedFlag(code))
            except ValueError:
                self.problem(f"red_flags[{i}]", f"unknown red-flag code {code!r}")
        return frozenset(flags)

    def note(self) -> str:
        value = self.data.get("note", "")
        if value is None:
            return ""
        if not isinstance(value, str):
            self.problem("note", f"must be text, got {value!r}")
            return ""
        return value

    def minutes(self) -> float | None:
        value = self.data.get("run_minutes")
        if value is None:
            return None
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
            or value <= 0
        ):
            self.problem("run_minutes", f"must be a number of minutes above 0, got {value!r}")
            return None
        return float(value)

    def exercises(self) -> tuple[str, ...]:
        value = self.data.get("painful_exercises", [])
        if not isinstance(value, list):
            self.problem("painful_exercises", f"must be a list of exercise ids, got {value!r}")
            return ()
        ids: list[str] = []
        for i, item in enumerate(value):
            if isinstance(item, str) and _SLUG.match(item):
                ids.append(item)
            else:
                self.problem(f"painful_exercises[{i}]", f"must be an exercise id, got {item!r}")
        return tuple(ids)

    def unknown_fields(self) -> None:
        for key in self.data:
            if key not in _FIELDS:
                self.problem(str(key), "unknown field")


def _read_entry(index: int, data: object) -> tuple[JournalEntry | None, list[str]]:
    if not isinstance(data, Mapping):
        return None, [f"entry {index}: must be an object with date, kind, ..., got {data!r}"]
    r = _Reader(index, data)
    r.unknown_fields()
    day, kind = r.date(), r.kind()
    entry = JournalEntry(
        date=day or date.min,
        kind=kind or EntryKind.CHECK,
        completed=r.flag("completed", kind is not EntryKind.CHECK),
        sets_done=r.whole("sets_done", data.get("sets_done"), 0, None),
        pain=r.pain(),
        swelling=r.flag("swelling", False),
        red_flags=r.red_flags(),
        note=r.note(),
        run_minutes=r.minutes(),
        run_week=r.whole("run_week", data.get("run_week"), 1, None),
        run_day=r.whole("run_day", data.get("run_day"), 1, None),
        painful_exercises=r.exercises(),
    )
    if r.problems:
        return None, r.problems
    return entry, []


def parse_journal(data: object) -> list[JournalEntry]:
    """Entries from JSON-like data (a list of objects); raises ``JournalError`` listing all
    problems. ``completed`` defaults to true for sessions and false for checks."""
    if not isinstance(data, list):
        raise JournalError([f"the journal must be a list of entries, got {type(data).__name__}"])
    entries: list[JournalEntry] = []
    problems: list[str] = []
    for index, item in enumerate(data):
        entry, found = _read_entry(index, item)
        problems += found
        if entry is not None:
            entries.append(entry)
    if problems:
        raise JournalError(problems)
    return entries


def entry_json(entry: JournalEntry) -> dict[str, object]:
    """The JSON form ``parse_journal`` reads back (used by exports and tests)."""
    return {
        "date": entry.date.isoformat(),
        "kind": entry.kind.value,
        "completed": entry.completed,
        "sets_done": entry.sets_done,
        "pain": {
            "during": entry.pain.during,
            "after": entry.pain.after,
            "next_morning": entry.pain.next_morning,
        },
        "swelling": entry.swelling,
        "red_flags": sorted(flag.value for flag in entry.red_flags),
        "note": entry.note,
        "run_minutes": entry.run_minutes,
        "run_week": entry.run_week,
        "run_day": entry.run_day,
        "painful_exercises": list(entry.painful_exercises),
    }
