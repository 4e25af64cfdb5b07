"""Answers computed from a runner's data, kept until that data changes.

Today (per language) and the runner's row in a clinician's patient list take the whole journal
through the engine; both are asked for far more often than the data behind them changes. So the
answer is kept in the runner's ``Snapshot`` row, stamped with what it was computed for:

- the runner's ``generation``, which goes up in the same transaction as every change to their
  data (``bump``, connected to saves and deletes of the models below), so any write makes every
  kept answer of that runner stale at once;
- the day (a new day is a new answer: weeks turn, sessions become due or missed);
- the language (Today holds sentences);
- the code and content ``version`` (an upgrade recomputes everything).

Never time-based: a red-flag stop served from a stale answer would be unsafe.

Race-free without locks: a reader reads the generation *before* reading the data it computes
from and stores its answer only ``WHERE generation`` is still the one it read. A write that
lands in between has bumped the generation, so the answer is dropped, not served. The row is
created (``ensure``) before anything is computed, so there is always a row for a write to
bump.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from django.db import IntegrityError, connection, transaction
from django.db.models.signals import post_delete, post_save

from strideback.training.models import Snapshot

# Bump when the shape of a kept answer changes without any file of the package changing.
FORMAT = 1
_CHUNK = 400  # rows per statement: well under every backend's limit on parameters


@cache
def version() -> str:
    """The code and content version: any change to a module or a content file of the installed
    package (an upgrade, an edit in a development checkout) gives a new one."""
    import strideback

    root = Path(strideback.__file__).parent
    digest = hashlib.sha256(f"format {FORMAT}\n".encode())
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".so", ".yaml") and "__pycache__" not in path.parts:
            stat = path.stat()
            digest.update(
                f"{path.relative_to(root)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode()
            )
    return digest.hexdigest()[:16]


def _table() -> str:
    return connection.ops.quote_name(Snapshot._meta.db_table)


# --- invalidation ----------------------------------------------------------------------------


def bump(user_ids: Iterable[int]) -> None:
    """Make every kept answer of these runners stale (call inside the writing transaction)."""
    ids = sorted(set(user_ids))
    for first in range(0, len(ids), _CHUNK):
        chunk = ids[first : first + _CHUNK]
        marks = ", ".join(["%s"] * len(chunk))
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {_table()} SET generation = generation + 1 WHERE user_id IN ({marks})",
                chunk,
            )


def _bump_owner(sender: type, instance: Any, **kwargs: Any) -> None:
    bump([instance.user_id])


def _bump_user(sender: type, instance: Any, **kwargs: Any) -> None:
    bump([instance.pk])


def connect() -> None:
    """Bump on every save and delete of what the kept answers are computed from."""
    from django.contrib.auth import get_user_model

    from strideback.training.models import Enrollment, JournalEntry, Profile, RedFlagClearance

    for model in (JournalEntry, Enrollment, RedFlagClearance, Profile):
        post_save.connect(_bump_owner, sender=model, dispatch_uid=f"snapshot-{model.__name__}")
        post_delete.connect(
            _bump_owner, sender=model, dispatch_uid=f"snapshot-del-{model.__name__}"
        )
    # Name, e-mail and language are in the answers. (A deleted user's row goes with the user.)
    post_save.connect(_bump_user, sender=get_user_model(), dispatch_uid="snapshot-user")


# --- reading and keeping ---------------------------------------------------------------------


def ensure(user_ids: Sequence[int]) -> None:
    """A row for each runner, so that a write from now on has a generation to bump."""
    try:
        with transaction.atomic():
            Snapshot.objects.bulk_create(
                [Snapshot(user_id=uid) for uid in user_ids],
                ignore_conflicts=True,
                batch_size=_CHUNK,
            )
    except IntegrityError:  # a runner deleted meanwhile: nothing to keep for them
        pass


def stamp(base: str, generation: int) -> str:
    """What an answer is kept for, plus a nonce: the same answer computed twice (by two
    processes, or in two test databases that reuse ids) never shares a memory entry."""
    return f"{base}|{generation}|{secrets.token_hex(4)}"


def current(key: str | None, base: str, generation: int | None) -> bool:
    return key is not None and generation is not None and key.startswith(f"{base}|{generation}|")


def today_base(on: date, lang: str) -> str:
    return f"today|{on.isoformat()}|{lang}|{version()}"


# A runner's row as (generation, today_key, today_body); Nones when there is no row yet.
KeptToday = tuple[int | None, str | None, str | None]


def today(
    user_id: int,
    on: date,
    lang: str,
    compute: Callable[[], str],
    read: KeptToday | None = None,
) -> str:
    """Today's answer (JSON text) for the runner: kept, or computed now and kept. ``read``: the
    row as the caller already read it (``api.tokens.user_for_secret(with_today=True)``), before
    anything of this request was computed, which is all the race protection below needs."""
    base = today_base(on, lang)
    if read is not None:
        found = read if read[0] is not None else None
    else:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT generation, today_key, today_body FROM {_table()} WHERE user_id = %s",
                [user_id],
            )
            found = cursor.fetchone()
    if found is not None and current(found[1], base, found[0]):
        return str(found[2])
    if found is None:
        ensure([user_id])
        generation = _generations([user_id]).get(user_id, 0)
    else:
        generation = int(found[0])
    body = compute()
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {_table()} SET today_key = %s, today_body = %s "
            "WHERE user_id = %s AND generation = %s",
            [stamp(base, generation), body, user_id, generation],
        )
    return body


def _generations(user_ids: Sequence[int]) -> dict[int, int]:
    found: dict[int, int] = {}
    for first in range(0, len(user_ids), _CHUNK):
        chunk = list(user_ids[first : first + _CHUNK])
        found.update(
            Snapshot.objects.filter(user_id__in=chunk).values_list("user_id", "generation")
        )
    return found


class RowKeys(NamedTuple):
    """What the patient list sorts by, kept beside a row's JSON text."""

    urgency: int
    last_entry: date | None
    worst_pain_7d: int | None
    week: int | None


