"""The invitation pages a physiotherapist without an account sees (with the clinic's
PHYSIO_SIGNUP on) are accessible, in German."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import override_settings
from django.utils import timezone

from strideback.accounts import physio_invites
from strideback.accounts.models import User


@pytest.mark.django_db(transaction=True)
def test_the_signup_through_an_invitation_is_accessible(
    make_page: Any, axe: Any, shot: Any
) -> None:
    runner = User.objects.create_user("l@example.de", "pw-12345678", name="Lena", language="de")
    invite = physio_invites.invite_physio(runner, "physio@example.de", now=timezone.now())
    page = make_page(locale="de-DE")
    with override_settings(PHYSIO_SIGNUP=True):
        page.goto(page.base + f"/clinic/join/{invite.token}/")
        assert axe(page) == []
        shot(page, "join-anonymous-de")
        page.get_by_role("link", name="Ein Therapeutenkonto anlegen").click()
        page.get_by_role("button", name="Konto erstellen").click()
        assert page.get_by_role("alert").is_visible()
        assert axe(page) == []
        shot(page, "join-signup-de")
