"""The reminder settings page: choose a time, channels and days; errors name the field."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from strideback.accounts.models import User
from strideback.training import reminders
from strideback.training.models import Profile


def test_settings_links_to_the_reminder_choices(logged_in: Client) -> None:
    page = logged_in.get("/settings/").content.decode()
    assert 'href="/settings/reminders/"' in page


def test_a_runner_turns_reminders_on_for_chosen_days(logged_in: Client, runner: User) -> None:
    page = logged_in.get("/settings/reminders/")
    assert page.status_code == 200 and 'type="time"' in page.content.decode()
    form = {
        "enabled": "on",
        "time": "18:30",
        "channels": ["email"],
        "weekdays": ["0", "3"],
        "time_zone": "Europe/Berlin",
    }
    response = logged_in.post("/settings/reminders/", form, follow=True)
    assert "Your reminder choices are saved." in response.content.decode()
    chosen = reminders.choices(runner)
    assert chosen.enabled and chosen.time == dt.time(18, 30)
    assert chosen.weekdays == (0, 3) and chosen.time_zone == "Europe/Berlin"
    shown = logged_in.get("/settings/reminders/").content.decode()
    assert 'value="18:30"' in shown and 'value="3" checked' in shown


def test_turning_on_without_a_time_says_so_and_changes_nothing(
    logged_in: Client, runner: User
) -> None:
    response = logged_in.post("/settings/reminders/", {"enabled": "on", "channels": ["email"]})
    assert response.status_code == 400
    body = response.content.decode()
    assert 'href="#id_time"' in body and "Time of day: choose a time" in body
    assert not reminders.choices(runner).enabled


def test_turning_on_without_a_channel_names_the_channels(logged_in: Client, runner: User) -> None:
    response = logged_in.post("/settings/reminders/", {"enabled": "on", "time": "07:00"})
    assert response.status_code == 400 and "How: choose e-mail" in response.content.decode()
    assert not reminders.choices(runner).enabled


@pytest.mark.django_db
def test_onboarding_ends_with_an_opt_in_reminder_step_that_saves_like_settings(
    client: Client,
) -> None:
    user = User.objects.create_user("onb@example.org", "pw-12345678")
    client.force_login(user)
    page = client.get("/start/reminders/").content.decode()
    assert "Step 5 of 5" in page and 'name="enabled" id="id_enabled">' in page  # not ticked
    bad = client.post("/start/reminders/", {"enabled": "on", "time": "", "channels": "email"})
    assert bad.status_code == 400 and "Time of day" in bad.content.decode()
    done = client.post(
        "/start/reminders/",
        {"enabled": "on", "time": "18:30", "channels": ["email"], "weekdays": ["0", "2"]},
    )
    assert done["Location"] == "/today/"
    profile = Profile.objects.get(user=user)
    assert profile.reminders_on and profile.reminder_time == dt.time(18, 30)
    assert profile.reminder_weekdays == [0, 2] and profile.reminder_channels == ["email"]
