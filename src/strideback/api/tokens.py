"""Token state changes (create, revoke) and the lookup behind `Authorization: Bearer`.

Used by the tokens page and the tokens API alike; no request objects here.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.db.models.signals import post_save, pre_save
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from strideback.accounts.models import User
from strideback.api.models import TOKEN_PREFIX, ApiToken, hash_secret

NAME_MAX = 100
# Writing last_used_at on every request would turn each read into a write. The tokens page
# shows the day a token was last used, so once an hour is precise enough.
LAST_USED_PRECISION = dt.timedelta(hours=1)


class TokenNameError(ValueError):
    """The name is empty or too long; the message says which."""


def clean_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise TokenNameError("name: give the token a name, e.g. the app or script that uses it")
    if len(name) > NAME_MAX:
        raise TokenNameError(f"name: at most {NAME_MAX} characters")
    return name


def create_token(user: User, name: str) -> tuple[ApiToken, str]:
    """A new token; returns the row and the secret, which is never stored nor shown again."""
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=clean_name(name), key_hash=hash_secret(secret), hint=secret[:8]
    )
    return token, secret


def revoke_all(user: User, now: dt.datetime | None = None) -> int:
    """Revoke every token of the user (a new password: whoever had the old one may have made
    tokens); returns how many were still working."""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=now or timezone.now()
    )


def _password_before(sender: type[User], instance: User, **kwargs: object) -> None:
    fields = kwargs.get("update_fields")
    if instance.pk is None or (fields is not None and "password" not in fields):
        return
    stored = User.objects.filter(pk=instance.pk).values_list("password", flat=True).first()
    instance._password_changed = stored is not None and stored != instance.password  # type: ignore[attr-defined]


def _password_after(sender: type[User], instance: User, **kwargs: object) -> None:
    if getattr(instance, "_password_changed", False):
        instance._password_changed = False  # type: ignore[attr-defined]
        revoke_all(instance)


def connect() -> None:
    """A password set anywhere (the reset page, the admin, `manage changepassword`) revokes
    the account's API tokens, as it ends its other sessions."""
    pre_save.connect(_password_before, sender=User, dispatch_uid="tokens-password-before")
    post_save.connect(_password_after, sender=User, dispatch_uid="tokens-password-after")


def export_tokens(user: User) -> list[dict[str, object]]:
    """The user's tokens for the data export: names and dates (never a secret or its hash)."""
    return [
        {
            "name": t.name,
            "hint": t.hint,
            "created_at": t.created_at.isoformat(),
            "last_used_at": t.last_used_at.isoformat() if t.last_used_at else None,
            "revoked_at": t.revoked_at.isoformat() if t.revoked_at else None,
        }
        for t in ApiToken.objects.filter(user=user).order_by("id")
    ]


def user_tokens(user: User) -> list[ApiToken]:
    return list(ApiToken.objects.filter(user=user))


def revoke_token(user: User, token_id: int, now: dt.datetime | None = None) -> ApiToken | None:
    """Revoke one of the user's own tokens; None when the user has no such token."""
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().filter(user=user, pk=token_id).first()
        if token is None:
            return None
        if token.revoked_at is None:
            token.revoked_at = now or timezone.now()
            token.save(update_fields=["revoked_at"])
    return token


def user_for_secret(secret: str, now: dt.datetime | None = None) -> User | None:
    """The active user holding this secret, or None (unknown, revoked, or user deactivated).

    One query: the token with its user's row (``select_related``) and whether the user has a
    confirmed TOTP device (an ``Exists`` annotation: what a clinician's token needs, see
    ``api.auth.has_second_factor``). Nothing about the user is remembered between requests,
    so a rename, a new language or a deactivation shows on the next request."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    confirmed = TOTPDevice.objects.filter(user_id=OuterRef("user_id"), confirmed=True)
    token = (
        ApiToken.objects.select_related("user")
        .annotate(second_factor=Exists(confirmed))
        .filter(key_hash=hash_secret(secret), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    note_use(token, now or timezone.now())
    user = token.user
    user.token_second_factor = token.second_factor  # type: ignore[attr-defined]
    return user


def note_use(token: ApiToken, now: dt.datetime) -> None:
    """Note when a token was last used, at most once an hour: one filtered update, so two
    requests at the same moment write it once."""
    since = now - LAST_USED_PRECISION
    if token.last_used_at is not None and token.last_used_at >= since:
        return
    ApiToken.objects.filter(pk=token.pk).filter(
        Q(last_used_at__isnull=True) | Q(last_used_at__lt=since)
    ).update(last_used_at=now)
