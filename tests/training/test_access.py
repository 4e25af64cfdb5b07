"""Every page checks who is asking: a runner sees only their own things."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from strideback.accounts.models import Role, User
from strideback.training.models import Enrollment

RUNNER_PAGES = [
    "/today/",
    "/calendar/",
    "/progress/",
    "/settings/",
    "/start/",
    "/settings/my-data.json",
    "/settings/my-journal.csv",
    "/calendar/download.ics",
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", RUNNER_PAGES)
def test_anonymous_visitors_are_sent_to_log_in(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=")


@pytest.mark.django_db
@pytest.mark.parametrize("url", RUNNER_PAGES)
def test_clinicians_are_sent_to_their_workspace(client: Client, url: str) -> None:
    clinician = User.objects.create_user("c@example.org", "pw-12345678", role=Role.CLINICIAN)
    client.force_login(clinician)
    assert client.get(url)["Location"] == "/clinic/"


@pytest.mark.django_db
def test_runner_b_gets_404_on_runner_as_programme(
    client: Client, make_runner: Callable[..., User], enrolled: Callable[..., Any]
) -> None:
    a, b = make_runner("a@example.org"), make_runner("b@example.org")
    (mine,) = enrolled(a)
    client.force_login(b)
    assert client.post(f"/settings/programmes/{mine.pk}/stop/").status_code == 404
    assert Enrollment.objects.get(pk=mine.pk).active


@pytest.mark.django_db
def test_runner_b_sees_only_their_own_data(
    client: Client,
    make_runner: Callable[..., User],
    enrolled: Callable[..., Any],
    log: Callable[..., Any],
) -> None:
    from django.utils import timezone

    a, b = make_runner("a@example.org"), make_runner("b@example.org")
    enrolled(a, ("plantar-heel-pain",), start=timezone.localdate(), areas=("heel",))
    log(a, timezone.localdate(), note="secret-note-of-a")
    enrolled(b, start=timezone.localdate())
    client.force_login(b)
    for url in RUNNER_PAGES:
        body = client.get(url).content.decode()
        assert "secret-note-of-a" not in body
        assert "a@example.org" not in body
        assert "plantar-heel-pain" not in body or url == "/start/"


@pytest.mark.django_db
def test_an_unknown_calendar_token_is_404(client: Client) -> None:
    assert client.get("/calendar/not-a-real-token.ics").status_code == 404
