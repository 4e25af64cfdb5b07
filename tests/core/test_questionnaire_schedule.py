"""When to ask: the baseline, every 4 weeks, the end; one card a week at most."""

from __future__ import annotations

import datetime as dt

from strideback.core.questionnaires.schedule import chosen, due, latest_checkpoint

START = dt.date(2026, 9, 7)


def day(n: int) -> dt.date:
    return START + dt.timedelta(days=n)


def test_checkpoints_are_the_start_every_four_weeks_and_the_end() -> None:
    assert latest_checkpoint(START, None, day(-1)) is None
    assert latest_checkpoint(START, None, day(0)) == START
    assert latest_checkpoint(START, None, day(27)) == START
    assert latest_checkpoint(START, None, day(28)) == day(28)
    assert latest_checkpoint(START, None, day(60)) == day(56)
    assert latest_checkpoint(START, day(63), day(62)) == day(56)
    assert latest_checkpoint(START, day(63), day(63)) == day(63)  # the end
    assert latest_checkpoint(START, day(63), day(90)) == day(63)  # nothing after the end


def test_baseline_then_every_four_weeks() -> None:
    ids = ["kujala-akps", "psfs", "groc"]
    # Day 0: the baseline, without the GROC (it measures change by itself).
    assert due(ids, START, None, day(0), {}, not_at_baseline=["groc"]) == ["kujala-akps", "psfs"]
    answered = {"kujala-akps": [day(1)], "psfs": [day(1)]}
    assert due(ids, START, None, day(10), answered, ["groc"]) == []
    # Week 5: all three again, the GROC included.
    assert due(ids, START, None, day(28), answered, ["groc"]) == ids
    answered |= {"kujala-akps": [day(1), day(29)]}
    assert due(ids, START, None, day(36), answered, ["groc"]) == ["psfs", "groc"]


def test_never_more_than_one_card_a_week() -> None:
    answered = {"psfs": [day(27)]}
    assert due(["kujala-akps", "psfs"], START, None, day(28), answered) == []
    assert due(["kujala-akps", "psfs"], START, None, day(34), answered) == ["kujala-akps", "psfs"]


def test_the_rest_of_one_card_stays_due_after_the_first_answer() -> None:
    ids = ["kujala-akps", "psfs"]
    # The baseline card: answering the Kujala first leaves the PSFS on the same card.
    assert due(ids, START, None, day(1), {"kujala-akps": [day(1)]}) == ["psfs"]
    assert due(ids, START, None, day(3), {"kujala-akps": [day(1)]}) == ["psfs"]
    # Both answered: nothing until the next asking day.
    assert due(ids, START, None, day(3), {"kujala-akps": [day(1)], "psfs": [day(1)]}) == []


def test_a_clinician_adds_and_skips() -> None:
    assert chosen(["ffi", "psfs"], add=["groc"], skip=["psfs"]) == ["ffi", "groc"]
    assert chosen(["ffi"], add=["ffi", "my-scale"]) == ["ffi", "my-scale"]
