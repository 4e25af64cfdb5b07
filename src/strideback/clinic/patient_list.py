"""The patient list: one row per patient with its flags, sorted by who needs attention."""

from __future__ import annotations

import datetime as dt
import json
from collections import namedtuple
from collections.abc import Sequence
from typing import TypeVar

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q

from strideback.accounts.models import CareLink, CareLinkStatus, User
from strideback.clinic.flags import (
    PatientRow,
    Rows,
    flags_for,
    row_data,
    row_from_data,
)
from strideback.clinic.patients import ClinicError
from strideback.core.content.library import default_library
from strideback.training import convert, snapshots
from strideback.training.models import Enrollment, JournalEntry, RedFlagClearance

SORTS = ("attention", "name", "last_entry", "pain", "week")
# Entries the patient list reads back: flags look at most 14 days back, trends 14 days.
LIST_WINDOW_DAYS = 28


def patient_list(clinician: User, on: dt.date, *, sort: str = "attention") -> list[PatientRow]:
    """Every active patient with their flags, in a fixed number of queries (four)."""
    _check_sort(sort)
    # Plain tuples, not model instances: the flags read only these columns.
    runners = list(
        map(
            ListRunner._make,
            CareLink.objects.filter(
                clinician=clinician, status=CareLinkStatus.ACTIVE, runner__isnull=False
            ).values_list("runner_id", "runner__name", "runner__email", "runner__language"),
        )
    )
    return _sorted(_patient_rows(runners, on), sort)


def patient_list_json(
    clinician: User, on: dt.date, *, sort: str = "attention", attention_only: bool = False
) -> str:
    """``patient_list`` as the API's JSON text, from each runner's kept row where it is still
    current (``training.snapshots``): one query when nothing changed, and a fixed number more
    for the rows that did, however many patients."""
    _check_sort(sort)
    found = CareLink.objects.filter(
        clinician=clinician, status=CareLinkStatus.ACTIVE, runner__isnull=False
    ).values_list(
        "runner_id",
        "runner__name",
        "runner__email",
        "runner__language",
        *(f"runner__snapshot__{column}" for column in _KEPT_COLUMNS),
    )
    people: list[ListRunner] = []
    kept: dict[int, tuple[int | None, str | None, snapshots.RowKeys | None]] = {}
    for uid, name, email, language, generation, key, urgency, *keys in found:
        people.append(ListRunner(uid, name, email, language))
        sort_keys = snapshots.RowKeys(urgency, *keys) if urgency is not None else None
        kept[uid] = (generation, key, sort_keys)
    by_id = {person.pk: person for person in people}

    def compute(ids: list[int]) -> dict[int, snapshots.RowAnswer]:
        rows = _patient_rows([by_id[uid] for uid in ids], on)
        return {row.runner_id: _row_answer(row) for row in rows}

    answers = snapshots.rows(kept, on, compute)
    items = [
        ListItem(person.name or person.email, *answers[person.pk].keys, answers[person.pk].body)
        for person in people
    ]
    bodies = [item.body for item in _sorted(items, sort) if item.urgency or not attention_only]
    return "[" + ",".join(bodies) + "]"


def kept_patient_list(clinician: User, on: dt.date, *, sort: str = "attention") -> list[PatientRow]:
    """The patient-list page's rows: the same kept rows, in the same order, as the API's list
    (``patient_list_json``)."""
    return [row_from_data(data) for data in json.loads(patient_list_json(clinician, on, sort=sort))]


def _row_answer(row: PatientRow) -> snapshots.RowAnswer:
    body = json.dumps(
        row_data(row), cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":")
    )
    keys = snapshots.RowKeys(row.urgency, row.last_entry, row.worst_pain_7d, row.week)
    return snapshots.RowAnswer(body, keys)


# What the list reads of each runner's kept row (``training.snapshots``): not the texts.
_KEPT_COLUMNS = ("generation", "row_key", "row_urgency", "row_last_entry", "row_worst", "row_week")


