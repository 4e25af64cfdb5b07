"""The programmes a runner follows now, the clinicians who follow them, and stopping a
programme (the settings page)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from strideback.accounts.models import CareLink, CareLinkStatus, User
from strideback.core.content.library import Library, default_library
from strideback.core.languages import Lang
from strideback.training.models import (
    Enrollment,
)


def active_enrollments(user: User) -> list[Enrollment]:
    return list(Enrollment.objects.filter(user=user, active=True).order_by("id"))


@dataclass(frozen=True)
class ProgrammeView:
    id: int  # the enrollment
    programme_id: str
    title: str
    start: dt.date
    prescribed: bool


def programmes(user: User, lang: Lang, library: Library | None = None) -> list[ProgrammeView]:
    """The programmes the runner follows now (settings page)."""
    library = library or default_library()
    return [
        ProgrammeView(
            e.pk,
            e.programme_id,
            library.programme(e.programme_id).text.get(lang).title,
            e.start,
            e.prescribed_by_id is not None,
        )
        for e in active_enrollments(user)
    ]


@dataclass(frozen=True)
class ClinicianView:
    id: int  # the clinician's user id (what ``accounts.services.stop_sharing`` takes)
    name: str
    clinic: str
    since: dt.datetime | None


def clinicians(user: User) -> list[ClinicianView]:
    """The clinicians who follow the runner's training now (settings page)."""
    links = CareLink.objects.filter(runner=user, status=CareLinkStatus.ACTIVE).select_related(
        "clinician", "clinician__clinician_profile"
    )
    out = []
    for link in links.order_by("id"):
        profile = getattr(link.clinician, "clinician_profile", None)
        out.append(
            ClinicianView(
                link.clinician_id,
                link.clinician.display_name,
                profile.clinic_name if profile is not None else "",
                link.accepted_at,
            )
        )
    return out


def stop_programme(user: User, enrollment_id: int) -> Enrollment:
    """Stop following a programme (its history stays in the journal)."""
    enrollment = Enrollment.objects.filter(user=user, pk=enrollment_id, active=True).first()
    if enrollment is None:
        raise LookupError(enrollment_id)
    enrollment.active = False
    enrollment.save(update_fields=["active", "updated_at"])
    return enrollment


# --- the runner's word on the phases before their log ---------------------------------------


@dataclass(frozen=True)
class EarlierView:
    """One exercise programme whose running gate waits for someone's word on the training
    before the runner's log (they started past phase 1, or a phase went unlogged)."""

    id: int  # the enrollment
    programme_id: str
    title: str
    start_phase: int
    said: bool | None  # without knee pain (True), with it (False), not said (None)
    said_by_clinician: bool
    said_on: dt.date | None


def earlier_phases(
    user: User, lang: Lang, waiting: set[str], library: Library | None = None
) -> list[EarlierView]:
    """The programmes where the runner may say the earlier phases went without knee pain:
    those started past phase 1, and those whose running gate waits for a phase nobody logged
    (``waiting``: their programme ids, from Today's reasons)."""
    library = library or default_library()
    out = []
    for e in active_enrollments(user):
        prog = library.programmes.get(e.programme_id)
        if prog is None or prog.kind != "exercises" or len(prog.phases) < 2:
            continue
        if e.start_phase <= 1 and e.programme_id not in waiting and e.earlier_pain_free is None:
            continue
        by_clinician = e.earlier_stated_by_id is not None and e.earlier_stated_by_id != user.pk
        out.append(
            EarlierView(
                e.pk,
                e.programme_id,
                prog.text.get(lang).title,
                e.start_phase,
                e.earlier_pain_free,
                by_clinician,
                e.earlier_stated_at.date() if e.earlier_stated_at else None,
            )
        )
    return out


def state_earlier_phases(
    user: User, enrollment_id: int, pain_free: bool, now: dt.datetime
) -> Enrollment:
    """Record the runner's own word that the phases before their log went without knee pain
    (or not), with the time; the running gate reads it (``convert.statement``). A word their
    clinician gave stays theirs to change (``LookupError`` here, as for another's programme)."""
    enrollment = Enrollment.objects.filter(user=user, pk=enrollment_id, active=True).first()
    if enrollment is None:
        raise LookupError(enrollment_id)
    if enrollment.earlier_stated_by_id not in (None, user.pk):
        raise PermissionError("your physiotherapist gave this answer")
    enrollment.earlier_pain_free = pain_free
    enrollment.earlier_stated_by = user
    enrollment.earlier_stated_at = now
    enrollment.save(
        update_fields=[
            "earlier_pain_free",
            "earlier_stated_by",
            "earlier_stated_at",
            "updated_at",
        ]
    )
    return enrollment
