"""A clinician's patients: creating clinicians, their profile, invitations, who is whose
patient (``patient`` raises ``NotYourPatient``, a 404, for anyone else), stopping sharing,
and one patient's journal, clearances and plan."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from strideback.accounts.models import CareLink, CareLinkStatus, Role, User
from strideback.accounts.services import NotLinked
from strideback.clinic.flags import (
    PatientRow,
    Rows,
    flags_for,
    limits_for,
)
from strideback.clinic.models import ClinicianProfile
from strideback.core.content.library import default_library
from strideback.core.engine.state import evaluate
from strideback.training import convert
from strideback.training.models import Enrollment, JournalEntry, RedFlagClearance


class ClinicError(ValueError):
    """Bad input from a clinician; ``field`` names the form or API field."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


class NotYourPatient(NotLinked):
    """The runner does not exist or is not this clinician's active patient."""


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


def patient_row(clinician: User, runner: User, on: dt.date) -> PatientRow:
    """The patient list's row (flags and evidence) for one patient."""
    patient(clinician, runner.pk)
    rows = Rows(
        enrollments=list(Enrollment.objects.filter(user=runner, active=True)),
        entries=list(JournalEntry.objects.filter(user=runner, date__lte=on)),
        clearances=list(RedFlagClearance.objects.filter(user=runner)),
    )
    return flags_for(runner, rows, default_library(), on)


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
    library = default_library()
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
                **track.engine_options(),
            )
        )
    return states
