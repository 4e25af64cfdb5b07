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
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from django.db import IntegrityError, transaction
from django.db.models import F
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
        if path.suffix in (".py", ".yaml") and "__pycache__" not in path.parts:
            stat = path.stat()
            digest.update(
                f"{path.relative_to(root)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode()
            )
    return digest.hexdigest()[:16]


# --- invalidation ----------------------------------------------------------------------------


def bump(user_ids: Iterable[int]) -> None:
    """Make every kept answer of these runners stale (call inside the writing transaction)."""
    ids = sorted(set(user_ids))
    for first in range(0, len(ids), _CHUNK):
        chunk = ids[first : first + _CHUNK]
        Snapshot.objects.filter(user_id__in=chunk).update(generation=F("generation") + 1)


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
    """What an answer is kept for: its day, language and version, and the generation."""
    return f"{base}|{generation}|"


def current(key: str | None, base: str, generation: int | None) -> bool:
    return key is not None and generation is not None and key.startswith(f"{base}|{generation}|")


def today_base(on: date, lang: str) -> str:
    return f"today|{on.isoformat()}|{lang}|{version()}"


def today(user_id: int, on: date, lang: str, compute: Callable[[], str]) -> str:
    """Today's answer (JSON text) for the runner: kept, or computed now and kept if the
    runner's generation did not move meanwhile (a filtered update)."""
    base = today_base(on, lang)
    found = (
        Snapshot.objects.filter(user_id=user_id)
        .values_list("generation", "today_key", "today_body")
        .first()
    )
    if found is not None and current(found[1], base, found[0]):
        return str(found[2])
    if found is None:
        ensure([user_id])
        generation = _generations([user_id]).get(user_id, 0)
    else:
        generation = found[0]
    body = compute()
    Snapshot.objects.filter(user_id=user_id, generation=generation).update(
        today_key=stamp(base, generation), today_body=body
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


def rows(
    kept: dict[int, tuple[int | None, str | None, RowKeys | None]],
    on: date,
    compute: Callable[[list[int]], dict[int, RowAnswer]],
) -> dict[int, RowAnswer]:
    """Every runner's row. ``kept`` maps runner -> (generation, key, sort keys) as read with
    the list (``None``s: nothing kept yet). Current rows are read in one query; the others
    are computed together and kept."""
    base = row_base(on)
    out: dict[int, RowAnswer] = {}
    unread: dict[int, str] = {}
    stale: list[int] = []
    for uid, (generation, key, keys) in kept.items():
        if keys is None or key is None or not current(key, base, generation):
            stale.append(uid)
        else:
            unread[uid] = key
    if unread:
        for uid, key, body in _bodies(list(unread)):
            if key == unread[uid] and body is not None:  # not replaced since the list was read
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
    _keep_rows(keep)
    return fresh


def _keep_rows(items: Sequence[tuple[int, RowAnswer]]) -> None:
    """Each row is kept only if its runner's generation did not move since it was read
    (``kept_as``): a filtered update per runner, all in one transaction. (One CASE per column
    for a hundred runners at a time was five times the CPU: Django resolves every WHEN.)"""
    with transaction.atomic():
        for uid, answer in items:
            generation, key = answer.kept_as  # type: ignore[misc]
            Snapshot.objects.filter(user_id=uid, generation=generation).update(
                row_key=key,
                row_body=answer.body,
                row_urgency=answer.keys.urgency,
                row_last_entry=answer.keys.last_entry,
                row_worst=answer.keys.worst_pain_7d,
                row_week=answer.keys.week,
            )
