"""A clinician accepting a runner's invitation (``accounts.physio_invites``): an active care
link to that runner, as when the clinician invites a runner. Accepting twice is harmless; an
invitation another clinician accepted is used up."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from strideback.accounts.models import CareLink, CareLinkStatus, PhysioInvite, User


class JoinError(ValueError):
    """Why the invitation cannot be accepted: ``code`` is unknown, used or role."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def accept(clinician: User, token: str, *, now: dt.datetime) -> CareLink:
    if not clinician.is_clinician:
        raise JoinError("role")
    with transaction.atomic():
        found = PhysioInvite.objects.select_for_update().filter(token=token).first()
        if found is None:
            raise JoinError("unknown")
        if found.accepted_by_id not in (None, clinician.pk):
            raise JoinError("used")
        runner = found.runner
        link = CareLink.objects.filter(
            clinician=clinician, runner=runner, status=CareLinkStatus.ACTIVE
        ).first()
        if link is None:
            link = CareLink.objects.create(
                clinician=clinician,
                runner=runner,
                invited_email=runner.email,
                status=CareLinkStatus.ACTIVE,
                accepted_at=now,
            )
        if found.accepted_by_id is None:
            found.accepted_by = clinician
            found.accepted_at = now
            found.save(update_fields=["accepted_by", "accepted_at"])
    return link
