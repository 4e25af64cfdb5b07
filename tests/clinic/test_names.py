"""Names (issue #16 item 5): runners (optionally) and clinicians have a display name, edited
in their settings; the patient list, the patient page, invitations and the handout's cover use
it, and the e-mail shows only where no name exists."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client

from strideback.accounts.models import User
from strideback.clinic import handout
from strideback.training.models import Enrollment

from .conftest import link

pytestmark = pytest.mark.django_db


def test_a_runner_gives_a_name_at_signup_or_none(client: Client) -> None:
    client.post(
        "/signup/", {"name": "  Søren   Kirk ", "email": "s@example.org", "password": "lang-nok-1"}
    )
    assert User.objects.get(email="s@example.org").display_name == "Søren Kirk"
    Client().post("/signup/", {"email": "n@example.org", "password": "lang-nok-1"})
    assert User.objects.get(email="n@example.org").display_name == "n@example.org"


def test_a_runner_edits_their_name_in_settings(make_runner: Callable[..., User]) -> None:
    runner = make_runner(name="")
    client = Client()
    client.force_login(runner)
    assert 'id="settings-name"' in client.get("/settings/").content.decode()
    client.post("/settings/name/", {"name": "Søren"})
    runner.refresh_from_db()
    assert runner.name == "Søren"
    page = client.post("/settings/name/", {"name": "x" * 151}, follow=True).content.decode()
    assert "Your name: keep it under 150 characters" in page
    runner.refresh_from_db()
    assert runner.name == "Søren"


def test_a_clinician_edits_their_name_on_the_clinic_page(physio: Client, clinician: User) -> None:
    physio.post("/clinic/profile/", {"name": "Mette Dahl", "clinic_name": "Fysio Nord"})
    clinician.refresh_from_db()
    assert clinician.name == "Mette Dahl"


def test_the_patient_list_and_page_show_the_name_and_the_email_only_without_one(
    physio: Client, clinician: User, make_runner: Callable[..., User]
) -> None:
    named = make_runner("named@example.org", name="Søren Kirk")
    unnamed = make_runner("unnamed@example.org", name="")
    for runner in (named, unnamed):
        link(clinician, runner)
        Enrollment.objects.create(
            user=runner, programme_id="anterior-knee-pain", start=dt.date(2026, 3, 2)
        )
    listed = physio.get("/clinic/").content.decode()
    assert "Søren Kirk" in listed and "unnamed@example.org" in listed
    page = physio.get(f"/clinic/patients/{named.pk}/").content.decode()
    assert "<h1>Søren Kirk</h1>" in page
    assert (
        f"<h1>{unnamed.email}</h1>"
        in physio.get(f"/clinic/patients/{unnamed.pk}/").content.decode()
    )


def test_the_handout_cover_uses_the_patients_name(
    clinician: User, make_runner: Callable[..., User], monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = make_runner("cover@example.org", name="Søren Kirk")
    link(clinician, runner)
    Enrollment.objects.create(
        user=runner, programme_id="anterior-knee-pain", start=dt.date(2026, 3, 2)
    )
    seen: dict[str, object] = {}

    def spy(*args: object, **kwargs: object) -> bytes:
        seen.update(kwargs)
        return b"%PDF"

    monkeypatch.setattr(handout, "render_pdf", spy)
    handout.handout_pdf(clinician, runner=runner)
    assert seen["patient_name"] == "Søren Kirk"
