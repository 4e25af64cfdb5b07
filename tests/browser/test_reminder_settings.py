"""The reminder settings page in German, as a runner uses it: choose a time, e-mail and days,
save; the page is accessible and the choice is kept in the runner's own time zone."""

from __future__ import annotations

from typing import Any

import pytest

from strideback.accounts.models import User
from strideback.training import reminders


@pytest.mark.django_db(transaction=True)
def test_a_german_runner_chooses_an_evening_email_reminder(
    make_page: Any, login: Any, axe: Any, shot: Any
) -> None:
    user = User.objects.create_user("laeufer@example.com", "pw-123456789", language="de")
    page = make_page(locale="de-DE")
    page.emulate_media(color_scheme="light")
    login(page, user)
    page.goto(page.base + "/settings/")
    page.get_by_role("link", name="Erinnerungen wählen").click()
    assert page.locator("h1").inner_text() == "Erinnerungen"
    assert axe(page) == []
    page.get_by_role("button", name="Speichern").click()  # nothing chosen yet: fine, off
    page.get_by_label("Mich erinnern").check()
    page.get_by_role("button", name="Speichern").click()
    alert = page.get_by_role("alert")
    assert alert.inner_text() == "Uhrzeit: wählen Sie eine Uhrzeit, z. B. 18:30."
    assert axe(page) == []
    shot(page, "reminders-settings-error-de")
    page.get_by_label("Uhrzeit").fill("18:30")
    page.get_by_label("E-Mail").check()
    page.get_by_label("Mittwoch").check()
    page.get_by_role("button", name="Speichern").click()
    assert "Ihre Einstellungen für Erinnerungen sind gespeichert." in page.inner_text("main")
    shot(page, "reminders-settings-de")
    chosen = reminders.choices(user)
    assert chosen.enabled and chosen.time.strftime("%H:%M") == "18:30"  # type: ignore[union-attr]
    assert chosen.channels == ("email",) and chosen.weekdays == (2,)
    assert chosen.time_zone == page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone")
