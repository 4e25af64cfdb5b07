"""The links in a reminder that need no login: "stop these" and "keep them" (signed tokens
naming the runner, valid for 60 days)."""

from __future__ import annotations

from django.core import signing
from django.utils import timezone

from strideback.accounts.models import User
from strideback.training.models import Profile

STOP_SALT = "strideback.reminders.stop"
KEEP_SALT = "strideback.reminders.keep"
LINK_MAX_AGE = 60 * 60 * 24 * 60


def link_token(user: User, salt: str) -> str:
    return signing.dumps(user.pk, salt=salt, compress=True)


def user_for_link(token: str, salt: str) -> User | None:
    try:
        pk = signing.loads(token, salt=salt, max_age=LINK_MAX_AGE)
    except signing.BadSignature:
        return None
    return User.objects.filter(pk=pk, is_active=True).first()


def stop(user: User) -> None:
    """'Stop these': reminders off (the choices stay, to turn them on again in one step)."""
    Profile.objects.filter(user=user).update(reminders_on=False, reminders_asked_keep_at=None)


def keep(user: User) -> None:
    """'Keep them': the question is answered; the ignored ones so far no longer count."""
    Profile.objects.filter(user=user).update(
        reminders_asked_keep_at=None, reminders_counted_from=timezone.now()
    )
