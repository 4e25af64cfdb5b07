"""When to ask: which questionnaires are due for a programme on a day.

Each programme names its questionnaires; a clinician may add or skip some for one patient.
They are asked at the start (the baseline), then every 4 weeks, and when the programme's
planned weeks are over (the issue's schedule, Strideback's own spacing). A questionnaire is
due when it has not been answered since the latest of those days. Questionnaires that measure
change by themselves (the GROC) are not asked at the start. Today shows at most one card a
week: nothing new comes due within 7 days of the runner's last answer. The card lists every
questionnaire due at one asking day, so the ones the runner has not answered yet stay on it
until they are answered (answering the first does not hide the rest for a week).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

EVERY_DAYS = 28
QUIET_DAYS = 7


def chosen(
    programme: Sequence[str], add: Iterable[str] = (), skip: Iterable[str] = ()
) -> list[str]:
    """The programme's questionnaires with a clinician's additions, less the skipped ones."""
    skipped = set(skip)
    out = [q for q in programme if q not in skipped]
    out += [q for q in add if q not in out and q not in skipped]
    return out


def latest_checkpoint(start: dt.date, end: dt.date | None, on: dt.date) -> dt.date | None:
    """The latest asking day on or before ``on``: the start, every 4 weeks, or the end."""
    if on < start:
        return None
    if end is not None and end <= on:
        return end
    return start + dt.timedelta(days=(on - start).days // EVERY_DAYS * EVERY_DAYS)


def due(
    ids: Sequence[str],
    start: dt.date,
    end: dt.date | None,
    on: dt.date,
    answered: Mapping[str, Sequence[dt.date]],
    not_at_baseline: Iterable[str] = (),
) -> list[str]:
    """The questionnaires of ``ids`` due on ``on`` (in order); ``answered`` holds the days each
    was answered (for this runner)."""
    checkpoint = latest_checkpoint(start, end, on)
    if checkpoint is None:
        return []
    last_any = max((d for days in answered.values() for d in days), default=None)
    card_open = last_any is not None and last_any >= checkpoint  # this asking day's card
    if last_any is not None and not card_open and (on - last_any).days < QUIET_DAYS:
        return []
    skip_now = set(not_at_baseline) if checkpoint == start else set()
    return [
        q
        for q in ids
        if q not in skip_now and not any(d >= checkpoint for d in answered.get(q, ()))
    ]
