"""People for the API tests, built in code: runner A (with a programme and a journal), runner B,
A's clinician (active care link) and another clinician; both clinicians have a confirmed TOTP
device. ``as_session`` / ``as_token`` give a client acting as one of them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from strideback.accounts.models import CareLink, CareLinkStatus, Role, User
from strideback.api.tokens import create_token
from strideback.training.journal import log_entry
from strideback.training.models import Enrollment, JournalEntry
from strideback.training.schemas import EntryIn

SECRET = "A-private-marker-7f3c"  # appears only in A's data: nobody else may ever see it


@dataclass
class World:
    a: User
    b: User
    clinician: User
    other_clinician: User
    entry: JournalEntry
    enrollment: Enrollment
    tokens: dict[str, str] = field(default_factory=dict)

    def actor(self, name: str) -> User | None:
        return {
            "anonymous": None,
            "runner_a": self.a,
            "runner_b": self.b,
            "a_clinician": self.clinician,
            "other_clinician": self.other_clinician,
        }[name]


ACTORS = ("anonymous", "runner_a", "runner_b", "a_clinician", "other_clinician")


def make_world(today: dt.date | None = None) -> World:
    today = today or timezone.localdate()
    a = User.objects.create_user("a@example.org", "pw-a-long-enough", name=f"Anna {SECRET}")
    b = User.objects.create_user("b@example.org", "pw-b-long-enough", name="Bo")
    clinician = User.objects.create_user(
        "physio@example.org", "pw-c-long-enough", name="Dr C", role=Role.CLINICIAN
    )
    other = User.objects.create_user(
        "other@example.org", "pw-d-long-enough", name="Dr D", role=Role.CLINICIAN
    )
    for user in (clinician, other):
        TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    CareLink.objects.create(
        clinician=clinician, runner=a, status=CareLinkStatus.ACTIVE, accepted_at=timezone.now()
    )
    enrollment = Enrollment.objects.create(
        user=a, programme_id="anterior-knee-pain", start=today - dt.timedelta(days=20)
    )
    for days in (6, 4, 2):
        log_entry(
            a,
            EntryIn(
                date=today - dt.timedelta(days=days),
                kind="strength",
                pain={"during": 2, "after": 1},
                note=f"session {days} days ago",
            ),
        )
    entry, _ = log_entry(
        a,
        EntryIn(
            date=today,
            kind="strength",
            pain={"during": 3},
            note=SECRET,
            idempotency_key="a-key-0001",
        ),
    )
    world = World(a, b, clinician, other, entry, enrollment)
    for name in ACTORS[1:]:
        _, secret = create_token(world.actor(name), f"{name} laptop")  # type: ignore[arg-type]
        world.tokens[name] = secret
    return world


@pytest.fixture
def world(db: None) -> World:
    return make_world()


def session_client(user: User | None, *, csrf: bool = False) -> Client:
    client = Client(enforce_csrf_checks=csrf)
    if user is None:
        return client
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    return client


def token_client(secret: str | None) -> Client:
    if secret is None:
        return Client()
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


@pytest.fixture
def as_session(world: World):  # type: ignore[no-untyped-def]
    return lambda name: session_client(world.actor(name))


@pytest.fixture
def as_token(world: World):  # type: ignore[no-untyped-def]
    return lambda name: token_client(world.tokens.get(name))
