"""The clinician's state changes and the patient list: one function each, used by the pages
and the JSON API alike.

Access is checked here, not only in views: ``patient`` raises ``NotYourPatient`` (a 404) for
any runner who is not the clinician's active patient, so a forgotten check in a view cannot
leak another clinic's data. Problems with the input raise ``ClinicError`` naming the field.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import namedtuple
from collections.abc import Mapping, Sequence
from typing import TypeVar

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.http import Http404

from strideback.accounts.models import Role, User
from strideback.clinic.flags import (
    Flag,
    FlagCode,
    PatientRow,
    Rows,
    flags_for,
    limits_for,
    row_data,
)
from strideback.clinic.models import CareLink, CareLinkStatus, ClinicalNote, ClinicianProfile
from strideback.core.content.adjust import AdjustmentError, apply_adjustments
from strideback.core.content.library import Library, default_library
from strideback.core.content.models import Programme
from strideback.core.engine.thresholds import ThresholdError, Thresholds, thresholds_for
from strideback.core.languages import LANGUAGES, Lang
from strideback.training import convert, snapshots
from strideback.training.models import Enrollment, JournalEntry, RedFlagClearance

__all__ = [
    "ClinicError",
    "Flag",
    "FlagCode",
    "NotYourPatient",
    "PatientRow",
    "SORTS",
    "add_note",
    "adjust",
    "clear_red_flag",
    "create_clinician",
    "handout_pdf",
    "invite",
    "patient",
    "patient_list",
    "patient_list_json",
    "prescribe",
    "stop_sharing",
    "update_profile",
]

SORTS = ("attention", "name", "last_entry", "pain", "week")
# Entries the patient list reads back: flags look at most 14 days back, trends 14 days.
LIST_WINDOW_DAYS = 28


class ClinicError(ValueError):
    """Bad input from a clinician; ``field`` names the form or API field."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


class NotYourPatient(Http404):
    """The runner does not exist or is not this clinician's active patient."""


# --- people and links -------------------------------------------------------------------


def create_clinician(
    email: str,
    password: str | None,
    *,
    name: str = "",
    clinic_name: str = "",
    clinic_phone: str = "",
    language: str = "en",
) -> User:
    """A clinician account with its clinic profile (also `strideback manage createclinician`)."""
    if User.objects.filter(email__iexact=email).exists():
        raise ClinicError("email", f"an account for {email} already exists")
    with transaction.atomic():
        user = User.objects.create_user(
            email, password, name=name, role=Role.CLINICIAN, language=language
        )
        ClinicianProfile.objects.create(
            user=user, clinic_name=clinic_name, clinic_phone=clinic_phone
        )
    return user


def profile(clinician: User) -> ClinicianProfile:
    found, _ = ClinicianProfile.objects.get_or_create(user=clinician)
    return found


def update_profile(
    clinician: User, *, clinic_name: str, clinic_phone: str, clinic_address: str = ""
) -> ClinicianProfile:
    found = profile(clinician)
    found.clinic_name = clinic_name.strip()
    found.clinic_phone = clinic_phone.strip()
    found.clinic_address = clinic_address.strip()
    found.save()
    return found


def _require_clinician(user: User) -> None:
    if not user.is_clinician:
        raise PermissionError("only clinicians may do this")


def invite(clinician: User, email: str = "", *, now: dt.datetime) -> CareLink:
    """A new invitation; the runner accepts it at ``/invite/<token>`` (accounts.services)."""
    _require_clinician(clinician)
    email = email.strip().lower()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise ClinicError("email", "must be an e-mail address") from None
    return CareLink.objects.create(clinician=clinician, invited_email=email, created_at=now)


