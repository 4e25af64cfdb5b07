"""A session ended early, resumed from Today where it stopped (that exercise, that set), and
saved over the same log; a run corrected on its page. In headless Chromium, fake clock."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from strideback.accounts.models import User
from strideback.training.models import Enrollment, JournalEntry

SET = 80_000  # the first exercise: 10 reps at 3-2-3 seconds
READY = 30_000  # the first exercise: a band to put on, lying down (its own time to get ready)


def _hold(page: Any) -> None:
    """Stop the fake clock a second from now (the player runs on it from there)."""
    now = page.evaluate("Date.now()")
    page.clock.pause_at(dt.datetime.fromtimestamp(now / 1000 + 1))


def _axe_clean(page: Any, axe: Any, state: str) -> None:
    page.clock.resume()  # axe-core needs timers
    violations = axe(page)
    _hold(page)
    assert violations == [], f"{state}: {violations}"


def _save_without_pain(page: Any) -> None:
    for button in page.get_by_role("button", name="No pain").all():
        button.click()
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Back to today").click()


@pytest.mark.django_db(transaction=True)
def test_end_after_one_set_then_resume_at_set_two_and_finish(
    phone: Any, login: Any, axe: Any, shot: Any
) -> None:
    from django.utils import timezone

    user = User.objects.create_user("resume@example.com", "pw-123456789")
    Enrollment.objects.create(
        user=user, programme_id="anterior-knee-pain", start=timezone.localdate()
    )
    phone.errors = []
    phone.on("pageerror", lambda error: phone.errors.append(str(error)))
    login(phone, user)
    phone.clock.install()
    phone.goto(phone.base + "/today/")
    phone.get_by_role("link", name="Start session").click()
    phone.wait_for_selector("[data-player][data-ready=true]")
    _hold(phone)
    phone.get_by_role("button", name="Start").click()
    phone.clock.run_for(READY + SET + 1_000)  # set 1 done, resting
    phone.get_by_role("button", name="End session").click()
    assert phone.locator("#sets_done").input_value() == "1"
    _save_without_pain(phone)

    assert phone.get_by_text("Partly done: ended early").is_visible()
    assert phone.get_by_text("Done today").count() == 0
    phone.clock.resume()
    _axe_clean(phone, axe, "today, partly done")
    shot(phone, "today-partly-done-360")

    phone.get_by_role("link", name="Resume").click()
    phone.wait_for_selector("[data-player][data-ready=true]")
    _hold(phone)
    assert phone.get_by_text("You carry on where you stopped").is_visible()
    phone.get_by_role("button", name="Start").click()
    where = phone.locator("[data-ui=where]").inner_text()
    assert "Exercise 1 of 6" in where and "Set 2 of 3" in where, where
    assert phone.locator("[data-ui=live]").inner_text().startswith("Get ready")
    phone.clock.run_for("40:00")
    assert phone.locator("#sets_done").input_value() == "18"
    phone.clock.resume()
    _save_without_pain(phone)
    assert phone.get_by_text("Done today").first.is_visible()
    (entry,) = JournalEntry.objects.filter(user=user)
    assert (entry.completed, entry.sets_done) == (True, 18)
    assert phone.errors == []


@pytest.mark.django_db(transaction=True)
def test_a_run_stopped_early_resumes_at_its_segment_and_is_corrected_on_its_page(
    phone: Any, login: Any, axe: Any, shot: Any
) -> None:
    from django.utils import timezone

    user = User.objects.create_user("run@example.com", "pw-123456789")
    Enrollment.objects.create(
        user=user, programme_id="return-to-run-5k", start=timezone.localdate()
    )
    login(phone, user)
    phone.clock.install()
    phone.goto(phone.base + "/today/")
    phone.get_by_role("link", name="Start run").click()
    phone.wait_for_selector("[data-player][data-ready=true]")
    _hold(phone)
    phone.get_by_role("button", name="Start").click()
    phone.clock.run_for(READY + 5 * 60_000 + 60_000 + 90_000 + 1_000)  # walk 5, run 1, walk 1.5
    phone.get_by_role("button", name="End session").click()
    assert phone.locator("#run_minutes").input_value() == "1"  # the minutes actually run
    _save_without_pain(phone)
    phone.get_by_role("link", name="Resume").click()
    phone.wait_for_selector("[data-player][data-ready=true]")
    _hold(phone)
    phone.get_by_role("button", name="Start").click()
    phone.clock.run_for(READY + 1_000)
    assert "Part 3 of" in phone.locator("[data-ui=where]").inner_text()
    phone.get_by_role("button", name="End session").click()
    assert phone.locator("#run_minutes").input_value() == "1"
    phone.clock.resume()
    _save_without_pain(phone)

    phone.get_by_role("link", name="Correct the log").click()
    _axe_clean(phone, axe, "correct a run")
    shot(phone, "correct-run-360")
    phone.get_by_label("Minutes run").fill("4")
    phone.get_by_role("button", name="Save the correction").click()
    assert phone.get_by_text("Corrected.").is_visible()
    (entry,) = JournalEntry.objects.filter(user=user)
    assert entry.run_minutes == 4 and not entry.completed
