"""Reminders: the runner's choices, what the sender finds due, and sending it exactly once.

The rules are ``core.reminders`` (one place); this module gathers each runner's situation on
their own local day, claims the day's reminder with a unique row (``Reminder``: one per runner
and day) and only then delivers it, so a second sender at the same moment (another app server,
a cron run that overlaps) finds the row taken and sends nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django.db import IntegrityError, transaction
from django.utils import timezone

from strideback.accounts.models import User
from strideback.core import reminders as rules
from strideback.training import followed, morning, onboarding, reminder_messages, session_summary
from strideback.training.models import JournalEntry, Profile, Reminder

RECENT = 10  # reminders read to count the ignored ones


class ReminderError(ValueError):
    """Bad input: ``field`` names it, ``message`` says what is wrong (English, for the API)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


# --- the runner's choices ----------------------------------------------------------------


@dataclass(frozen=True)
class Choices:
    enabled: bool
    time: dt.time | None
    channels: tuple[str, ...]
    weekdays: tuple[int, ...]
    time_zone: str


def choices(user: User) -> Choices:
    p = onboarding.profile(user)
    return Choices(
        p.reminders_on,
        p.reminder_time,
        tuple(p.reminder_channels),
        tuple(p.reminder_weekdays),
        p.time_zone,
    )


def save_choices(
    user: User,
    enabled: bool,
    time: str | None,
    channels: list[str],
    weekdays: list[int] | None = None,
    time_zone: str | None = None,
) -> Choices:
    """Turn reminders on or off. On needs a time ("HH:MM") and at least one channel; nothing
    is changed when anything is wrong."""
    at = _parse_time(time) if time else None
    if enabled and at is None:
        raise ReminderError("time", "choose a time of day as HH:MM, e.g. 18:30")
    unknown = [c for c in channels if c not in rules.Channel.__members__.values()]
    if unknown:
        raise ReminderError("channels", f"unknown channel '{unknown[0]}': use email or push")
    if enabled and not channels:
        raise ReminderError("channels", "choose at least one: email or push")
    days = sorted(set(weekdays or []))
    if any(not 0 <= d <= 6 for d in days):
        raise ReminderError("weekdays", "days are numbers from 0 (Monday) to 6 (Sunday)")
    if time_zone is not None and time_zone not in available_timezones():
        raise ReminderError("time_zone", f"unknown time zone '{time_zone}', e.g. Europe/Berlin")
    p = onboarding.profile(user)
    if enabled and not p.reminders_on:
        p.reminders_counted_from = timezone.now()  # earlier ones never count as ignored
        p.reminders_asked_keep_at = None
    p.reminders_on = enabled
    p.reminder_time = at
    p.reminder_channels = sorted(set(channels))
    p.reminder_weekdays = days
    if time_zone is not None:
        p.time_zone = time_zone
    p.save()
    return choices(user)


def _parse_time(text: str) -> dt.time:
    try:
        hour, minute = text.split(":")
        if len(hour) != 2 or len(minute) != 2:
            raise ValueError
        return dt.time(int(hour), int(minute))
    except ValueError:
        raise ReminderError("time", f"'{text}' is not a time of day as HH:MM") from None


# --- the sender ----------------------------------------------------------------------------


def local_now(profile: Profile, now: dt.datetime) -> dt.datetime:
    try:
        zone = ZoneInfo(profile.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo(str(timezone.get_default_timezone_name()))
    return now.astimezone(zone)


def send_due(now: dt.datetime) -> int:
    """Send every reminder due at ``now`` (aware); returns how many went out."""
    sent = 0
    profiles = Profile.objects.filter(reminders_on=True, reminder_time__isnull=False)
    for profile in profiles.select_related("user").order_by("pk"):
        if profile.user.is_active and _send_one(profile, now):
            sent += 1
    return sent


def _send_one(profile: Profile, now: dt.datetime) -> bool:
    user = profile.user
    here = local_now(profile, now)
    day = here.date()
    if here.time() < profile.reminder_time or Reminder.objects.filter(user=user, day=day):
        return False  # not yet, or already done today: no need to ask the engine
    found = rules.due(_prefs(profile), here.replace(tzinfo=None), situation(user, profile, day))
    if found is None:
        return False
    try:
        with transaction.atomic():
            claim = Reminder.objects.create(user=user, day=day, kind=found.kind.value)
    except IntegrityError:
        return False  # another sender claimed this runner's day first
    if found.kind is rules.Kind.ASK_KEEP:
        Profile.objects.filter(pk=profile.pk).update(reminders_asked_keep_at=now)
    message = reminder_messages.compose(user, found)
    claim.channels = reminder_messages.deliver(user, message, profile.reminder_channels)
    claim.save(update_fields=["channels"])
    return True


def _prefs(profile: Profile) -> rules.Prefs:
    return rules.Prefs(
        enabled=profile.reminders_on,
        time=profile.reminder_time or dt.time(0, 0),
        weekdays=frozenset(profile.reminder_weekdays),
        channels=frozenset(rules.Channel(c) for c in profile.reminder_channels),
    )


def situation(user: User, profile: Profile, day: dt.date) -> rules.Situation:
    """What the rules need to know about the runner on their local ``day``."""
    states = followed.followed(user, day, days=1)
    planned = tuple(
        session_summary.planned(s) for f in states for s in f.plan.sessions if s.date == day
    )
    logged = JournalEntry.objects.filter(
        user=user, date=day, kind__in=morning.SESSION_KINDS
    ).exists()
    return rules.Situation(
        planned=planned,
        logged_today=logged,
        morning_pending=bool(morning.pending_morning_check(user, day)),
        red_flag_stop=bool(onboarding.red_flag_stop(user)),
        running_paused=any(f.state.running.paused for f in states),
        sent_today=Reminder.objects.filter(user=user, day=day).exists(),
        ignored_in_a_row=_ignored(user, profile),
        asked_keep=profile.reminders_asked_keep_at is not None,
    )


def _ignored(user: User, profile: Profile) -> int:
    """The latest reminders (since reminders were turned on or kept) nothing was logged after,
    within a day of sending."""
    sent = Reminder.objects.filter(user=user).exclude(kind=rules.Kind.ASK_KEEP.value)
    if profile.reminders_counted_from is not None:
        sent = sent.filter(created_at__gte=profile.reminders_counted_from)
    acted = []
    for r in sent.order_by("-day")[:RECENT]:
        window = (r.created_at, r.created_at + dt.timedelta(days=1))
        acted.append(JournalEntry.objects.filter(user=user, updated_at__range=window).exists())
    return rules.ignored_in_a_row(acted)