def stop_sharing(user: User, other_id: int, *, now: dt.datetime) -> CareLink:
    """End an active link; either side may: a runner names the clinician, a clinician the runner.

    Afterwards the clinician sees nothing of the runner (the runner's data stays theirs).
    """
    links = CareLink.objects.filter(status=CareLinkStatus.ACTIVE)
    if user.is_clinician:
        link = links.filter(clinician=user, runner_id=other_id).first()
    else:
        link = links.filter(runner=user, clinician_id=other_id).first()
    if link is None:
        raise NotYourPatient("no active link")
    link.status = CareLinkStatus.STOPPED
    link.stopped_at = now
    link.save(update_fields=["status", "stopped_at"])
    return link


def patient(clinician: User, runner_id: int) -> User:
    """The runner, if they are this clinician's active patient; else ``NotYourPatient``."""
    link = (
        CareLink.objects.select_related("runner")
        .filter(clinician=clinician, runner_id=runner_id, status=CareLinkStatus.ACTIVE)
        .first()
    )
    if link is None or link.runner is None or not clinician.is_clinician:
        raise NotYourPatient("not your patient")
    return link.runner


def pending_invites(clinician: User) -> list[CareLink]:
    return list(
        CareLink.objects.filter(clinician=clinician, status=CareLinkStatus.INVITED).order_by(
            "-created_at"
        )
    )


# --- prescriptions ----------------------------------------------------------------------


def _library() -> Library:
    return default_library()


def _programme(library: Library, programme_id: str) -> Programme:
    if programme_id not in library.programmes:
        valid = ", ".join(sorted(library.programmes))
        raise ClinicError("programme", f"unknown programme '{programme_id}' (choose: {valid})")
    return library.programme(programme_id)


def _check_adjustments(
    library: Library, programme: Programme, adjustments: Sequence[object]
) -> list[object]:
    try:
        apply_adjustments(programme, adjustments, library)
    except AdjustmentError as exc:
        raise ClinicError(
            f"adjustments[{exc.index}]{'.' + exc.field if exc.field else ''}", exc.message
        ) from None
    return [_plain_json(a) for a in adjustments]


def _plain_json(adjustment: object) -> object:
    dump = getattr(adjustment, "model_dump", None)
    return dump(mode="json", exclude_none=True) if dump is not None else adjustment


def _check_thresholds(programme: Programme, thresholds: Mapping[str, object]) -> dict[str, object]:
    try:
        thresholds_for(programme).with_overrides(thresholds)
    except ThresholdError as exc:
        first = exc.problems[0]
        raise ClinicError(f"thresholds.{first.split(':')[0]}", first.split(": ", 1)[1]) from None
    return dict(thresholds)


def prescriptions(runner: User) -> list[Enrollment]:
    """The runner's active programmes a clinician adjusts: the exercise programmes, newest
    first (the latest start, then the latest made), or, without one, the run plan."""
    enrollments = list(
        Enrollment.objects.filter(user=runner, active=True).order_by("-start", "-id")
    )
    library = _library()
    exercises = [
        e
        for e in enrollments
        if (prog := library.programmes.get(e.programme_id)) is not None and prog.kind == "exercises"
    ]
    return exercises or enrollments[:1]


def active_prescription(runner: User, enrollment_id: int | None = None) -> Enrollment | None:
    """The runner's active exercise programme (or, without one, their run plan): the one with
    ``enrollment_id`` when given (ClinicError when it is not one of theirs), else the newest,
    the same one the patient list shows."""
    found = prescriptions(runner)
    if enrollment_id is None:
        return found[0] if found else None
    for enrollment in found:
        if enrollment.pk == enrollment_id:
            return enrollment
    raise ClinicError("enrollment", "not one of this patient's active programmes")


