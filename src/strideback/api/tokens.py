"""Token state changes (create, revoke) and the lookup behind `Authorization: Bearer`.

Used by the tokens page and the tokens API alike; no request objects here.
"""

from __future__ import annotations

import copy
import datetime as dt
import secrets
from functools import cache

from django.db import connection, transaction
from django.utils import timezone

from strideback.accounts.models import User
from strideback.api.models import TOKEN_PREFIX, ApiToken, hash_secret
from strideback.training import snapshots

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

    This runs for every API request, so: one hand-written query for the token (building the
    ORM's version cost more than running it), which also reads the user's generation
    (``training.snapshots``: it goes up with every save of the user). The user's row is read
    again only when that generation moved since this process last read it."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    now = now or timezone.now()
    used_before = connection.ops.adapt_datetimefield_value(now - LAST_USED_PRECISION)
    with connection.cursor() as cursor:
        cursor.execute(_token_sql(), [used_before, True, hash_secret(secret)])
        found = cursor.fetchone()
    if found is None:
        return None
    token_id, user_id, use_is_old, nonce, generation, second_factor = found
    user = _user(user_id, (nonce, generation) if nonce is not None else None)
    if user is None or not user.is_active:
        return None
    if use_is_old:
        _note_use(token_id, now)
    # Whether the user has a confirmed TOTP device, read with the token: what a clinician's
    # token needs (``api.auth.has_second_factor``), without another query.
    user.token_second_factor = bool(second_factor)  # type: ignore[attr-defined]
    return user


def _note_use(token_id: int, now: dt.datetime) -> None:
    """Note when a token was last used. On PostgreSQL without waiting for the commit to reach
    the disk: a crash can lose at most this timestamp, and the request need not wait."""
    params = [connection.ops.adapt_datetimefield_value(now), token_id]
    if connection.vendor != "postgresql":  # one statement, committed on its own
        with connection.cursor() as cursor:
            cursor.execute(_used_sql(), params)
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit TO OFF")
        cursor.execute(_used_sql(), params)


# Users as this process last read them, with the (snapshot row nonce, generation) they were
# read at. Handed out as copies, so nothing a request changes on its user object leaks into
# the next request.
_USERS: dict[int, tuple[tuple[str, int], User]] = {}
_USERS_SIZE = 10_000


def _user(user_id: int, generation: tuple[str, int] | None) -> User | None:
    if generation is not None:
        known = _USERS.get(user_id)
        if known is not None and known[0] == generation:
            return copy.copy(known[1])
    if generation is None:
        # No snapshot row yet (a clinician, or a runner who never asked for Today): make one,
        # so that from the next request on this user's generation is known and the copy kept.
        snapshots.ensure([user_id])
    user = User.objects.filter(pk=user_id).first()
    if user is not None and generation is not None:
        if len(_USERS) >= _USERS_SIZE:
            _USERS.clear()
        _USERS[user_id] = (generation, copy.copy(user))
    return user


@cache
def _token_sql() -> str:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from strideback.training.models import Snapshot

    quote = connection.ops.quote_name
    token, kept = quote(ApiToken._meta.db_table), quote(Snapshot._meta.db_table)
    totp = quote(TOTPDevice._meta.db_table)
    return (
        "SELECT t.id, t.user_id, "
        "CASE WHEN t.last_used_at IS NULL OR t.last_used_at < %s THEN 1 ELSE 0 END, "
        "s.nonce, s.generation, "
        f"CASE WHEN EXISTS (SELECT 1 FROM {totp} d WHERE d.user_id = t.user_id "
        "AND d.confirmed = %s) THEN 1 ELSE 0 END "
        f"FROM {token} t LEFT JOIN {kept} s ON s.user_id = t.user_id "
        "WHERE t.key_hash = %s AND t.revoked_at IS NULL"
    )


@cache
def _used_sql() -> str:
    token = connection.ops.quote_name(ApiToken._meta.db_table)
    return f"UPDATE {token} SET last_used_at = %s WHERE id = %s"
