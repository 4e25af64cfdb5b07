"""The run log: the runner's runs (logged by hand or from the watch), and the upload of a watch
file from the pages (the run log, Today, the phone's share sheet) through the same service
as ``POST /api/v1/journal/import`` (``run_import.import_file``), its outcome in words."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext

from strideback.accounts.models import User
from strideback.training.models import EntryKind, ImportedRun, JournalEntry
from strideback.training.run_import import Imported, import_file
from strideback.training.runfiles import FASTEST_RUN_KMH, MAX_BYTES, Refused, RunFileError

LOG_DAYS = 120


@dataclass(frozen=True)
class RunRow:
    date: dt.date
    minutes: float | None
    distance_km: float | None
    pace: str | None  # "5:42" per km
    source: str | None  # "gpx", "tcx", "fit"; None when logged by hand
    run_week: int | None
    run_day: int | None


def _pace(moving_s: int, distance_m: float) -> str | None:
    if distance_m < 100:
        return None
    seconds = round(moving_s / (distance_m / 1000))
    return f"{seconds // 60}:{seconds % 60:02d}"


def run_log(user: User, on: dt.date, days: int = LOG_DAYS) -> list[RunRow]:
    """The runs of the last ``days`` days, newest first; a watch run with its distance."""
    since = on - dt.timedelta(days=days - 1)
    entries = JournalEntry.objects.filter(
        user=user, kind=EntryKind.RUN, completed=True, date__gte=since, date__lte=on
    ).order_by("-date", "-id")
    watch = {r.entry_id: r for r in ImportedRun.objects.filter(user=user, entry__in=entries)}
    rows = []
    for e in entries:
        run = watch.get(e.pk)
        rows.append(
            RunRow(
                date=e.date,
                minutes=round(run.moving_s / 60, 1) if run else e.run_minutes,
                distance_km=round(run.distance_m / 1000, 2) if run else None,
                pace=_pace(run.moving_s, run.distance_m) if run else None,
                source=run.source if run else None,
                run_week=e.run_week,
                run_day=e.run_day,
            )
        )
    return rows


def _file_problem(exc: RunFileError) -> str:
    if exc.code == "empty":
        return gettext("The file is empty.")
    if exc.code == "too_big":
        return gettext("The file is larger than %(mb)s MB.") % {"mb": MAX_BYTES // (1024 * 1024)}
    if exc.code == "not_a_watch_file":
        return gettext("This is not a GPX, TCX or FIT file from a watch or running app.")
    if exc.code == "no_times":
        return gettext("This GPX file is a route without times, not a recorded run.")
    if exc.code == "no_activity":
        return gettext("The file holds no recorded activity.")
    return gettext("The file could not be read as %(format)s: it may be cut short or damaged.") % {
        "format": exc.format.upper() or "GPX, TCX or FIT"
    }


def _refusal(r: Refused) -> str:
    day = local_date_text(r.start)
    if r.code == "too_fast":
        return gettext(
            "The activity of %(day)s averages %(kmh)s km/h, faster than anyone runs "
            "(%(most)s km/h at most): it is not logged as a run."
        ) % {"day": day, "kmh": f"{r.kmh:.0f}", "most": f"{FASTEST_RUN_KMH:.0f}"}
    if r.code == "no_time":
        return gettext("An activity in the file has no start time or duration: not logged.")
    return gettext(
        "The activity of %(day)s is marked “%(sport)s” in the file, not a run: "
        "Strideback logs runs only."
    ) % {"day": day, "sport": r.sport}


def local_date_text(when: dt.datetime | None) -> str:
    if when is None:
        return "?"
    return timezone.localtime(when).date().isoformat()


@dataclass(frozen=True)
class Upload:
    """What the page says after an upload: ``ok`` (stored or already there) and lines."""

    ok: bool
    lines: list[str]


def upload(user: User, data: bytes, size: int | None = None) -> Upload:
    """Store the runs of an uploaded file, as the API does, and say what happened."""
    if size is not None and size > MAX_BYTES:
        return Upload(False, [_file_problem(RunFileError("too big", "too_big"))])
    try:
        result: Imported = import_file(user, data)
    except RunFileError as exc:
        return Upload(False, [_file_problem(exc)])
    lines = []
    for run in result.stored:
        lines.append(
            gettext("Run of %(day)s logged: %(minutes)s min, %(km)s km.")
            % {
                "day": run.entry.date.isoformat(),
                "minutes": f"{run.moving_s / 60:.0f}",
                "km": f"{run.distance_m / 1000:.2f}",
            }
        )
    for run in result.already:
        lines.append(
            gettext("The run of %(day)s is already there; it is not logged twice.")
            % {"day": run.entry.date.isoformat()}
        )
    lines += [_refusal(r) for r in result.refused]
    return Upload(bool(result.stored or result.already), lines)