def prescribe(
    clinician: User,
    runner: User,
    programme_id: str,
    start: dt.date,
    *,
    adjustments: Sequence[object] = (),
    thresholds: Mapping[str, object] | None = None,
    note: str = "",
    now: dt.datetime,
) -> Enrollment:
    """Put the patient on a library programme from ``start``; it replaces any active programme
    of the same kind (exercises or run plan). Adjustments and thresholds are validated first."""
    patient(clinician, runner.pk)
    library = _library()
    programme = _programme(library, programme_id)
    checked = _check_adjustments(library, programme, adjustments)
    overrides = _check_thresholds(programme, thresholds or {})
    same_kind = [pid for pid, prog in library.programmes.items() if prog.kind == programme.kind]
    with transaction.atomic():
        Enrollment.objects.filter(user=runner, active=True, programme_id__in=same_kind).update(
            active=False
        )
        snapshots.bump([runner.pk])  # a queryset update sends no signal
        return Enrollment.objects.create(
            user=runner,
            programme_id=programme_id,
            start=start,
            prescribed_by=clinician,
            adjustments=checked,
            thresholds=overrides,
            note_to_runner=note.strip(),
            created_at=now,
        )


def adjust(
    clinician: User,
    runner: User,
    *,
    enrollment_id: int | None = None,
    adjustments: Sequence[object] | None = None,
    thresholds: Mapping[str, object] | None = None,
    note: str | None = None,
) -> Enrollment:
    """Replace the adjustment list, the threshold overrides and/or the note of the patient's
    active programme (the given ones only). Everything is validated before anything is saved."""
    patient(clinician, runner.pk)
    enrollments = Enrollment.objects.filter(user=runner, active=True)
    enrollment = (
        enrollments.filter(pk=enrollment_id).first()
        if enrollment_id is not None
        else active_prescription(runner)
    )
    if enrollment is None:
        raise ClinicError("enrollment", "the patient has no active programme")
    library = _library()
    programme = _programme(library, enrollment.programme_id)
    if adjustments is not None:
        enrollment.adjustments = _check_adjustments(library, programme, adjustments)
    if thresholds is not None:
        enrollment.thresholds = _check_thresholds(programme, thresholds)
    if note is not None:
        enrollment.note_to_runner = note.strip()
    enrollment.prescribed_by = clinician
    enrollment.save()
    return enrollment


def prescribed_programme(enrollment: Enrollment, library: Library | None = None) -> Programme:
    """The library programme with the enrollment's adjustments applied."""
    library = library or _library()
    programme = library.programme(enrollment.programme_id)
    return apply_adjustments(programme, enrollment.adjustments or [], library)


def limits(enrollment: Enrollment, library: Library | None = None) -> Thresholds:
    """The thresholds in force for this enrollment (its programme's, then the clinician's)."""
    library = library or _library()
    programme = library.programme(enrollment.programme_id)
    table = thresholds_for(programme)
    try:
        return table.with_overrides(enrollment.thresholds or {})
    except ThresholdError:
        return table


# --- clinical actions -------------------------------------------------------------------


def clear_red_flag(
    clinician: User, runner: User, *, on: dt.date, note: str = "", now: dt.datetime
) -> RedFlagClearance:
    """Record that the clinician has seen the runner and self-training may resume, with what
    they found: a clearance without a finding is refused."""
    patient(clinician, runner.pk)
    if not note.strip():
        raise ClinicError("note", "say what you found: it is kept with the clearance")
    return RedFlagClearance.objects.create(
        user=runner, cleared_on=on, cleared_by=clinician, note=note.strip(), created_at=now
    )


def add_note(clinician: User, runner: User, text: str, *, now: dt.datetime) -> ClinicalNote:
    """A private note, seen only by the clinician who wrote it."""
    patient(clinician, runner.pk)
    text = text.strip()
    if not text:
        raise ClinicError("text", "must not be empty")
    if len(text) > 5000:
        raise ClinicError("text", "must be at most 5000 characters")
    return ClinicalNote.objects.create(
        clinician=clinician, runner=runner, text=text, created_at=now
    )


def notes(clinician: User, runner: User) -> list[ClinicalNote]:
    return list(ClinicalNote.objects.filter(clinician=clinician, runner=runner))