# A kept row as the list sorts it (the attributes ``_sorted`` reads of a ``PatientRow``).
ListItem = namedtuple(
    "ListItem", ("display_name", "urgency", "last_entry", "worst_pain_7d", "week", "body")
)


def _check_sort(sort: str) -> None:
    if sort.lstrip("-") not in SORTS:
        raise ClinicError("sort", f"must be one of: {', '.join(SORTS)}")


def _patient_rows(runners: Sequence[ListRunner], on: dt.date) -> list[PatientRow]:
    """These runners' rows with their flags, in three queries however many they are."""
    runner_ids = [runner.pk for runner in runners]
    if not runner_ids:
        return []
    enrollments = list(
        Enrollment.objects.filter(user_id__in=runner_ids, active=True).only(*ENROLLMENT_COLUMNS)
    )
    since = on - dt.timedelta(days=LIST_WINDOW_DAYS)
    # The engine needs a run plan's whole history to know whether running is paused.
    run_ids = _run_plan_ids()
    history_from = min((e.start for e in enrollments if e.programme_id in run_ids), default=since)
    # The last weeks, plus any older red flag: a stop lasts until someone clears it. Only the
    # columns the flags and the engine read, as tuples; no ORDER BY (``Rows`` sorts them).
    entries = JournalEntry.objects.filter(user_id__in=runner_ids, date__lte=on).filter(
        Q(date__gte=min(since, history_from)) | ~Q(red_flags=[])
    )
    rows = Rows(
        enrollments=enrollments,
        entries=list(map(ListEntry._make, convert.row_tuples(entries.order_by(), "id", "user_id"))),
        clearances=list(RedFlagClearance.objects.filter(user_id__in=runner_ids)),
    )
    library = default_library()
    return [flags_for(runner, rows, library, on) for runner in runners]  # type: ignore[arg-type]


# A patient as the list reads them (``flags_for`` reads these four of a ``User``).
ListRunner = namedtuple("ListRunner", ("pk", "name", "email", "language"))
# An enrollment's columns that the flags and the engine read (``Rows``, ``split_enrollments``,
# ``limits_for``, ``convert.tracks``).
ENROLLMENT_COLUMNS = (
    "id",
    "user_id",
    "programme_id",
    "start",
    "active",
    "adjustments",
    "thresholds",
    # what the engine reads besides the journal (``convert.Track.engine_options``)
    "rule_set",
    "start_phase",
    "earlier_pain_free",
    "earlier_stated_by_id",
    "earlier_stated_at",
)
# A journal entry as the patient list reads it: the id (``pk``, as the flags' evidence names
# it), the runner, and the columns the engine reads.
ListEntry = namedtuple("ListEntry", ("pk", "user_id", *convert.ROW_FIELDS))  # type: ignore[misc]


_Row = TypeVar("_Row", PatientRow, ListItem)


def _run_plan_ids() -> set[str]:
    return {pid for pid, prog in default_library().programmes.items() if prog.kind == "run_plan"}


def _sorted(rows: list[_Row], sort: str) -> list[_Row]:
    reverse = sort.startswith("-")
    key = sort.lstrip("-")
    by_name = sorted(rows, key=lambda r: r.display_name.lower())
    if key == "name":
        return list(reversed(by_name)) if reverse else by_name
    if key == "attention":
        return sorted(by_name, key=lambda r: r.urgency, reverse=not reverse)
    if key == "last_entry":
        return sorted(by_name, key=lambda r: r.last_entry or dt.date.min, reverse=not reverse)
    if key == "pain":
        return sorted(
            by_name,
            key=lambda r: -1 if r.worst_pain_7d is None else r.worst_pain_7d,
            reverse=not reverse,
        )
    return sorted(by_name, key=lambda r: r.week or 0, reverse=not reverse)
