"""The calendar file's planned sessions at the runner's reminder time: a start and end in their
own time zone, an alarm (``VALARM``) at the start, and the exercise list as the description.
Without a chosen time (or with reminders off) the events stay all-day, without an alarm."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from icalendar import Alarm, Event

from strideback.training.models import Profile


def reminder_start(profile: Profile, day: dt.date) -> dt.datetime | None:
    """When a planned session on ``day`` is set in the calendar, or None for all-day."""
    if not profile.reminders_on or profile.reminder_time is None:
        return None
    return dt.datetime.combine(day, profile.reminder_time, tzinfo=ZoneInfo(profile.time_zone))


def set_times(
    event: Event, start: dt.datetime, minutes: int, summary: str, lines: tuple[str, ...]
) -> None:
    """Give a planned session its time, its alarm and its list of exercises."""
    event.add("dtstart", start)
    event.add("dtend", start + dt.timedelta(minutes=max(minutes, 5)))
    if lines:
        event.add("description", "\n".join(lines))
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    alarm.add("trigger", dt.timedelta(0))
    event.add_component(alarm)