# --- the patient list -------------------------------------------------------------------


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
    library = _library()
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
)
# A journal entry as the patient list reads it: the id (``pk``, as the flags' evidence names
# it), the runner, and the columns the engine reads.
ListEntry = namedtuple("ListEntry", ("pk", "user_id", *convert.ROW_FIELDS))  # type: ignore[misc]


_Row = TypeVar("_Row", PatientRow, ListItem)


def _run_plan_ids() -> set[str]:
    return {pid for pid, prog in _library().programmes.items() if prog.kind == "run_plan"}


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


def handout_pdf(
    clinician: User,
    *,
    runner: User | None = None,
    programme_id: str | None = None,
    lang: str | None = None,
    enrollment_id: int | None = None,
) -> bytes:
    """The printable handout: the patient's prescribed programme in their language, or any
    library programme in ``lang``; the clinic's name and phone on the cover."""
    from strideback.clinic.handout import Clinic, render_pdf

    library = _library()
    clinic_profile = profile(clinician)
    clinic = Clinic(
        clinic_profile.clinic_name, clinic_profile.clinic_phone, clinic_profile.clinic_address
    )
    if runner is not None:
        patient(clinician, runner.pk)
        enrollment = active_prescription(runner, enrollment_id)
        if enrollment is None:
            raise ClinicError("programme", "the patient has no active programme")
        programme = prescribed_programme(enrollment, library)
        language = lang or runner.language
        return render_pdf(
            library,
            programme,
            _lang(language),
            clinic=clinic,
            patient_name=runner.name or runner.email,
            note=enrollment.note_to_runner,
            limits=limits(enrollment, library),
        )
    if programme_id is None:
        raise ClinicError("programme", "give a programme or a patient")
    return render_pdf(
        library, _programme(library, programme_id), _lang(lang or "en"), clinic=clinic
    )


def _lang(value: str) -> Lang:
    for lang in LANGUAGES:
        if lang == value:
            return lang
    raise ClinicError("lang", f"must be one of: {', '.join(LANGUAGES)}")


# --- one patient ------------------------------------------------------------------------


def patient_row(clinician: User, runner: User, on: dt.date) -> PatientRow:
    """The patient list's row (flags and evidence) for one patient."""
    patient(clinician, runner.pk)
    rows = Rows(
        enrollments=list(Enrollment.objects.filter(user=runner, active=True)),
        entries=list(JournalEntry.objects.filter(user=runner, date__lte=on)),
        clearances=list(RedFlagClearance.objects.filter(user=runner)),
    )
    return flags_for(runner, rows, _library(), on)


def journal(clinician: User, runner: User, since: dt.date, on: dt.date) -> list[JournalEntry]:
    patient(clinician, runner.pk)
    return list(JournalEntry.objects.filter(user=runner, date__gte=since, date__lte=on))


def clearances(clinician: User, runner: User) -> list[RedFlagClearance]:
    patient(clinician, runner.pk)
    return list(
        RedFlagClearance.objects.filter(user=runner)
        .select_related("cleared_by")
        .order_by("-created_at")
    )


def engine_states(clinician: User, runner: User, on: dt.date) -> list[object]:
    """The engine's view of each programme the patient follows (phase, running, decision and
    reasons), as the runner's own pages compute it."""
    patient(clinician, runner.pk)
    try:
        from strideback.core.engine.plan import evaluate
        from strideback.training import convert
    except ImportError:  # the engine ships separately; the page works without it
        return []
    library = _library()
    enrollments = list(Enrollment.objects.filter(user=runner, active=True))
    rows = JournalEntry.objects.filter(user=runner, date__lte=on)
    entries = convert.journal(rows)
    cleared = convert.cleared_dates(RedFlagClearance.objects.filter(user=runner))
    states: list[object] = []
    for track in convert.tracks(enrollments, library):
        table = limits_for(library, track.enrollment, track.run_enrollment)
        states.append(
            evaluate(
                track.programme,
                track.enrollment.start,
                entries,
                on,
                run_plan=track.run_plan,
                thresholds=table,
                cleared=cleared,
            )
        )
    return states
