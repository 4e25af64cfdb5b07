"""One login throttle for every way in: /login/, /admin/login/, the password reset and the
clinician's 6-digit code, counted per account and per client address in a shared store."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.core.cache import caches
from django.test import Client, override_settings
from django.utils import translation
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from strideback.accounts import ratelimit
from strideback.accounts.models import Role, User

PASSWORD = "a-good-password-1"
RIGHT = {"email": "runner@example.org", "password": PASSWORD}
WRONG = {"email": "runner@example.org", "password": "wrong"}


@pytest.fixture
def runner(db: Any) -> User:
    return User.objects.create_user("runner@example.org", PASSWORD, language="en")


@pytest.fixture
def staff(db: Any) -> User:
    return User.objects.create_superuser("admin@example.org", PASSWORD)


def admin_login(client: Client, email: str, password: str) -> Any:
    return client.post(
        "/admin/login/?next=/admin/", {"username": email, "password": password, "next": "/admin/"}
    )


def lock_by_login(email: str, address: str = "10.0.0.1") -> None:
    client = Client(REMOTE_ADDR=address)
    for _ in range(ratelimit.ACCOUNT_LIMIT):
        assert client.post("/login/", {"email": email, "password": "wrong"}).status_code == 400


@pytest.mark.django_db
def test_five_wrong_passwords_lock_the_account_from_every_address(
    client: Client, runner: User
) -> None:
    lock_by_login("runner@example.org")
    response = Client(REMOTE_ADDR="10.0.0.1").post("/login/", RIGHT)
    assert response.status_code == 429
    assert "Too many wrong attempts. Wait 15 minutes" in response.content.decode()
    elsewhere = Client(REMOTE_ADDR="192.0.2.50").post("/login/", RIGHT)
    assert elsewhere.status_code == 429, "another address does not get 5 more guesses"
    assert "_auth_user_id" not in elsewhere.client.session


@pytest.mark.django_db
def test_the_count_is_case_blind(runner: User) -> None:
    client = Client(REMOTE_ADDR="10.0.0.1")
    for variant in (
        "Runner@example.org",
        "RUNNER@EXAMPLE.ORG",
        "runner@Example.org",
        " runner@example.org",
        "runner@example.ORG",
    ):
        client.post("/login/", {"email": variant, "password": "wrong"})
    assert Client(REMOTE_ADDR="10.0.0.2").post("/login/", RIGHT).status_code == 429


@pytest.mark.django_db
def test_after_login_locks_an_account_the_admin_login_is_locked_too(staff: User) -> None:
    lock_by_login("admin@example.org")
    client = Client(REMOTE_ADDR="10.0.0.3")
    response = admin_login(client, "admin@example.org", PASSWORD)
    assert response.status_code == 429
    assert "Too many wrong attempts" in response.content.decode()
    assert client.get("/admin/").status_code == 302, "the right password did not let them in"


@pytest.mark.django_db
def test_wrong_passwords_at_the_admin_login_lock_the_login_page(staff: User) -> None:
    client = Client(REMOTE_ADDR="10.0.0.4")
    for _ in range(ratelimit.ACCOUNT_LIMIT):
        assert admin_login(client, "admin@example.org", "wrong").status_code == 200
    assert admin_login(client, "admin@example.org", PASSWORD).status_code == 429
    other = Client(REMOTE_ADDR="10.0.0.5")
    assert (
        other.post("/login/", {"email": "admin@example.org", "password": PASSWORD}).status_code
        == 429
    )


@pytest.mark.django_db
def test_the_admin_login_still_works_without_wrong_attempts(staff: User) -> None:
    client = Client(REMOTE_ADDR="10.0.0.6")
    assert admin_login(client, "admin@example.org", PASSWORD).status_code == 302
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_many_e_mails_from_one_address_are_throttled(runner: User) -> None:
    client = Client(REMOTE_ADDR="203.0.113.7")
    for n in range(ratelimit.ADDRESS_LIMIT):
        response = client.post("/login/", {"email": f"guess{n}@example.org", "password": "x"})
        assert response.status_code == 400, n
    assert (
        client.post("/login/", {"email": "guess99@example.org", "password": "x"}).status_code == 429
    )
    assert client.post("/login/", RIGHT).status_code == 429, "the address is locked for any account"
    assert Client(REMOTE_ADDR="203.0.113.8").post("/login/", RIGHT).status_code == 302


@pytest.mark.django_db
def test_a_complete_login_clears_the_account_count(runner: User) -> None:
    client = Client(REMOTE_ADDR="10.0.0.7")
    for _ in range(ratelimit.ACCOUNT_LIMIT - 1):
        client.post("/login/", WRONG)
    assert client.post("/login/", RIGHT).status_code == 302
    client.post("/logout/")
    for _ in range(ratelimit.ACCOUNT_LIMIT - 1):
        assert client.post("/login/", WRONG).status_code == 400
    assert client.post("/login/", RIGHT).status_code == 302


@pytest.mark.django_db
def test_reset_mails_per_address_are_limited(runner: User) -> None:
    client = Client(REMOTE_ADDR="10.0.0.8")
    for _ in range(ratelimit.RESET_LIMIT):
        assert client.post("/password-reset/", {"email": "runner@example.org"}).status_code == 200
    response = Client(REMOTE_ADDR="10.0.0.9").post(
        "/password-reset/", {"email": "runner@example.org"}
    )
    assert response.status_code == 429
    assert "Too many password reset requests. Wait 15 minutes" in response.content.decode()
    assert len(mail.outbox) == ratelimit.RESET_LIMIT


@pytest.mark.django_db
def test_reset_requests_count_against_the_client_address(runner: User) -> None:
    client = Client(REMOTE_ADDR="198.51.100.1")
    for n in range(ratelimit.ADDRESS_LIMIT):
        client.post("/password-reset/", {"email": f"someone{n}@example.org"})
    assert client.post("/password-reset/", {"email": "runner@example.org"}).status_code == 429
    assert client.post("/login/", RIGHT).status_code == 429
    assert not mail.outbox


@pytest.mark.django_db
def test_a_locked_out_runner_can_reset_the_password_and_log_in_again(runner: User) -> None:
    lock_by_login("runner@example.org")
    client = Client(REMOTE_ADDR="10.0.0.10")
    assert client.post("/login/", RIGHT).status_code == 429
    assert client.post("/password-reset/", {"email": "runner@example.org"}).status_code == 200
    link = next(line for line in mail.outbox[0].body.splitlines() if "/password-reset/" in line)
    path = link.split("testserver", 1)[1]
    new = {"password": "another-good-one-2", "password2": "another-good-one-2"}
    assert client.post(path, new).status_code == 302
    assert (
        client.post(
            "/login/", {"email": "runner@example.org", "password": "another-good-one-2"}
        ).status_code
        == 302
    )


def code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


@pytest.fixture
def clinician(db: Any) -> Iterator[tuple[User, TOTPDevice]]:
    user = User.objects.create_user("physio@example.org", PASSWORD, role=Role.CLINICIAN)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    with override_settings(OTP_TOTP_THROTTLE_FACTOR=0):  # only Strideback's throttle here
        yield user, device


@pytest.mark.django_db
def test_wrong_codes_lock_the_code_step_and_the_account(clinician: tuple[User, TOTPDevice]) -> None:
    user, device = clinician
    client = Client(REMOTE_ADDR="10.0.0.11")
    assert client.post("/login/", {"email": user.email, "password": PASSWORD}).status_code == 302
    for _ in range(ratelimit.ACCOUNT_LIMIT):
        assert client.post("/clinic/verify/", {"code": "000000"}).status_code == 400
    response = client.post("/clinic/verify/", {"code": code(device)})
    assert response.status_code == 429
    assert "Too many wrong codes. Wait 15 minutes" in response.content.decode()
    assert client.get("/clinic/").status_code == 302, "still not past the code step"
    other = Client(REMOTE_ADDR="10.0.0.12")
    assert other.post("/login/", {"email": user.email, "password": PASSWORD}).status_code == 429


@pytest.mark.django_db
def test_the_password_alone_does_not_clear_a_clinicians_count(
    clinician: tuple[User, TOTPDevice],
) -> None:
    user, device = clinician
    client = Client(REMOTE_ADDR="10.0.0.13")
    client.post("/login/", {"email": user.email, "password": PASSWORD})
    for _ in range(ratelimit.ACCOUNT_LIMIT - 1):
        client.post("/clinic/verify/", {"code": "000000"})
    client.post("/logout/")
    client.post("/login/", {"email": user.email, "password": PASSWORD})
    client.post("/clinic/verify/", {"code": "000000"})
    assert client.post("/clinic/verify/", {"code": code(device)}).status_code == 429
    ratelimit.clear_account(user.email)
    assert client.post("/clinic/verify/", {"code": code(device)}).status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("da", "For mange forkerte forsøg"),
        ("de", "Zu viele falsche Versuche"),
        ("nb", "For mange feil forsøk"),
        ("en", "Too many wrong attempts"),
    ],
)
def test_the_429_page_speaks_the_runners_language(runner: User, lang: str, text: str) -> None:
    lock_by_login("runner@example.org")
    client = Client(REMOTE_ADDR="10.0.0.14", HTTP_ACCEPT_LANGUAGE=lang)
    page = client.post("/login/", RIGHT).content.decode()
    with translation.override(lang):
        heading = translation.gettext("Too many attempts")
    assert text in page and f"<h1>{heading}</h1>" in page
    assert lang == "en" or heading != "Too many attempts"


@pytest.mark.django_db
def test_the_count_lives_in_the_database_every_worker_reads(runner: User) -> None:
    lock_by_login("runner@example.org")
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM strideback_throttle")
        (rows,) = cursor.fetchone()
    assert rows >= ratelimit.ACCOUNT_LIMIT
    caches["default"].clear()  # a per-process cache holds nothing of it
    assert Client(REMOTE_ADDR="10.0.0.15").post("/login/", RIGHT).status_code == 429


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    pytest.importorskip("redis")
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("no redis-server on this machine")
    port = _free_port()
    proc = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.mark.django_db
def test_with_redis_configured_the_count_lives_in_redis(runner: User, redis_url: str) -> None:
    import redis

    throttle = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}
    with override_settings(
        CACHES={
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
            "throttle": throttle,
        }
    ):
        lock_by_login("runner@example.org")
        assert Client(REMOTE_ADDR="10.0.0.16").post("/login/", RIGHT).status_code == 429
        assert len(redis.Redis.from_url(redis_url).keys("*throttle*")) >= ratelimit.ACCOUNT_LIMIT


def test_the_settings_pick_redis_when_a_url_is_given() -> None:
    script = (
        "import os; os.environ['STRIDEBACK_REDIS_URL']='redis://cache:6379/1';"
        "os.environ['STRIDEBACK_SECRET_KEY']='k'*50;"
        "from strideback.web import settings as s; t=s.CACHES['throttle'];"
        "print(t['BACKEND'], t['LOCATION'])"
    )
    out = subprocess.run(
        [__import__("sys").executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["django.core.cache.backends.redis.RedisCache", "redis://cache:6379/1"]
