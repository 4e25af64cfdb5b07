"""A runner inviting their own physiotherapist by e-mail (issue #16): the invitation names
the runner; a clinician who opens the link after logging in with two-step verification and
accepts it follows the runner (``clinic.physio_join``). Nothing is shared before that."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from strideback.accounts.models import PhysioInvite, Role, User


class PhysioInviteError(ValueError):
    """``field`` names what is wrong; ``code`` says why (invalid, yourself, runner)."""

    def __init__(self, field: str, code: str) -> None:
        super().__init__(f"{field}: {code}")
        self.field = field
        self.code = code


def invite_physio(runner: User, email: str, *, now: dt.datetime) -> PhysioInvite:
    """A new invitation from ``runner`` to the address ``email`` (the caller e-mails it)."""
    if runner.role != Role.RUNNER:
        raise PhysioInviteError("role", "runner")
    address = User.objects.normalize_email(email.strip()).lower()
    try:
        validate_email(address)
    except ValidationError:
        raise PhysioInviteError("email", "invalid") from None
    if address == runner.email:
        raise PhysioInviteError("email", "yourself")
    return PhysioInvite.objects.create(runner=runner, email=address, created_at=now)


def invitation(token: str) -> PhysioInvite | None:
    return PhysioInvite.objects.select_related("runner").filter(token=token).first()


def pending(runner: User) -> list[PhysioInvite]:
    """The runner's invitations no clinician has accepted yet, newest first."""
    found = PhysioInvite.objects.filter(runner=runner, accepted_by__isnull=True)
    return list(found.order_by("-created_at", "-id"))
