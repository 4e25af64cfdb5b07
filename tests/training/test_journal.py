"""Writing the journal: idempotent, filed under the right programme, editable for 24 hours."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from strideback.accounts.models import User
from strideback.training.journal import EntryLocked, KeyReused, log_entry, update_entry
from strideback.training.models import JournalEntry
from strideback.training.schemas import EntryIn

from .conftest import ON


def entry(**fields: Any) -> EntryIn:
    return EntryIn.model_validate({"date": ON.isoformat(), "kind": "strength", **fields})


def test_the_same_idempotency_key_twice_stores_one_entry(runner: User) -> None:
    first, created = log_entry(runner, entry(idempotency_key="offline-0001", pain={"during": 2}))
    again, created_again = log_entry(
        runner, entry(idempotency_key="offline-0001", pain={"during": 2})
    )
    assert (created, created_again) == (True, False)
    assert again.pk == first.pk and again.pain_during == 2
    assert JournalEntry.objects.filter(user=runner).count() == 1
    # The morning check fills in the next morning's pain; a late retry is still the same entry
    JournalEntry.objects.filter(pk=first.pk).update(pain_next_morning=1)
    _, created_late = log_entry(runner, entry(idempotency_key="offline-0001", pain={"during": 2}))
    assert created_late is False
    with pytest.raises(KeyReused):
        log_entry(runner, entry(idempotency_key="offline-0001", pain={"during": 5}))
    assert JournalEntry.objects.get(pk=first.pk).pain_during == 2


def test_a_run_is_filed_under_the_run_plan_and_strength_under_the_exercises(
    runner: User, enrolled: Callable[..., Any]
) -> None:
    enrolled(runner, ("anterior-knee-pain", "return-to-run-5k"))
    run, _ = log_entry(runner, entry(kind="run", run_minutes=13))
    strength, _ = log_entry(runner, entry())
    assert run.enrollment is not None and run.enrollment.programme_id == "return-to-run-5k"
    assert strength.enrollment is not None
    assert strength.enrollment.programme_id == "anterior-knee-pain"


@pytest.mark.django_db
def test_an_entry_can_be_corrected_for_24_hours_and_then_not(runner: User) -> None:
    stored, _ = log_entry(runner, entry(pain={"after": 1}))
    soon = stored.created_at + dt.timedelta(hours=23)
    assert update_entry(stored, entry(pain={"after": 3}), now=soon).pain_after == 3
    late = stored.created_at + dt.timedelta(hours=24, seconds=1)
    with pytest.raises(EntryLocked):
        update_entry(stored, entry(pain={"after": 9}), now=late)
    stored.refresh_from_db()
    assert stored.pain_after == 3
    assert stored.created_at <= timezone.now()
