"""Account state changes, shared by the pages and the JSON API: no request objects here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.http import Http404
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from strideback.accounts.models import CareLink, CareLinkStatus, Role, User
from strideback.core.languages import DEFAULT_LANGUAGE, is_language


class NotLinked(Http404):
    """No active link between these two accounts: a 404, like anything else that is not yours."""


class EmailTaken(Exception):
    """Someone already signed up with this address."""


class InviteError(Exception):
    """The invite cannot be accepted; ``code`` says why (unknown, used, stopped, clinician)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


NAME_MAX = 150


class NameInvalid(ValueError):
    """A display name that cannot be kept: too long, or with control characters."""


def clean_name(name: str) -> str:
    """A display name as kept: trimmed; empty is allowed (a runner need not give one)."""
    name = " ".join(name.split())
    if len(name) > NAME_MAX:
        raise NameInvalid(f"at most {NAME_MAX} characters")
    if any(ord(c) < 32 or ord(c) == 127 for c in name):
        raise NameInvalid("no control characters")
    return name


def set_name(user: User, name: str) -> User:
    """Change the person's display name (raises NameInvalid and changes nothing)."""
    user.name = clean_name(name)
    user.save(update_fields=["name"])
    return user


def sign_up(email: str, password: str, language: str = DEFAULT_LANGUAGE, name: str = "") -> User:
    """A new runner account (the password is hashed with argon2 by the settings)."""
    email = User.objects.normalize_email(email).strip().lower()
    with transaction.atomic():
        if User.objects.filter(email__iexact=email).exists():
            raise EmailTaken(email)
        lang = language if is_language(language) else DEFAULT_LANGUAGE
        return User.objects.create_user(email, password, language=lang, name=clean_name(name))


@dataclass(frozen=True)
class Invite:
    token: str
    clinician_name: str
    clinic_name: str
    status: str
    runner_id: int | None


def invite(token: str) -> Invite | None:
    """What an invite link says, or None for a token that does not exist."""
    link = CareLink.objects.select_related("clinician").filter(token=token).first()
    if link is None:
        return None
    profile = getattr(link.clinician, "clinician_profile", None)
    return Invite(
        token=link.token,
        clinician_name=link.clinician.display_name,
        clinic_name=profile.clinic_name if profile is not None else "",
        status=link.status,
        runner_id=link.runner_id,
    )


def accept_invite(runner: User, token: str, now: dt.datetime) -> CareLink:
    """The runner accepts a clinician's invite: the link becomes active and theirs.

    Accepting twice is harmless. A link that is stopped, or already accepted by someone else,
    cannot be accepted; clinicians cannot accept invites meant for runners.
    """
    if runner.role != Role.RUNNER:
        raise InviteError("clinician")
    with transaction.atomic():
        link = CareLink.objects.select_for_update().filter(token=token).first()
        if link is None:
            raise InviteError("unknown")
        if link.status == CareLinkStatus.ACTIVE and link.runner_id == runner.pk:
            return link
        if link.status != CareLinkStatus.INVITED:
            raise InviteError("used" if link.status == CareLinkStatus.ACTIVE else "stopped")
        already = CareLink.objects.filter(
            clinician=link.clinician, runner=runner, status=CareLinkStatus.ACTIVE
        ).first()
        if already is not None:
            link.status = CareLinkStatus.STOPPED
            link.stopped_at = now
            link.save(update_fields=["status", "stopped_at"])
            return already
        link.runner = runner
        link.status = CareLinkStatus.ACTIVE
        link.accepted_at = now
        link.save(update_fields=["runner", "status", "accepted_at"])
        return link


def password_reset_link(email: str) -> tuple[User, str, str] | None:
    """(user, uid, token) for an active account with this address, else None.

    The caller sends the e-mail; the answer to the person asking is the same either way, so
    the form never tells a stranger whether an address has an account.
    """
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None or not user.has_usable_password():
        return None
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return user, uid, default_token_generator.make_token(user)


def user_for_reset(uidb64: str, token: str) -> User | None:
    """The user a reset link belongs to, if the link is genuine and still unused."""
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (ValueError, TypeError, OverflowError):
        return None
    user = User.objects.filter(pk=pk, is_active=True).first()
    if user is None or not default_token_generator.check_token(user, token):
        return None
    return user


def set_password(user: User, password: str) -> None:
    """A new password; it also makes every earlier reset link stop working."""
    user.set_password(password)
    user.save(update_fields=["password"])


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
        raise NotLinked("no active link")
    link.status = CareLinkStatus.STOPPED
    link.stopped_at = now
    link.save(update_fields=["status", "stopped_at"])
    return link
