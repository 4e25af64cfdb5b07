"""Web Push end to end: a local push service that checks the VAPID signature and decrypts the
message with the subscription's own keys, as a browser's push service and browser would."""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from typing import Any
from zoneinfo import ZoneInfo

import http_ece
import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from django.core import mail
from django.core.management import call_command

from strideback.accounts.models import User
from strideback.training import push, reminders
from strideback.training.models import PushSubscription

MONDAY = dt.date(2026, 11, 23)


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class PushService:
    """One browser's subscription keys and a push endpoint that decrypts what it receives."""

    def __init__(self) -> None:
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.auth = os.urandom(16)
        self.received: list[dict[str, Any]] = []
        self.status = 201
        service = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers["Content-Length"]))
                service.receive(self.headers, body)
                self.send_response(service.status)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.endpoint = f"http://127.0.0.1:{self.server.server_port}/push/browser-1"

    @property
    def p256dh(self) -> str:
        raw = self.key.public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
        return b64(raw)

    def receive(self, headers: Any, body: bytes) -> None:
        assert headers["Content-Encoding"] == "aes128gcm"
        scheme, _, params = headers["Authorization"].partition(" ")
        fields = dict(p.strip().split("=", 1) for p in params.split(","))
        assert scheme == "vapid"
        claims = self.verified_claims(fields["t"], fields["k"])
        plain = http_ece.decrypt(body, private_key=self.key, auth_secret=self.auth)
        self.received.append({"claims": claims, "message": json.loads(plain)})

    def verified_claims(self, token: str, key: str) -> dict[str, Any]:
        """The VAPID JWT, its ES256 signature checked against the server's public key."""
        head, payload, signature = token.split(".")
        raw = unb64(signature)
        der = encode_dss_signature(int.from_bytes(raw[:32]), int.from_bytes(raw[32:]))
        public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), unb64(key))
        public.verify(der, f"{head}.{payload}".encode(), ec.ECDSA(hashes.SHA256()))
        claims: dict[str, Any] = json.loads(unb64(payload))
        return claims


@pytest.fixture
def service() -> Iterator[PushService]:
    found = PushService()
    yield found
    found.server.shutdown()


@pytest.fixture
def pushed(
    make_runner: Callable[..., User], enrolled: Callable[..., Any], service: PushService
) -> User:
    user = make_runner("laeufer@example.org", lang="de")
    enrolled(user, start=MONDAY)
    reminders.save_choices(user, True, "07:00", ["push"], time_zone="Europe/Berlin")
    push.subscribe(user, service.endpoint, service.p256dh, b64(service.auth))
    return user


def send(day: dt.date, hour: int) -> str:
    out = StringIO()
    moment = dt.datetime.combine(day, dt.time(hour), tzinfo=ZoneInfo("Europe/Berlin"))
    call_command("send_reminders", "--now", moment.isoformat(), stdout=out)
    return out.getvalue().strip()


def test_a_push_reminder_arrives_encrypted_for_the_browser_and_signed(
    pushed: User, service: PushService
) -> None:
    assert send(MONDAY, 7) == "Sent 1 reminder."
    (got,) = service.received
    message = got["message"]
    assert message["title"] == "Ihr Training heute"
    assert message["body"].startswith("Phase 1 · 6 Übungen · etwa")
    assert "/reminders/stop/" in message["stop_url"]
    assert message["stop_label"] == "Diese Erinnerungen abbestellen"
    assert got["claims"]["aud"] == service.endpoint.split("/push")[0]
    assert got["claims"]["sub"].startswith("mailto:")
    assert mail.outbox == []  # push only: no e-mail


def test_push_on_planned_days_only(pushed: User, service: PushService) -> None:
    assert send(MONDAY + dt.timedelta(days=1), 8) == "Sent 0 reminders."  # a rest day
    assert service.received == []


def test_a_subscription_the_push_service_says_is_gone_is_forgotten(
    pushed: User, service: PushService
) -> None:
    service.status = 410
    send(MONDAY, 7)
    assert not PushSubscription.objects.filter(user=pushed).exists()


def test_the_server_key_is_made_once_and_kept_in_the_data_folder(settings: Any) -> None:
    path = push._key_path()
    first = push.public_key()
    assert path.exists() and (path.stat().st_mode & 0o777) == 0o600
    push._vapid.cache_clear()
    assert push.public_key() == first and len(unb64(first)) == 65
