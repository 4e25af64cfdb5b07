"""A runner invites their own physiotherapist: an e-mailed link, accepted by a clinician after
the two-step check, links them; until then the stop page says what to do and whom to call."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from django.test import Client

from strideback.accounts.models import CareLink, CareLinkStatus, PhysioInvite, User
from strideback.clinic import patients as services
from strideback.training.models import JournalEntry
from tests.clinic.conftest import ON, verified_client


def runner_client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def invite(client: Client, email: str, back: str = "/settings/") -> Any:
    return client.post("/settings/physio/", {"email": email, "next": back}, follow=True)


def test_a_runner_invites_their_physio_who_accepts_after_two_step_login(
    make_runner: Callable[..., User], clinician: User, mailoutbox: list[Any]
) -> None:
    runner = make_runner(lang="de", name="Jonas")
    page = invite(runner_client(runner), "Physio@Example.org")
    assert "The invitation is on its way to physio@example.org." in page.content.decode()
    (mail,) = mailoutbox
    assert mail.to == ["physio@example.org"]
    assert mail.subject == "Jonas lädt Sie ein, das Training in Strideback zu begleiten"
    found = re.search(r"http://testserver(/clinic/join/\S+/)", mail.body)
    assert found is not None
    path = found.group(1)
    # Not logged in: to the login page; logged in without the second step: to it.
    assert Client().get(path)["Location"].startswith("/login/?next=/clinic/join/")
    half = Client()
    half.force_login(clinician)
    assert half.get(path)["Location"].startswith("/clinic/")
    assert "verify" in half.get(path)["Location"] or "2fa" in half.get(path)["Location"]
    physio = verified_client(clinician)
    shown = physio.get(path).content.decode()
    assert "Jonas" in shown and "Annehmen" not in shown  # the clinician's page language: en
    accepted = physio.post(path, follow=True)
    assert accepted.redirect_chain[-1][0] == f"/clinic/patients/{runner.pk}/"
    assert CareLink.objects.filter(
        clinician=clinician, runner=runner, status=CareLinkStatus.ACTIVE
    ).exists()
    assert physio.post(path).status_code == 302  # twice is harmless
    assert CareLink.objects.filter(clinician=clinician, runner=runner).count() == 1


def test_an_invitation_accepted_by_one_clinician_is_used_up(
    make_runner: Callable[..., User], clinician: User
) -> None:
    runner = make_runner()
    invite(runner_client(runner), "physio@example.org")
    token = PhysioInvite.objects.get(runner=runner).token
    verified_client(clinician).post(f"/clinic/join/{token}/")
    other = services.create_clinician("other@example.org", "pw-long-enough")
    response = verified_client(other).post(f"/clinic/join/{token}/")
    assert response.status_code == 409
    assert not CareLink.objects.filter(clinician=other).exists()


def test_a_bad_address_names_the_field_and_sends_nothing(
    make_runner: Callable[..., User], mailoutbox: list[Any]
) -> None:
    runner = make_runner(lang="en")
    client = runner_client(runner)
    page = invite(client, "not an address").content.decode()
    assert "Your physiotherapist&#x27;s e-mail: enter an e-mail address" in page
    page = invite(client, runner.email).content.decode()
    assert "that is your own address" in page
    assert mailoutbox == [] and not PhysioInvite.objects.exists()


def test_the_stop_page_says_whom_to_call_and_offers_the_invitation_until_linked(
    make_runner: Callable[..., User], clinician: User
) -> None:
    runner = make_runner(lang="en")
    JournalEntry.objects.create(
        user=runner, date=ON, kind="check", completed=False, red_flags=["knee_locked"]
    )
    client = runner_client(runner)
    page = client.get("/start/stop/").content.decode()
    assert "Do not train today. Call your doctor or a physiotherapist" in page
    assert 'action="/settings/physio/"' in page
    invite(client, "physio@example.org", back="/start/stop/")
    assert (
        "Waiting for physio@example.org to accept." in client.get("/start/stop/").content.decode()
    )
    token = PhysioInvite.objects.get(runner=runner).token
    verified_client(clinician).post(f"/clinic/join/{token}/")
    linked = client.get("/start/stop/").content.decode()
    assert "Call Mette Fysio (Fysio- og Ergoterapi, Hjørring)" in linked
    assert 'action="/settings/physio/"' not in linked
