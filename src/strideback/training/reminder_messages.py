"""A reminder's words in the runner's language, and its delivery by e-mail and Web Push.

Every reminder names what is planned ("Phase 2 · 6 exercises · about 35 min"), links to Today
and carries a one-tap "stop these" link that needs no login (a signed token).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import cast

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from strideback.accounts.models import User
from strideback.core import reminders as rules
from strideback.core.languages import LANGUAGES, Lang
from strideback.training import push, reminder_links
from strideback.words import in_language

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Message:
    title: str
    lines: tuple[str, ...]  # the body, one paragraph each
    url: str  # Today
    stop_url: str
    keep_url: str | None  # only when asking whether to keep them

    @in_language
    def text(self, lang: Lang) -> str:
        links = [gettext("Open today's plan") + f": {self.url}"]
        if self.keep_url:
            links.append(gettext("Yes, keep them") + f": {self.keep_url}")
        links.append(gettext("Stop these reminders") + f": {self.stop_url}")
        why = gettext("You get this reminder because you turned it on in Strideback's settings.")
        return "\n\n".join([*self.lines, "\n".join(links), why]) + "\n"


def language(user: User) -> Lang:
    return cast(Lang, user.language) if user.language in LANGUAGES else "en"


@in_language
def session_line(p: rules.Planned, lang: Lang) -> str:
    """'Phase 2 · 6 exercises · about 35 min', or the run's week, day and minutes."""
    if p.kind == "run":
        return gettext("Run: week %(week)s, day %(day)s · %(minutes)s min") % {
            "week": p.run_week,
            "day": p.run_day,
            "minutes": p.minutes,
        }
    if p.phase is None:
        return gettext("%(count)s exercises · about %(minutes)s min") % {
            "count": p.exercises,
            "minutes": p.minutes,
        }
    return gettext("Phase %(phase)s · %(count)s exercises · about %(minutes)s min") % {
        "phase": p.phase,
        "count": p.exercises,
        "minutes": p.minutes,
    }


def compose(user: User, due: rules.Due) -> Message:
    """The reminder in the runner's own language."""
    with translation.override(language(user)):
        return _compose(user, due)


def _compose(user: User, due: rules.Due) -> Message:
    lang = language(user)
    base = settings.BASE_URL
    stop = base + reverse(
        "reminders_stop", args=[reminder_links.link_token(user, reminder_links.STOP_SALT)]
    )
    today = base + reverse("today")
    if due.kind is rules.Kind.ASK_KEEP:
        keep = base + reverse(
            "reminders_keep", args=[reminder_links.link_token(user, reminder_links.KEEP_SALT)]
        )
        lead = gettext(
            "The last three reminders went by with nothing logged. That is fine. "
            "We send no more until you answer."
        )
        return Message(gettext("Shall we keep reminding you?"), (lead,), today, stop, keep)
    if due.kind is rules.Kind.MORNING:
        lead = gettext(
            "You trained yesterday. How much does it hurt now, from 0 to 10? "
            "Your answer decides whether your plan moves on."
        )
        return Message(gettext("How does it feel this morning?"), (lead,), today, stop, None)
    lines = [gettext("On your plan today:"), *(session_line(p, lang) for p in due.sessions)]
    if due.morning_too:
        lines.append(gettext("And first: how much does it hurt this morning? One tap on Today."))
    return Message(gettext("Your training today"), tuple(lines), today, stop, None)


def deliver(user: User, message: Message, channels: list[str]) -> list[str]:
    """Send on each chosen channel; returns the channels that delivered it."""
    done = []
    if rules.Channel.EMAIL in channels and _email(user, message):
        done.append(rules.Channel.EMAIL.value)
    if rules.Channel.PUSH in channels and push.send(user, _push_payload(user, message)):
        done.append(rules.Channel.PUSH.value)
    return done


def _email(user: User, message: Message) -> bool:
    lang = language(user)
    mail = EmailMessage(
        subject=message.title,
        body=message.text(lang),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{message.stop_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    try:
        return mail.send() == 1
    except OSError:
        log.warning("reminder e-mail to user %s not sent", user.pk, exc_info=True)
        return False


def _push_payload(user: User, message: Message) -> dict[str, str]:
    lang = language(user)
    return {
        "title": message.title,
        "body": "\n".join(message.lines[1:] or message.lines),
        "url": message.url,
        "stop_url": message.stop_url,
        "stop_label": _stop_label(lang),
        "lang": lang,
    }


@in_language
def _stop_label(lang: Lang) -> str:
    return gettext("Stop these reminders")
