"""Pain monitoring: which entries break the rules, against which limit."""

from __future__ import annotations

from strideback.core.engine.decision import Cause
from strideback.core.engine.journal import JournalEntry
from strideback.core.engine.monitoring import (
    PainRecord,
    during_or_after,
    run_limits,
    session_limits,
    worst_breach,
)
from strideback.core.engine.thresholds import table
from tests.core.engine.helpers import check, day, run, strength

PAIN_FREE = table("seed-000")
RUNNER_KNEE = table("trek")
TENDON = table("silbernagel")


def breach_of(entries: list[JournalEntry], limits_from: object = PAIN_FREE, kind: str = "session"):
    record = PainRecord(limits_from, entries)  # type: ignore[arg-type]
    limits = (session_limits if kind == "session" else run_limits)(limits_from)  # type: ignore[arg-type]
    return worst_breach(entries[-1], limits, record, len(entries) - 1)


def test_any_pain_breaks_the_pain_free_rule() -> None:
    found = breach_of([strength(3, during=1)])
    assert found is not None and found.cause is Cause.PAIN_DURING
    assert (found.date, found.value, found.limit) == (day(3), 1, 0)


def test_no_pain_breaks_nothing() -> None:
    assert breach_of([strength(3)]) is None


def test_two_out_of_ten_during_is_fine_for_runners_knee_but_three_is_not() -> None:
    assert breach_of([run(1, during=2)], RUNNER_KNEE, "run") is None
    found = breach_of([run(1, during=3)], RUNNER_KNEE, "run")
    assert found is not None and found.cause is Cause.RUN_PAIN_DURING and found.limit == 2


def test_the_worse_of_during_and_after_is_the_one_explained() -> None:
    found = during_or_after(strength(2, during=1, after=4), session_limits(PAIN_FREE))
    assert found is not None and found.cause is Cause.PAIN_AFTER and found.value == 4


def test_tendon_pain_up_to_five_is_acceptable() -> None:
    assert breach_of([strength(2, during=5, after=5)], TENDON) is None
    assert breach_of([strength(2, during=6)], TENDON) is not None


def test_next_morning_must_be_no_higher_than_the_baseline() -> None:
    # Baseline 1 (the morning check the day before): 1 is fine, 2 is higher.
    assert breach_of([check(4, pain=1), run(5, morning=1)], RUNNER_KNEE, "run") is None
    found = breach_of([check(4, pain=1), run(5, morning=2)], RUNNER_KNEE, "run")
    assert found is not None and found.cause is Cause.RUN_PAIN_NEXT_MORNING
    assert (found.value, found.limit) == (2, 1)


def test_without_a_baseline_the_baseline_is_zero() -> None:
    found = breach_of([run(5, morning=1)], RUNNER_KNEE, "run")
    assert found is not None and found.limit == 0


def test_an_old_baseline_no_longer_counts() -> None:
    found = breach_of([check(0, pain=2), run(9, morning=2)], RUNNER_KNEE, "run")
    assert found is not None and found.limit == 0


def test_a_high_baseline_does_not_lift_the_next_morning_limit_above_its_cap() -> None:
    found = breach_of([check(4, pain=4), run(5, morning=3)], RUNNER_KNEE, "run")
    assert found is not None and found.limit == 2


def test_swelling_breaks_the_rules_even_without_pain() -> None:
    found = breach_of([strength(2, swelling=True)])
    assert found is not None and found.cause is Cause.SWELLING and found.value is None


def test_the_record_keeps_the_last_pain_and_the_last_symptom() -> None:
    entries = [strength(1, during=2), check(3, pain=0, swelling=True), strength(5)]
    record = PainRecord(PAIN_FREE, entries)
    for entry in entries:
        if not entry.quiet:
            record.record(entry, entry.ordinal)
    assert (record.gate_day, record.gate_value) == (day(1).toordinal(), 2)
    assert record.symptom_day == day(3).toordinal()
