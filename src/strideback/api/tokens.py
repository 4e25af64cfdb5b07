"""Token state changes (create, revoke) and the lookup behind `Authorization: Bearer`.

Used by the tokens page and the tokens API alike; no request objects here.
"""

from __future__ import annotations

import datetime as dt
import secrets
from functools import cache
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

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


def user_for_secret(
    secret: str, now: dt.datetime | None = None, *, with_today: bool = False
) -> User | None:
    """The active user holding this secret, or None (unknown, revoked, or user deactivated).

    This runs for every API request, so it is one hand-written query (building the ORM's
    version cost more than running it) that reads the token, its user's row and whether the
    user has a confirmed TOTP device. Nothing about the user is remembered between requests, so
    a rename, a new language or a deactivation shows on the next request.

    ``with_today``: also read the user's kept Today (``training.snapshots.today``), as
    ``user.kept_today``, for ``GET /me/today``: one query for the whole request."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    now = now or timezone.now()
    used_before = connection.ops.adapt_datetimefield_value(now - LAST_USED_PRECISION)
    with connection.cursor() as cursor:
        cursor.execute(_token_sql(with_today), [used_before, True, hash_secret(secret)])
        found = cursor.fetchone()
    if found is None:
        return None
    token_id, use_is_old, second_factor, *row = found
    kept = None
    if with_today:
        row, kept = row[:-3], row[-3:]
    user = User.from_db(connection.alias, _user_fields(), _converted(row))
    if kept is not None:
        user.kept_today = tuple(kept)  # type: ignore[attr-defined]
    if not user.is_active:
        return None
    if use_is_old:
        _note_use(token_id, now)
    # Whether the user has a confirmed TOTP device, read with the token: what a clinician's
    # token needs (``api.auth.has_second_factor``), without another query.
    user.token_second_factor = bool(second_factor)  # type: ignore[attr-defined]
    return user


@cache
def _user_fields() -> list[str]:
    return [field.attname for field in User._meta.concrete_fields]


def _converted(row: list[object]) -> list[object]:
    """The user's columns as the ORM would give them (SQLite returns booleans as 0 and 1 and
    datetimes as text): each column through the converters the ORM's compiler applies
    (``SQLCompiler.get_converters``), called as the compiler calls them."""
    out = []
    for (column, converters), value in zip(_converters(), row, strict=True):
        for convert in converters:
            value = convert(value, column, connection)
        out.append(value)
    return out


@cache
def _converters() -> list[tuple[Any, list[Any]]]:
    out = []
    for field in User._meta.concrete_fields:
        column = field.get_col(User._meta.db_table)
        converters = [
            *connection.ops.get_db_converters(column),
            *column.get_db_converters(connection),
        ]
        out.append((column, converters))
    return out


def _note_use(token_id: int, now: dt.datetime) -> None:
    """Note when a token was last used: one statement, committed on its own. On PostgreSQL,
    outside a transaction, without waiting for the commit to reach the disk: a crash can lose
    at most this timestamp, and the request need not wait. (``set_config(..., true)`` lasts
    until the end of the statement's own transaction; inside a caller's transaction it would
    last until that one's end and cover its writes too, so there the update waits.)"""
    quick = connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute(_used_sql(quick), [connection.ops.adapt_datetimefield_value(now), token_id])


@cache
def _token_sql(with_today: bool) -> str:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from strideback.training.models import Snapshot

    quote = connection.ops.quote_name
    token, users = quote(ApiToken._meta.db_table), quote(User._meta.db_table)
    totp = quote(TOTPDevice._meta.db_table)
    columns = ", ".join(f"u.{quote(field.column)}" for field in User._meta.concrete_fields)
    kept, join = "", ""
    if with_today:
        kept = ", s.generation, s.today_key, s.today_body"
        join = f" LEFT JOIN {quote(Snapshot._meta.db_table)} s ON s.user_id = t.user_id"
    return (
        "SELECT t.id, "
        "CASE WHEN t.last_used_at IS NULL OR t.last_used_at < %s THEN 1 ELSE 0 END, "
        f"CASE WHEN EXISTS (SELECT 1 FROM {totp} d WHERE d.user_id = t.user_id "
        f"AND d.confirmed = %s) THEN 1 ELSE 0 END, {columns}{kept} "
        f"FROM {token} t JOIN {users} u ON u.id = t.user_id{join} "
        "WHERE t.key_hash = %s AND t.revoked_at IS NULL"
    )


@cache
def _used_sql(quick: bool) -> str:
    token = connection.ops.quote_name(ApiToken._meta.db_table)
    sql = f"UPDATE {token} SET last_used_at = %s WHERE id = %s"
    if quick:
        sql += " AND set_config('synchronous_commit', 'off', true) IS NOT NULL"
    return sql
