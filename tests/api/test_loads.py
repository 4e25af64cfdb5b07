"""Load for the heavy heel raise through the API: a set at a time, the next load with sources."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from strideback.accounts.models import User
from strideback.training.models import Enrollment, SetLoad
from tests.api.conftest import session_client

pytestmark = pytest.mark.django_db

HEEL = "single-leg-heel-raise-towel"


def runner(days_in: int) -> Client:
    user = User.objects.create_user(f"h{days_in}@example.org", "pw-h-long-enough", name="H")
    start = timezone.localdate() - dt.timedelta(days=days_in)
    Enrollment.objects.create(user=user, programme_id="plantar-heel-pain", start=start)
    return session_client(user)


def put(client: Client, day: dt.date, n: int, load: float, reps: int):  # type: ignore[no-untyped-def]
    return client.put(
        f"/api/v1/me/loads/{day.isoformat()}/{HEEL}/{n}",
        {"load_kg": load, "reps": reps},
        content_type="application/json",
    )


def test_phase_two_proposes_the_next_load_from_the_10rm_target() -> None:
    client = runner(days_in=16)  # week 3: phase 2, 4 sets x 10RM with a backpack
    today = timezone.localdate()
    first = client.get(f"/api/v1/me/loads/next?exercise={HEEL}").json()
    assert (first["phase"], first["target_reps"], first["action"]) == (2, 10, "start")
    for n, reps in enumerate((13, 12, 12, 12), 1):
        assert put(client, today, n, 4, reps).status_code == 201
    assert put(client, today, 4, 4, 12).status_code == 200  # sent again: replaced, not added
    assert SetLoad.objects.count() == 4
    advice = client.get(f"/api/v1/me/loads/next?exercise={HEEL}").json()
    assert (advice["action"], advice["load_kg"], advice["change_kg"]) == ("add", 6.0, 2.0)
    assert advice["facts"]["last_set_reps"] == 12
    assert any("Rathleff" in s for s in advice["sources"])
    assert any("Strideback's own" in s for s in advice["sources"])


def test_phase_one_is_body_weight() -> None:
    advice = runner(days_in=0).get(f"/api/v1/me/loads/next?exercise={HEEL}").json()
    assert (advice["phase"], advice["target_reps"], advice["action"]) == (1, 12, "body_weight")


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        (f"{HEEL}/1", {"load_kg": -1, "reps": 10}, "load_kg"),
        (f"{HEEL}/1", {"load_kg": 2.3, "reps": 10}, "load_kg"),
        (f"{HEEL}/1", {"load_kg": 2, "reps": 101}, "reps"),
        (f"{HEEL}/0", {"load_kg": 2, "reps": 10}, "set_number"),
        ("side-plank/1", {"load_kg": 2, "reps": 10}, "exercise"),
    ],
)
def test_bad_sets_name_the_field_and_store_nothing(path: str, body: dict, field: str) -> None:
    client = runner(days_in=16)
    day = timezone.localdate().isoformat()
    response = client.put(f"/api/v1/me/loads/{day}/{path}", body, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == field
    assert not SetLoad.objects.exists()
