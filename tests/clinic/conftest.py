"""Clinicians, runners and links built in code; a client that has passed the TOTP step."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from strideback.accounts.models import CareLink, CareLinkStatus, Role, User
from strideback.clinic import patients
from strideback.training.journal import enrollment_for
from strideback.training.models import Enrollment, JournalEntry

ON = dt.date(2026, 3, 2)


@pytest.fixture
def clinician(db: Any) -> User:
    return patients.create_clinician(
        "physio@example.org",
        "pw-long-enough",
        name="Mette Fysio",
        clinic_name="Fysio- og Ergoterapi, Hjørring",
        clinic_phone="97 64 16 82",
    )


@pytest.fixture
def make_runner(db: Any) -> Callable[..., User]:
    def make(email: str = "runner@example.org", name: str = "Søren", lang: str = "da") -> User:
        return User.objects.create_user(email, "pw", name=name, role=Role.RUNNER, language=lang)

    return make


def link(clinician: User, runner: User) -> CareLink:
    return CareLink.objects.create(clinician=clinician, runner=runner, status=CareLinkStatus.ACTIVE)


@pytest.fixture
def patient(clinician: User, make_runner: Callable[..., User]) -> User:
    runner = make_runner()
    link(clinician, runner)
    Enrollment.objects.create(
        user=runner, programme_id="anterior-knee-pain", start=ON - dt.timedelta(days=20)
    )
    return runner


def entry(runner: User, day: dt.date, **fields: Any) -> JournalEntry:
    """An entry as the app logs it: a run to the runner's run plan, anything else to their
    exercise programme (``training.journal.enrollment_for``)."""
    fields.setdefault("kind", "strength")
    fields.setdefault("enrollment", enrollment_for(runner, fields["kind"]))
    return JournalEntry.objects.create(user=runner, date=day, **fields)


def device(user: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def verified_client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    found = TOTPDevice.objects.filter(user=user, confirmed=True).first() or device(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = found.persistent_id
    session.save()
    return client


@pytest.fixture
def physio(clinician: User) -> Client:
    return verified_client(clinician)


NOW = timezone.make_aware(dt.datetime(2026, 3, 2, 10, 0))
