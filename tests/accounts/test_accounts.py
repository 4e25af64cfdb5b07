"""Sign up, log in (with its rate limit), log out, password reset and clinician invites."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client

from strideback.accounts import services
from strideback.accounts.models import CareLink, CareLinkStatus, Role, User

NOW = dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


@pytest.fixture
def runner(db: Any) -> User:
    return User.objects.create_user("runner@example.org", "a-good-password-1", language="en")


@pytest.fixture
def clinician(db: Any) -> User:
    return User.objects.create_user("physio@example.org", "pw-12345678", role=Role.CLINICIAN)


@pytest.mark.django_db
def test_sign_up_logs_the_runner_in_and_starts_onboarding(client: Client) -> None:
    response = client.post("/signup/", {"email": "New@Example.org", "password": "knee-over-toe-42"})
    assert response.status_code == 302
    assert response["Location"] == "/start/"
    user = User.objects.get(email="new@example.org")
    assert user.role == Role.RUNNER
    assert client.get("/start/").status_code == 200


@pytest.mark.django_db
def test_sign_up_remembers_the_page_language(client: Client) -> None:
    client.post(
        "/signup/",
        {"email": "dansk@example.org", "password": "knae-over-taa-42"},
        HTTP_ACCEPT_LANGUAGE="da",
    )
    assert User.objects.get(email="dansk@example.org").language == "da"


@pytest.mark.django_db
def test_sign_up_errors_name_the_field(client: Client, runner: User) -> None:
    response = client.post("/signup/", {"email": "runner@example.org", "password": "123"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "E-mail: There is already an account with this address" in html
    assert "Choose a password: " in html
    assert 'aria-invalid="true"' in html
    # Under the field: the field's name once, then one problem per line
    under = html[html.index('id="id_password-error"') :]
    under = under[: under.index("</p>")]
    assert under.count("Choose a password") == 1 and under.count("<br>") >= 1


def test_production_settings_hash_passwords_with_argon2() -> None:
    from strideback.web import settings

    assert settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


@pytest.mark.django_db
def test_log_in_with_email_and_password_goes_to_today(client: Client, runner: User) -> None:
    response = client.post(
        "/login/", {"email": "RUNNER@example.org", "password": "a-good-password-1"}
    )
    assert response.status_code == 302
    assert client.get("/")["Location"] == "/today/"


@pytest.mark.django_db
def test_a_wrong_password_says_so_on_the_password_field(client: Client, runner: User) -> None:
    response = client.post("/login/", {"email": "runner@example.org", "password": "nope"})
    assert response.status_code == 400
    assert "Password: That e-mail and password don&#x27;t match." in response.content.decode()


@pytest.mark.django_db
def test_log_out_needs_a_post(client: Client, runner: User) -> None:
    client.force_login(runner)
    assert client.get("/logout/").status_code == 405
    assert client.post("/logout/").status_code == 302
    assert client.get("/today/")["Location"].startswith("/login/")


@pytest.mark.django_db
def test_log_in_only_follows_local_next_links(client: Client, runner: User) -> None:
    response = client.post(
        "/login/?next=https://evil.example/",
        {"email": "runner@example.org", "password": "a-good-password-1"},
    )
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_password_reset_by_email_link(client: Client, runner: User) -> None:
    response = client.post("/password-reset/", {"email": "runner@example.org"})
    assert response.status_code == 200
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/password-reset/\S+/)", mail.outbox[0].body)
    assert link is not None
    assert client.get(link.group(1)).status_code == 200
    done = client.post(link.group(1), {"password": "a-brand-new-one-7"})
    assert done["Location"] == "/login/"
    runner.refresh_from_db()
    assert runner.check_password("a-brand-new-one-7")
    assert client.get(link.group(1)).status_code == 400, "a used link stops working"


@pytest.mark.django_db
def test_password_reset_tells_a_stranger_nothing(client: Client) -> None:
    response = client.post("/password-reset/", {"email": "nobody@example.org"})
    assert response.status_code == 200
    assert mail.outbox == []


@pytest.mark.django_db
def test_password_reset_mail_uses_the_runners_language(client: Client) -> None:
    User.objects.create_user("de@example.org", "pw-12345678", language="de")
    client.post("/password-reset/", {"email": "de@example.org"})
    assert mail.outbox[0].subject == "Neues Passwort für Strideback"


# --- invites -------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_logged_in_runner_accepts_an_invite(
    client: Client, runner: User, clinician: User
) -> None:
    link = CareLink.objects.create(clinician=clinician)
    client.force_login(runner)
    assert client.get(f"/invite/{link.token}").status_code == 200
    response = client.post(f"/invite/{link.token}")
    assert response["Location"] == "/today/"
    link.refresh_from_db()
    assert link.status == CareLinkStatus.ACTIVE
    assert link.runner == runner
    assert link.accepted_at is not None


@pytest.mark.django_db
def test_a_new_runner_signs_up_from_the_invite_and_accepts(client: Client, clinician: User) -> None:
    link = CareLink.objects.create(clinician=clinician)
    page = client.get(f"/invite/{link.token}").content.decode()
    assert f"/signup/?next=/invite/{link.token}" in page
    response = client.post(
        f"/signup/?next=/invite/{link.token}",
        {
            "email": "new@example.org",
            "password": "knee-over-toe-42",
            "next": f"/invite/{link.token}",
        },
    )
    assert response["Location"] == f"/invite/{link.token}"
    client.post(f"/invite/{link.token}")
    link.refresh_from_db()
    assert link.runner is not None and link.runner.email == "new@example.org"


@pytest.mark.django_db
def test_accepting_twice_is_harmless_and_a_used_link_is_refused_to_others(
    runner: User, clinician: User
) -> None:
    link = CareLink.objects.create(clinician=clinician)
    services.accept_invite(runner, link.token, NOW)
    assert services.accept_invite(runner, link.token, NOW).pk == link.pk
    other = User.objects.create_user("other@example.org", "pw-12345678")
    with pytest.raises(services.InviteError) as err:
        services.accept_invite(other, link.token, NOW)
    assert err.value.code == "used"


@pytest.mark.django_db
def test_stopped_links_and_clinicians_cannot_accept(runner: User, clinician: User) -> None:
    link = CareLink.objects.create(clinician=clinician, status=CareLinkStatus.STOPPED)
    with pytest.raises(services.InviteError):
        services.accept_invite(runner, link.token, NOW)
    fresh = CareLink.objects.create(clinician=clinician)
    with pytest.raises(services.InviteError) as err:
        services.accept_invite(clinician, fresh.token, NOW)
    assert err.value.code == "clinician"


@pytest.mark.django_db
def test_an_unknown_invite_is_404(client: Client) -> None:
    assert client.get("/invite/not-a-token").status_code == 404


@pytest.mark.django_db
def test_home_sends_runners_to_today_and_clinicians_to_the_clinic(
    client: Client, runner: User, clinician: User
) -> None:
    client.force_login(runner)
    assert client.get("/")["Location"] == "/today/"
    client.force_login(clinician)
    assert client.get("/")["Location"] == "/clinic/"


@pytest.mark.django_db
def test_the_accounts_language_follows_the_runner_to_a_new_device(client: Client) -> None:
    User.objects.create_user("nb@example.org", "pw-12345678", language="nb")
    client.post(
        "/login/", {"email": "nb@example.org", "password": "pw-12345678"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    html = client.get("/settings/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="nb">' in html
