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
