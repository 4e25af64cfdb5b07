"""A runner's invited physio without an account (issue #16 item 4): with the clinic's setting
on, they sign up through the invitation for the invited address, then set up two-step
verification before accepting; with it off, only an existing clinician accepts after logging
in."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client, override_settings
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from strideback.accounts import physio_invites
from strideback.accounts.models import CareLink, PhysioInvite, Role, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def invite(make_runner: Callable[..., User]) -> PhysioInvite:
    runner = make_runner("soeren@example.org", name="Søren")
    return physio_invites.invite_physio(runner, "new.physio@example.org", now=timezone.now())


def test_without_the_setting_the_link_asks_for_a_login_and_there_is_no_signup(
    client: Client, invite: PhysioInvite
) -> None:
    response = client.get(f"/clinic/join/{invite.token}/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")
    assert client.get(f"/clinic/join/{invite.token}/signup/").status_code == 404


@override_settings(PHYSIO_SIGNUP=True)
def test_with_the_setting_the_physio_signs_up_then_verifies_before_accepting(
    client: Client, invite: PhysioInvite
) -> None:
    page = client.get(f"/clinic/join/{invite.token}/").content.decode()
    assert "Create a clinician account" in page and "Søren" in page
    bad = client.post(f"/clinic/join/{invite.token}/signup/", {"name": "Anna", "password": "1"})
    assert bad.status_code == 400 and "Choose a password:" in bad.content.decode()
    assert not User.objects.filter(email="new.physio@example.org").exists()
    made = client.post(
        f"/clinic/join/{invite.token}/signup/", {"name": "Anna Weber", "password": "lang-genug-9"}
    )
    assert made["Location"] == f"/clinic/join/{invite.token}/"
    physio = User.objects.get(email="new.physio@example.org")
    assert physio.role == Role.CLINICIAN and physio.display_name == "Anna Weber"
    # Nothing of the runner before two-step verification is set up.
    step = client.get(made["Location"])
    assert step.status_code == 302 and step["Location"].startswith("/clinic/2fa/")
    assert not CareLink.objects.exists()
    device = TOTPDevice.objects.create(user=physio, name="phone", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    client.post(f"/clinic/join/{invite.token}/")
    assert CareLink.objects.filter(clinician=physio, runner=invite.runner).exists()


@override_settings(PHYSIO_SIGNUP=True)
def test_an_address_with_an_account_is_sent_to_log_in(client: Client, invite: PhysioInvite) -> None:
    User.objects.create_user("new.physio@example.org", "pw-12345678")
    response = client.post(f"/clinic/join/{invite.token}/signup/", {"password": "lang-genug-9"})
    assert response.status_code == 409
    assert "already an account" in response.content.decode()
