"""Outcomes in real headless Chromium at 360 px: the questionnaire from Today's card (keyboard
and screen-reader friendly, the missing item named), the timeline (readable, printable), the
heel-raise load after a set in the player, and a watch file uploaded on the run log."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from strideback.accounts.models import Role, User
from strideback.training.models import (
    Enrollment,
    ImportedRun,
    JournalEntry,
    QuestionnaireResponse,
    SetLoad,
)
from tests.training.watchfiles import gpx, track

DAY = dt.timedelta(days=1)
HEEL = "single-leg-heel-raise-towel"


def runner(programme: str, days_in: int, email: str = "o@example.com") -> User:
    user = User.objects.create_user(email, "pw-123456789", role=Role.RUNNER)
    Enrollment.objects.create(
        user=user, programme_id=programme, start=timezone.localdate() - days_in * DAY
    )
    return user


def no_sideways_scroll(page: Any) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def watch(page: Any) -> None:
    page.set_default_timeout(30_000)  # a loaded test machine renders slowly
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))


@pytest.mark.django_db(transaction=True)
def test_the_questionnaire_from_todays_card_by_keyboard(
    phone: Any, login: Any, axe: Any, shot: Any
) -> None:
    user = runner("anterior-knee-pain", 2)
    watch(phone)
    login(phone, user)
    phone.goto(phone.base + "/today/")
    card = phone.locator(".due-card")
    assert card.count() == 1
    assert axe(phone) == []  # Today with the card and the watch upload
    no_sideways_scroll(phone)
    card.scroll_into_view_if_needed()
    shot(phone, "today-card-360")
    card.get_by_role("link", name="Kujala Anterior Knee Pain Scale").click()
    phone.wait_for_url("**/questionnaires/kujala-akps/")
    assert axe(phone) == []
    no_sideways_scroll(phone)
    shot(phone, "questionnaire-360")
    # Each question is a group named by its legend, with one radio per answer.
    group = phone.get_by_role("group", name="1. Do you limp?")
    assert group.get_by_role("radio").count() == 3
    # By keyboard: into the first group, arrows pick an answer, Tab moves to the next group.
    phone.locator("input[name=limp]").first.focus()
    phone.keyboard.press("Space")
    assert phone.locator("input[name=limp][value=none]").is_checked()
    phone.keyboard.press("ArrowDown")
    assert phone.locator("input[name=limp][value=slight]").is_checked()
    phone.get_by_role("button", name="Save my answers").press("Enter")
    phone.wait_for_selector("#form-errors")
    assert "Question 2 is not answered yet. Can you put your weight on the leg?" in (
        phone.locator("#form-errors").inner_text()
    )
    assert axe(phone) == []
    shot(phone, "questionnaire-error-360")
    for name in (
        "support",
        "walking",
        "stairs",
        "squatting",
        "running",
        "jumping",
        "prolonged-sitting",
        "pain",
        "swelling",
        "kneecap-movements",
        "thigh-atrophy",
        "flexion-deficiency",
    ):
        phone.locator(f"input[name='{name}']").first.check()
    assert phone.locator("input[name=limp][value=slight]").is_checked()  # kept
    phone.get_by_role("button", name="Save my answers").click()
    phone.wait_for_url("**/today/")
    assert "Thanks, your answers are saved." in phone.locator(".messages").inner_text()
    assert QuestionnaireResponse.objects.get(user=user).score == 98
    assert phone.errors == []


@pytest.mark.parametrize("locale", ["en-GB", "de-DE", "nb-NO"])
@pytest.mark.django_db(transaction=True)
def test_the_ffi_fits_a_phone_and_is_accessible(
    make_page: Any, login: Any, axe: Any, shot: Any, locale: str
) -> None:
    phone = make_page(locale=locale)
    watch(phone)
    user = runner("plantar-heel-pain", 2)
    login(phone, user)
    phone.goto(phone.base + "/questionnaires/ffi/")
    assert phone.locator("html").get_attribute("lang") == locale[:2]
    shot(phone, f"questionnaire-ffi-{locale[:2]}-360")
    assert axe(phone) == []
    no_sideways_scroll(phone)
    # Every number is a thumb-sized target.
    for box in phone.locator(".q-num span").evaluate_all(
        "spans => spans.slice(0, 24).map(s => s.getBoundingClientRect())"
        ".map(r => [r.width, r.height])"
    ):
        assert min(box) >= 44, box


def history() -> User:
    on = timezone.localdate()
    start = on - 35 * DAY
    user = User.objects.create_user("t@example.com", "pw-123456789", role=Role.RUNNER)
    heel = Enrollment.objects.create(user=user, programme_id="plantar-heel-pain", start=start)
    Enrollment.objects.create(user=user, programme_id="return-to-run-5k", start=start)
    for n in range(0, 35, 2):
        JournalEntry.objects.create(
            user=user, enrollment=heel, date=start + n * DAY, kind="strength", completed=True,
            pain_during=2 if n < 20 else 1, pain_after=1, pain_next_morning=(n // 6) % 3,
            sets_done=3,
        )  # fmt: skip
    for n in (16, 9, 2):
        run = JournalEntry.objects.create(
            user=user, date=on - n * DAY, kind="run", completed=True, run_minutes=20 + n
        )
        ImportedRun.objects.create(
            user=user, entry=run, start=timezone.now() - n * DAY, duration_s=(20 + n) * 60,
            moving_s=(20 + n) * 60, distance_m=(20 + n) * 170, source="fit",
        )  # fmt: skip
    for n, kg in ((14, 4.0), (10, 5.0), (6, 6.0), (2, 6.0)):
        for s, reps in enumerate((11, 10, 10, 10), start=1):
            SetLoad.objects.create(
                user=user, date=on - n * DAY, exercise=HEEL, set_number=s, load_kg=kg, reps=reps
            )
    for n, score in ((35, 48.0), (7, 31.5)):
        QuestionnaireResponse.objects.create(
            user=user, questionnaire_id="ffi", answered_on=on - n * DAY, score=score
        )
    heel.rule_set, heel.rule_set_at = "silbernagel", timezone.now() - 14 * DAY
    heel.save()
    return user


@pytest.mark.django_db(transaction=True)
def test_the_timeline_reads_on_a_phone_and_prints(
    phone: Any, login: Any, axe: Any, shot: Any, tmp_path: Path
) -> None:
    user = history()
    watch(phone)
    login(phone, user)
    phone.goto(phone.base + "/progress/")
    assert phone.locator("svg.chart").count() == 6
    assert axe(phone) == []
    no_sideways_scroll(phone)
    shot(phone, "timeline-360")
    phone.emulate_media(media="print")
    assert not phone.locator("nav.tabs").is_visible()
    assert phone.locator(".print-only").is_visible()
    phone.emulate_media(media="screen")
    # Printing opens every table (timeline.js), so the printout has the numbers too.
    phone.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert phone.locator("details:not([open])").count() == 0
    phone.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert phone.locator("details[open]").count() == 0
    assert phone.errors == []


@pytest.mark.django_db(transaction=True)
def test_the_load_after_a_heel_raise_set(phone: Any, login: Any, axe: Any, shot: Any) -> None:
    user = runner("plantar-heel-pain", 16)  # phase 2: 4 x 10RM with a backpack
    for s, reps in enumerate((12, 11, 11, 11), start=1):
        SetLoad.objects.create(
            user=user, date=timezone.localdate() - 2 * DAY, exercise=HEEL, set_number=s,
            load_kg=4, reps=reps,
        )  # fmt: skip
    watch(phone)
    login(phone, user)
    phone.clock.install(time=dt.datetime.now())
    phone.goto(phone.base + f"/play/{timezone.localdate().isoformat()}/strength/")
    phone.wait_for_selector("[data-player][data-ready=true]")
    phone.clock.pause_at(dt.datetime.now() + dt.timedelta(minutes=1))
    phone.locator("[data-action=start]").click()
    panel = phone.locator("[data-ui=load]")
    for _ in range(40):  # get ready, 10 reps on one side, switch, 10 on the other
        if panel.is_visible():
            break
        phone.clock.run_for(10_000)
    assert panel.is_visible()
    assert phone.locator("#load-title").inner_text() == "Set 1 of 4: what did you lift?"
    assert phone.locator("#load-kg").input_value() == "5"  # 11 reps in the last set: +1 kg
    assert phone.locator("#load-reps").input_value() == "10"
    assert "add 1 kg, 5 kg next time" in panel.inner_text()
    phone.clock.resume()
    assert axe(phone) == []
    no_sideways_scroll(phone)
    phone.locator("#load-reps").fill("12")
    # Without a network the set waits on the phone and goes when the network returns.
    phone.context.set_offline(True)
    phone.get_by_role("button", name="Save the set").click()
    status = phone.locator("[data-load=status]")
    # (Locators, not wait_for_function: the strict CSP forbids the eval it polls with.)
    phone.locator("[data-load=status]", has_text="No network").wait_for()
    assert status.inner_text().startswith("No network: the set is kept on this phone")
    assert not SetLoad.objects.filter(user=user, date=timezone.localdate()).exists()
    phone.context.set_offline(False)
    phone.evaluate("window.dispatchEvent(new Event('online'))")
    for _ in range(100):
        if phone.evaluate("localStorage.getItem('strideback-load-outbox')") == "{}":
            break
        time.sleep(0.1)
    assert SetLoad.objects.filter(user=user, date=timezone.localdate()).count() == 1
    phone.get_by_role("button", name="Save the set").click()  # again: replaced, not added
    phone.locator("[data-load=next]", has_text="Next session").wait_for()
    assert phone.locator("[data-load=status]").inner_text() == "Saved."
    assert "Next session: Last time 12 reps in the last set at 5 kg" in (
        phone.locator("[data-load=next]").inner_text()
    )
    panel.scroll_into_view_if_needed()
    shot(phone, "player-load-360")
    row = SetLoad.objects.get(user=user, date=timezone.localdate())
    assert (row.set_number, row.load_kg, row.reps) == (1, 5.0, 12)
    assert phone.errors == []


@pytest.mark.django_db(transaction=True)
def test_a_watch_file_uploaded_on_the_run_log(
    phone: Any, login: Any, axe: Any, shot: Any, tmp_path: Path
) -> None:
    user = runner("return-to-run-5k", 2)
    login(phone, user)
    phone.goto(phone.base + "/runs/")
    assert axe(phone) == []
    start = timezone.make_aware(dt.datetime.combine(timezone.localdate() - 2 * DAY, dt.time(7)))
    path = tmp_path / "morning-run.gpx"
    path.write_bytes(gpx(track(start.astimezone(dt.UTC), 30, 2.8)))
    phone.set_input_files("#run-file", str(path))
    phone.get_by_role("button", name="Add the run").click()
    phone.wait_for_selector(".messages")
    assert "logged: 30 min, 5.04 km." in phone.locator(".messages").inner_text()
    assert phone.locator("table.runs tbody tr").count() == 1
    no_sideways_scroll(phone)
    assert axe(phone) == []
    shot(phone, "run-log-360")
    phone.set_input_files("#run-file", str(path))
    phone.get_by_role("button", name="Add the run").click()
    phone.wait_for_selector("text=is already there")
    assert ImportedRun.objects.filter(user=user).count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_physio_reads_the_same_timeline_on_a_phone(phone: Any, axe: Any, shot: Any) -> None:
    from tests.browser.test_clinic_pages import verified_login
    from tests.clinic.conftest import link

    patient = history()
    physio = User.objects.create_user("pt@example.com", "pw-123456789", role=Role.CLINICIAN)
    link(physio, patient)
    watch(phone)
    verified_login(phone, physio)
    phone.goto(phone.base + f"/clinic/patients/{patient.pk}/timeline/")
    assert phone.locator("svg.chart").count() == 6
    assert axe(phone) == []
    no_sideways_scroll(phone)
    shot(phone, "timeline-physio-360")
    assert phone.errors == []