class RowAnswer(NamedTuple):
    """A runner's row in the patient list: its JSON text, the keys the list sorts by, and the
    (generation, key) it is kept under (None: computed but not kept)."""

    body: str
    keys: RowKeys
    kept_as: tuple[int, str] | None = None


def row_base(on: date) -> str:
    return f"row|{on.isoformat()}|{version()}"


# Row texts this process has read or computed, by (runner, stamp). Served only when the
# database says that stamp is still the runner's current one, so it is never stale; it saves
# reading ~1 KB per patient per list.
_MEMORY: dict[tuple[int, str], str] = {}
_MEMORY_SIZE = 50_000


def _remember(uid: int, key: str, body: str) -> None:
    if len(_MEMORY) >= _MEMORY_SIZE:
        _MEMORY.clear()
    _MEMORY[(uid, key)] = body


def rows(
    kept: dict[int, tuple[int | None, str | None, RowKeys | None]],
    on: date,
    compute: Callable[[list[int]], dict[int, RowAnswer]],
) -> dict[int, RowAnswer]:
    """Every runner's row. ``kept`` maps runner -> (generation, key, sort keys) as read with
    the list (``None``s: nothing kept yet). Current rows come from memory or, in one query,
    from the database; the others are computed together and kept."""
    base = row_base(on)
    out: dict[int, RowAnswer] = {}
    unread: dict[int, str] = {}
    stale: list[int] = []
    for uid, (generation, key, keys) in kept.items():
        if keys is None or key is None or not current(key, base, generation):
            stale.append(uid)
        elif (body := _MEMORY.get((uid, key))) is not None:
            out[uid] = RowAnswer(body, keys, (generation, key))  # type: ignore[arg-type]
        else:
            unread[uid] = key
    if unread:
        for uid, key, body in _bodies(list(unread)):
            if key == unread[uid] and body is not None:  # not replaced since the list was read
                _remember(uid, key, body)
                generation, _, keys = kept[uid]
                out[uid] = RowAnswer(body, keys, (generation, key))  # type: ignore[arg-type]
        stale += [uid for uid in unread if uid not in out]
    if stale:
        out.update(_fresh_rows(stale, base, compute))
    return out


def _bodies(user_ids: Sequence[int]) -> list[tuple[int, str, str | None]]:
    found: list[tuple[int, str, str | None]] = []
    for first in range(0, len(user_ids), _CHUNK):
        chunk = list(user_ids[first : first + _CHUNK])
        found += Snapshot.objects.filter(user_id__in=chunk).values_list(
            "user_id", "row_key", "row_body"
        )
    return found


def _fresh_rows(
    stale: list[int], base: str, compute: Callable[[list[int]], dict[int, RowAnswer]]
) -> dict[int, RowAnswer]:
    # Rows first (for runners who have none yet), then their generations, then the data:
    # the same few statements for one stale runner or two hundred.
    ensure(stale)
    generations = _generations(stale)
    fresh = compute(stale)
    keep = []
    for uid in stale:
        if uid in generations and uid in fresh:
            key = stamp(base, generations[uid])
            fresh[uid] = fresh[uid]._replace(kept_as=(generations[uid], key))
            keep.append((uid, fresh[uid]))
            _remember(uid, key, fresh[uid].body)
    _keep_rows(keep)
    return fresh


def _keep_rows(items: Sequence[tuple[int, RowAnswer]]) -> None:
    """One statement per chunk: each row is kept only if its generation did not move since
    it was read (``kept_as``)."""
    columns = ("row_key", "row_body", "row_urgency", "row_last_entry", "row_worst", "row_week")
    for first in range(0, len(items), _CHUNK):
        chunk = items[first : first + _CHUNK]
        params: list[object] = []
        sets = []
        for position, column in enumerate(columns):
            cases = []
            for uid, answer in chunk:
                key = answer.kept_as[1]  # type: ignore[index]
                value = (key, answer.body, *answer.keys)[position]
                cases.append("WHEN %s THEN %s")
                params += [uid, value]
            sets.append(f"{column} = CASE user_id {' '.join(cases)} ELSE {column} END")
        conditions = " OR ".join(["(user_id = %s AND generation = %s)"] * len(chunk))
        for uid, answer in chunk:
            params += [uid, answer.kept_as[0]]  # type: ignore[index]
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {_table()} SET {', '.join(sets)} WHERE {conditions}", params)
