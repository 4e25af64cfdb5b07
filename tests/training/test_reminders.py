"""Reminders by e-mail: chosen, sent on the right days only, once, and stopped in one tap."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from io import StringIO
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client

from strideback.accounts.models import User
from strideback.training import reminders
from strideback.training.models import EntryKind, Profile, Reminder

MONDAY = dt.date(2026, 11, 23)  # the start: sessions Mon, Wed, Fri, Sun, ...
BERLIN = ZoneInfo("Europe/Berlin")


def at(day: dt.date, hour: int, minute: int = 0, zone: ZoneInfo = BERLIN) -> str:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=zone).isoformat()


def send(now: str) -> str:
    out = StringIO()
    call_command("send_reminders", "--now", now, stdout=out)
    return out.getvalue().strip()


@pytest.fixture
def german(make_runner: Callable[..., User], enrolled: Callable[..., Any]) -> User:
    user = make_runner("laeufer@example.org", lang="de")
    enrolled(user, start=MONDAY)
    reminders.save_choices(user, True, "18:30", ["email"], time_zone="Europe/Berlin")
    return user


def test_a_planned_day_gets_one_email_at_the_chosen_time_naming_what_is_planned(
    german: User,
) -> None:
    assert send(at(MONDAY, 18, 15)) == "Sent 0 reminders."  # before 18:30 Berlin time
    assert send(at(MONDAY, 18, 30)) == "Sent 1 reminder."
    assert send(at(MONDAY, 18, 45)) == "Sent 0 reminders."  # at most one a day
    (email,) = mail.outbox
    assert email.to == ["laeufer@example.org"] and email.subject == "Ihr Training heute"
    assert "Phase 1 · 6 Übungen · etwa" in email.body
    assert "Diese Erinnerungen abbestellen: http" in email.body
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_the_time_is_the_runners_own_time_zone(german: User) -> None:
    # 18:30 in Berlin is 17:30 UTC: at 17:20 UTC nothing, at 17:31 UTC the reminder.
    assert send(at(MONDAY, 17, 20, ZoneInfo("UTC"))) == "Sent 0 reminders."
    assert send(at(MONDAY, 17, 31, ZoneInfo("UTC"))) == "Sent 1 reminder."


def test_no_reminder_on_a_rest_day_or_once_the_session_is_logged(
    german: User, log: Callable[..., Any]
) -> None:
    assert send(at(MONDAY + dt.timedelta(days=1), 19)) == "Sent 0 reminders."  # Tuesday: rest
    log(german, MONDAY, pain_during=2, pain_after=2)
    assert send(at(MONDAY, 19)) == "Sent 0 reminders."
    assert mail.outbox == []


def test_the_morning_after_a_session_asks_for_the_pain_then_nothing_once_answered(
    german: User, log: Callable[..., Any]
) -> None:
    log(german, MONDAY, pain_during=2, pain_after=2)
    tuesday = MONDAY + dt.timedelta(days=1)
    assert send(at(tuesday, 18, 30)) == "Sent 1 reminder."
    assert mail.outbox[0].subject == "Wie fühlt es sich heute Morgen an?"


def test_no_reminder_during_a_red_flag_stop(german: User, log: Callable[..., Any]) -> None:
    log(german, MONDAY, kind=EntryKind.CHECK, completed=False, red_flags=["knee_locked"])
    assert send(at(MONDAY, 19)) == "Sent 0 reminders."


def test_chosen_weekdays_only(german: User) -> None:
    reminders.save_choices(german, True, "18:30", ["email"], weekdays=[2])  # Wednesdays
    assert send(at(MONDAY, 19)) == "Sent 0 reminders."
    assert send(at(MONDAY + dt.timedelta(days=2), 19)) == "Sent 1 reminder."


def test_after_three_ignored_it_asks_once_whether_to_keep_them(german: User) -> None:
    days = [MONDAY + dt.timedelta(days=n) for n in (0, 2, 4, 6, 8)]
    for day in days[:3]:
        assert send(at(day, 19)) == "Sent 1 reminder."
    assert send(at(days[3], 19)) == "Sent 1 reminder."
    assert mail.outbox[3].subject == "Sollen wir Sie weiter erinnern?"
    assert send(at(days[4], 19)) == "Sent 0 reminders."  # quiet until answered
    keep = re.search(r"Ja, weiter erinnern: \S+(/reminders/keep/\S+)", mail.outbox[3].body)
    assert keep is not None
    Client().post(keep.group(1))
    assert send(at(days[4] + dt.timedelta(days=2), 19)) == "Sent 1 reminder."


def test_the_stop_link_needs_no_login_and_one_tap(german: User) -> None:
    send(at(MONDAY, 19))
    found = re.search(r"abbestellen: \S+(/reminders/stop/\S+)", mail.outbox[0].body)
    assert found is not None
    page = Client().get(found.group(1))
    assert page.status_code == 200 and "Erinnerungen abbestellen?" in page.content.decode()
    assert Profile.objects.get(user=german).reminders_on  # a GET (a mail scanner) changes nothing
    done = Client().post(found.group(1))
    assert "Die Erinnerungen sind ausgeschaltet." in done.content.decode()
    assert not Profile.objects.get(user=german).reminders_on
    assert send(at(MONDAY + dt.timedelta(days=2), 19)) == "Sent 0 reminders."


def test_a_forged_stop_link_changes_nothing(german: User) -> None:
    response = Client().post("/reminders/stop/not-a-real-token/")
    assert response.status_code == 404
    assert Profile.objects.get(user=german).reminders_on


def test_a_second_sender_that_claimed_the_day_first_wins(
    german: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two app servers at once: the other one claims the day between our check and our
    claim; the unique row makes ours send nothing."""
    real = reminders.situation

    def other_server_first(user: User, profile: Profile, day: dt.date) -> Any:
        found = real(user, profile, day)
        Reminder.objects.create(user=user, day=day, kind="session")
        return found

    monkeypatch.setattr(reminders, "situation", other_server_first)
    assert send(at(MONDAY, 19)) == "Sent 0 reminders."
    assert mail.outbox == [] and Reminder.objects.filter(user=german).count() == 1


def test_bad_choices_name_the_field_and_change_nothing(german: User) -> None:
    for args, field in [
        ((True, "25:00", ["email"]), "time"),
        ((True, None, ["email"]), "time"),
        ((True, "07:00", ["sms"]), "channels"),
        ((True, "07:00", []), "channels"),
    ]:
        with pytest.raises(reminders.ReminderError) as caught:
            reminders.save_choices(german, *args)
        assert caught.value.field == field
    with pytest.raises(reminders.ReminderError, match="time_zone"):
        reminders.save_choices(german, True, "07:00", ["email"], time_zone="Mars/Olympus")
    chosen = reminders.choices(german)
    assert (chosen.time, chosen.channels) == (dt.time(18, 30), ("email",))


def test_send_reminders_with_a_bad_moment_is_a_clear_error(db: object) -> None:
    with pytest.raises(CommandError, match="--now: must be a date and time"):
        call_command("send_reminders", "--now", "tomorrow evening")
