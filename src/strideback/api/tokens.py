"""Token state changes (create, revoke) and the lookup behind `Authorization: Bearer`.

Used by the tokens page and the tokens API alike; no request objects here.
"""

from __future__ import annotations

import datetime as dt
import secrets
from functools import cache

from django.db import connection, transaction
from django.utils import timezone

from strideback.accounts.models import User
from strideback.api.models import TOKEN_PREFIX, ApiToken, hash_secret

NAME_MAX = 100
# Writing last_used_at on every request would turn each read into a write; once a minute is
# precise enough to tell a user which token is still in use.
LAST_USED_PRECISION = dt.timedelta(minutes=1)


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

    One hand-written query: this runs for every API request, and building the equivalent ORM
    query (a join, a filter, an ordering) cost more than running it."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    now = now or timezone.now()
    used_before = connection.ops.adapt_datetimefield_value(now - LAST_USED_PRECISION)
    found = list(User.objects.raw(_token_sql(), [used_before, hash_secret(secret)]))
    if not found or not found[0].is_active:
        return None
    user = found[0]
    if user.token_use_is_old:  # type: ignore[attr-defined]
        ApiToken.objects.filter(pk=user.token_id).update(last_used_at=now)  # type: ignore[attr-defined]
    return user


@cache
def _token_sql() -> str:
    quote = connection.ops.quote_name
    token, user = quote(ApiToken._meta.db_table), quote(User._meta.db_table)
    return (
        f"SELECT u.*, t.id AS token_id, "
        f"CASE WHEN t.last_used_at IS NULL OR t.last_used_at < %s THEN 1 ELSE 0 END "
        f"AS token_use_is_old "
        f"FROM {token} t JOIN {user} u ON u.id = t.user_id "
        f"WHERE t.key_hash = %s AND t.revoked_at IS NULL"
    )
