"""Web Push: the server's VAPID key pair and sending one encrypted message to a browser.

The key pair is made on first use and kept in the data folder (``vapid_private.pem``, readable
only by the owner), so every app server sharing the folder signs with the same key and the
browsers' subscriptions stay valid across restarts. Messages are encrypted for the
subscription's keys (RFC 8291, ``aes128gcm``) by ``pywebpush``; a subscription the push
service says is gone (404/410) is deleted.
"""

from __future__ import annotations

import base64
import json
import os
from email.utils import parseaddr
from functools import cache
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from django.conf import settings
from py_vapid import Vapid
from pywebpush import WebPushException, webpush

from strideback.accounts.models import User
from strideback.training.models import PushSubscription

KEY_FILE = "vapid_private.pem"
TTL_SECONDS = 12 * 3600  # a reminder older than half a day is no use


def _key_path() -> Path:
    return Path(settings.DATA_DIR) / KEY_FILE


@cache
def _vapid() -> Vapid:
    path = _key_path()
    if not path.exists():
        fresh = Vapid()
        fresh.generate_keys()
        pem = fresh.private_pem()
        path.parent.mkdir(parents=True, exist_ok=True)
        try:  # O_EXCL: two servers starting at once keep the first one's key
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "wb") as out:
                out.write(pem)
    return Vapid.from_file(str(path))


def _contact() -> str:
    """Whom a push service may write to about this server: the sender address."""
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or "noreply@localhost"


def public_key() -> str:
    """The application server key a browser subscribes with (base64url, uncompressed point)."""
    raw = _vapid().public_key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def subscribe(user: User, endpoint: str, p256dh: str, auth: str) -> PushSubscription:
    """Store a browser's subscription for this user (again: its keys are renewed)."""
    sub, _ = PushSubscription.objects.update_or_create(
        user=user, endpoint=endpoint, defaults={"p256dh": p256dh, "auth": auth}
    )
    return sub


def send(user: User, message: dict[str, str]) -> int:
    """Push ``message`` (title, body, url, stop_url) to each of the user's browsers; returns
    how many took it."""
    delivered = 0
    data = json.dumps(message, ensure_ascii=False)
    for sub in PushSubscription.objects.filter(user=user):
        info = {"endpoint": sub.endpoint, "keys": {"p256dh": sub.p256dh, "auth": sub.auth}}
        try:
            webpush(
                info,
                data,
                vapid_private_key=_vapid(),
                vapid_claims={"sub": f"mailto:{_contact()}"},
                ttl=TTL_SECONDS,
                timeout=10,
            )
        except WebPushException as exc:
            status = getattr(exc.response, "status_code", None)
            if status in (404, 410):
                sub.delete()
            continue
        except OSError:  # the push service did not answer: try again with the next reminder
            continue
        delivered += 1
    return delivered
