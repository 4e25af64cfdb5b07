"""Runners and their histories, built in code. Services get the day as an argument."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from strideback.accounts.models import Role, User
from strideback.training import onboarding
from strideback.training.models import Enrollment, EntryKind, JournalEntry

ON = dt.date(2026, 11, 22)


@pytest.fixture
def make_runner(db: Any) -> Callable[..., User]:
    def make(email: str = "runner@example.org", lang: str = "en") -> User:
        return User.objects.create_user(email, "pw-12345678", language=lang, role=Role.RUNNER)

    return make


@pytest.fixture
def runner(make_runner: Callable[..., User]) -> User:
    return make_runner()


@pytest.fixture
def enrolled() -> Callable[..., list[Enrollment]]:
    def enroll(
        user: User,
        programmes: tuple[str, ...] = ("anterior-knee-pain",),
        start: dt.date = ON,
        on: dt.date | None = None,
        areas: tuple[str, ...] = ("front_of_knee",),
    ) -> list[Enrollment]:
        onboarding.save_areas(user, areas)
        del on  # histories start in the past: enroll as if on the start day
        return onboarding.enroll(user, list(programmes), start, start)

    return enroll


@pytest.fixture
def log() -> Callable[..., JournalEntry]:
    def add(
        user: User,
        day: dt.date,
        kind: str = EntryKind.STRENGTH,
        programme: str | None = None,
        **fields: Any,
    ) -> JournalEntry:
        enrollment = None
        if programme is not None:
            enrollment = Enrollment.objects.get(user=user, programme_id=programme, active=True)
        elif kind != EntryKind.CHECK:
            enrollment = Enrollment.objects.filter(user=user, active=True).order_by("id").first()
        return JournalEntry.objects.create(
            user=user, enrollment=enrollment, date=day, kind=kind, **fields
        )

    return add


@pytest.fixture
def logged_in(client: Client, runner: User) -> Client:
    client.force_login(runner)
    return client
