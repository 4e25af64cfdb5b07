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

from strideback.accounts.models import User
from strideback.core import reminders as rules
from strideback.core.i18n import t
from strideback.core.languages import LANGUAGES, Lang
from strideback.training import push, reminder_links

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Message:
    title: str
    lines: tuple[str, ...]  # the body, one paragraph each
    url: str  # Today
    stop_url: str
    keep_url: str | None  # only when asking whether to keep them

    def text(self, lang: Lang) -> str:
        links = [f"{t('rem.open', lang)}: {self.url}"]
        if self.keep_url:
            links.append(f"{t('rem.keep', lang)}: {self.keep_url}")
        links.append(f"{t('rem.stop', lang)}: {self.stop_url}")
        return "\n\n".join([*self.lines, "\n".join(links), t("rem.why", lang)]) + "\n"


def language(user: User) -> Lang:
    return cast(Lang, user.language) if user.language in LANGUAGES else "en"


def session_line(p: rules.Planned, lang: Lang) -> str:
    """'Phase 2 · 6 exercises · about 35 min', or the run's week, day and minutes."""
    if p.kind == "run":
        return t("rem.run_line", lang, week=p.run_week, day=p.run_day, minutes=p.minutes)
    if p.phase is None:
        return t("rem.strength_line_no_phase", lang, count=p.exercises, minutes=p.minutes)
    return t("rem.strength_line", lang, phase=p.phase, count=p.exercises, minutes=p.minutes)


def compose(user: User, due: rules.Due) -> Message:
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
        return Message(t("rem.ask_title", lang), (t("rem.ask_lead", lang),), today, stop, keep)
    if due.kind is rules.Kind.MORNING:
        return Message(
            t("rem.morning_title", lang), (t("rem.morning_lead", lang),), today, stop, None
        )
    lines = [t("rem.session_lead", lang), *(session_line(p, lang) for p in due.sessions)]
    if due.morning_too:
        lines.append(t("rem.morning_too", lang))
    return Message(t("rem.session_title", lang), tuple(lines), today, stop, None)


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
        "stop_label": t("rem.stop", lang),
        "lang": lang,
    }
