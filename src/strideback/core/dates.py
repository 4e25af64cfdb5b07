"""Which days Strideback takes for a journal entry and for a prescribed programme's start: one
rule each, used by the JSON API, the pages and the command line alike."""

from __future__ import annotations

import datetime as dt

# A phone in a time zone ahead of the server's may log "today" a day early.
ENTRY_SLACK = dt.timedelta(days=1)
# Without a programme to date from, an entry may go back this far.
ENTRY_PAST = dt.timedelta(days=366)
# A clinician may date a programme's start back (the runner began it already) or ahead.
START_WINDOW = dt.timedelta(days=366)


def entry_date_problem(day: dt.date, *, start: dt.date | None, today: dt.date) -> str | None:
    """What is wrong with ``day`` as a journal entry's date, or None: it may not be before the
    runner's first programme start (``start``; without one, not more than a year back) nor
    after tomorrow."""
    if day > today + ENTRY_SLACK:
        return "is in the future: log a session on or after the day it happened"
    if start is not None and day < start:
        return f"is before the programme's start ({start.isoformat()})"
    if start is None and day < today - ENTRY_PAST:
        return "is more than a year ago"
    return None


def start_date_problem(start: dt.date, *, today: dt.date) -> str | None:
    """What is wrong with ``start`` as a prescribed programme's start, or None: within a year
    of ``today``, back or ahead."""
    if abs(start - today) > START_WINDOW:
        return f"must be within a year of today ({today.isoformat()})"
    return None
