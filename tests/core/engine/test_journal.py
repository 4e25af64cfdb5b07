"""The journal: entries from JSON, and every problem named by entry index and field."""

from __future__ import annotations

from datetime import date

import pytest

from strideback.core.engine.journal import (
    EntryKind,
    JournalEntry,
    JournalError,
    Pain,
    entry_json,
    parse_journal,
)
from strideback.core.engine.red_flags import RedFlag


def problems(data: object) -> list[str]:
    with pytest.raises(JournalError) as caught:
        parse_journal(data)
    return caught.value.problems


def test_a_full_entry_is_read_with_every_field() -> None:
    [entry] = parse_journal(
        [
            {
                "date": "2025-03-04",
                "kind": "run",
                "completed": True,
                "sets_done": None,
                "pain": {"during": 1, "after": 2, "next_morning": None},
                "swelling": True,
                "red_flags": ["calf_swelling"],
                "note": "windy",
                "run_minutes": 12.5,
                "run_week": 2,
                "run_day": 3,
                "painful_exercises": ["plank"],
            }
        ]
    )
    assert entry == JournalEntry(
        date(2025, 3, 4),
        EntryKind.RUN,
        completed=True,
        pain=Pain(1, 2, None),
        swelling=True,
        red_flags=frozenset({RedFlag.CALF_SWELLING}),
        note="windy",
        run_minutes=12.5,
        run_week=2,
        run_day=3,
        painful_exercises=("plank",),
    )


def test_missing_fields_take_their_defaults() -> None:
    session, check = parse_journal(
        [
            {"date": "2025-03-04", "kind": "strength"},
            {"date": "2025-03-05", "kind": "check", "pain": {"next_morning": 1}},
        ]
    )
    assert session.completed and session.pain == Pain() and session.red_flags == frozenset()
    assert not check.completed and check.pain == Pain(next_morning=1)


def test_entry_json_reads_back_to_the_same_entry() -> None:
    entry = JournalEntry(
        date(2025, 3, 4),
        EntryKind.STRENGTH,
        completed=False,
        sets_done=2,
        pain=Pain(0, 3, 1),
        painful_exercises=("plank",),
    )
    assert parse_journal([entry_json(entry)]) == [entry]


def test_pain_above_ten_names_the_entry_and_the_field() -> None:
    data = [{"date": "2025-03-04", "kind": "strength"}] * 3 + [
        {"date": "2025-03-05", "kind": "strength", "pain": {"during": 11}}
    ]
    assert problems(data) == ["entry 3: pain.during: must be a whole number from 0 to 10, got 11"]


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        (
            {"date": "2025-03-04", "kind": "swim"},
            "entry 0: kind: must be one of strength, run, check, got 'swim'",
        ),
        (
            {"date": "2025-02-30", "kind": "run"},
            "entry 0: date: must be a date as YYYY-MM-DD, got '2025-02-30'",
        ),
        (
            {"date": "yesterday", "kind": "run"},
            "entry 0: date: must be a date as YYYY-MM-DD, got 'yesterday'",
        ),
        ({"kind": "run"}, "entry 0: date: missing field"),
        (
            {"date": "2025-03-04", "kind": "check", "red_flags": ["sore"]},
            "entry 0: red_flags[0]: unknown red-flag code 'sore'",
        ),
        (
            {"date": "2025-03-04", "kind": "run", "pain": {"after": -1}},
            "entry 0: pain.after: must be a whole number from 0 to 10, got -1",
        ),
        (
            {"date": "2025-03-04", "kind": "run", "pain": {"during": 2.5}},
            "entry 0: pain.during: must be a whole number from 0 to 10, got 2.5",
        ),
        (
            {"date": "2025-03-04", "kind": "run", "pain": {"during": True}},
            "entry 0: pain.during: must be a whole number from 0 to 10, got True",
        ),
        (
            {"date": "2025-03-04", "kind": "run", "pain": {"evening": 2}},
            "entry 0: pain.evening: unknown field (use during, after, next_morning)",
        ),
        (
            {"date": "2025-03-04", "kind": "run", "swelling": "yes"},
            "entry 0: swelling: must be true or false, got 'yes'",
        ),
        (
            {"date": "2025-03-04", "kind": "run", "run_minutes": 0},
            "entry 0: run_minutes: must be a number of minutes above 0, got 0",
        ),
        ({"date": "2025-03-04", "kind": "run", "mood": "good"}, "entry 0: mood: unknown field"),
        ("2025-03-04", "entry 0: must be an object with date, kind, ..., got '2025-03-04'"),
    ],
)
def test_a_bad_entry_is_an_error_naming_its_index_and_field(entry: object, expected: str) -> None:
    assert problems([entry]) == [expected]


def test_every_problem_is_reported_at_once() -> None:
    found = problems(
        [
            {"date": "2025-13-01", "kind": "run"},
            {"date": "2025-03-04", "kind": "strength", "pain": {"during": 11, "after": 12}},
        ]
    )
    assert [p.split(":")[0] for p in found] == ["entry 0", "entry 1", "entry 1"]


def test_the_journal_must_be_a_list() -> None:
    assert problems({"date": "2025-03-04"}) == ["the journal must be a list of entries, got dict"]


def test_an_entry_knows_its_worst_pain_and_whether_it_is_quiet() -> None:
    assert Pain(1, 4, None).worst == 4 and Pain().worst is None
    quiet = JournalEntry(date(2025, 3, 4), EntryKind.STRENGTH, pain=Pain(0, 0, 0))
    swollen = JournalEntry(date(2025, 3, 4), EntryKind.STRENGTH, swelling=True)
    assert quiet.quiet and not swollen.quiet
    assert quiet.ordinal == date(2025, 3, 4).toordinal()


def test_a_skipped_session_was_not_attempted() -> None:
    skipped = JournalEntry(date(2025, 3, 4), EntryKind.STRENGTH, completed=False)
    partly = JournalEntry(date(2025, 3, 4), EntryKind.STRENGTH, completed=False, sets_done=2)
    stopped = JournalEntry(
        date(2025, 3, 4), EntryKind.STRENGTH, completed=False, pain=Pain(during=6)
    )
    assert not skipped.attempted and partly.attempted and stopped.attempted
