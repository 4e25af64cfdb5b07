"""The runner's pages in real headless Chromium at phone size (360x740), in English and
Danish (and German/Norwegian where a flow needs a third look): sign up and log in, onboarding,
Today, the next-morning check, calendar, progress, settings and my data. Every page is checked
with axe-core, for sideways scrolling, and photographed at 360x740 and 1280x800."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core.cache import cache
from django.utils import timezone

from strideback.accounts.models import User
from strideback.training import onboarding
from strideback.training.models import Enrollment, JournalEntry

from .conftest import DESKTOP, PHONE

DAY = dt.timedelta(days=1)


def check(page: Any, axe: Any, shot: Any, name: str) -> None:
    """No axe violations, nothing scrolls sideways, and a picture to look at."""
    width = page.viewport_size["width"]
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, f"runner-{name}-{width}")
    assert axe(page) == [], name
    assert page.evaluate("document.documentElement.scrollWidth") <= width, name


def runner_with_history(email: str = "runner@example.org", lang: str = "en") -> User:
    """Four weeks into the front-of-knee programme with its run plan, with some pain."""
    on = timezone.localdate()
    user = User.objects.create_user(email, "pw-12345678", language=lang)
    start = on - 27 * DAY
    onboarding.save_areas(user, ["front_of_knee"])
    onboarding.save_goal(user, "back_to_5k")
    onboarding.enroll(user, ["anterior-knee-pain", "return-to-run-5k"], start, start)
    akp = Enrollment.objects.get(user=user, programme_id="anterior-knee-pain")
    pains = [0, 0, 1, 0, 2, 3, 1, 0, 0, 0, 0, 0, 1]
    for i, pain in enumerate(pains):
        day = start + 2 * i * DAY
        if day >= on:
            break
        JournalEntry.objects.create(
            user=user,
            enrollment=akp,
            date=day,
            kind="strength",
            pain_during=pain,
            pain_after=min(pain + 1, 10) if pain else 0,
            pain_next_morning=max(pain - 1, 0),
            swelling=pain >= 3,
        )
    return user


@pytest.fixture(autouse=True)
def _no_login_limits() -> None:
    cache.clear()


# --- 1. account -------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_sign_up_log_out_and_log_in_again_on_a_phone(phone: Any, axe: Any, shot: Any) -> None:
    phone.goto(phone.base + "/signup/")
    check(phone, axe, shot, "signup")
    phone.get_by_label("E-mail").fill("new.runner@example.org")
    phone.get_by_label("Choose a password").fill("123")
    phone.get_by_role("button", name="Create account").click()
    assert phone.get_by_role("alert").is_visible()
    assert "Choose a password:" in phone.get_by_role("alert").inner_text()
    check(phone, axe, shot, "signup-error")
    phone.get_by_label("Choose a password").fill("knee-over-toe-42")
    phone.get_by_role("button", name="Create account").click()
    phone.wait_for_url(re.compile(r"/start/$"))
    phone.goto(phone.base + "/settings/")
    phone.get_by_role("button", name="Log out").first.click()
    phone.wait_for_url(phone.base + "/")
    phone.goto(phone.base + "/login/")
    check(phone, axe, shot, "login")
    phone.get_by_label("E-mail").fill("new.runner@example.org")
    phone.get_by_label("Password").fill("wrong-password")
    phone.get_by_role("button", name="Log in").click()
    assert "Password: That e-mail and password don't match." in phone.content().replace(
        "&#x27;", "'"
    )
    phone.get_by_label("Password").fill("knee-over-toe-42")
    phone.get_by_role("button", name="Log in").click()
    phone.wait_for_url(re.compile(r"/start/$"))


@pytest.mark.django_db(transaction=True)
def test_log_in_by_keyboard_in_danish_and_the_reset_page(
    phone_da: Any, axe: Any, shot: Any
) -> None:
    User.objects.create_user("lise@example.org", "knae-over-taa-42", language="da")
    page = phone_da
    page.goto(page.base + "/login/")
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")  # brand
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "id_email":
            break
    page.keyboard.type("lise@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type("knae-over-taa-42")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/start/$"))
    assert page.locator("h1").inner_text() == "Hvor gør det ondt?"
    page.context.clear_cookies()
    page.goto(page.base + "/password-reset/")
    check(page, axe, shot, "password-reset-da")
    page.get_by_label("E-mail").fill("lise@example.org")
    page.get_by_role("button", name="Send link").click()
    assert page.locator("h1").inner_text() == "Se din indbakke"


@pytest.mark.parametrize("locale", ["en-GB", "da-DK", "de-DE", "nb-NO"])
@pytest.mark.django_db(transaction=True)
def test_the_guest_header_keeps_to_one_line_on_a_phone(
    make_page: Any, shot: Any, locale: str
) -> None:
    page = make_page(PHONE, locale)
    page.goto(page.base + "/login/")
    header = page.locator("header.top").bounding_box()
    assert header is not None and header["height"] <= 72, header  # one row of 48 px links
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(page, f"guest-header-{locale[:2]}")


# --- 2. onboarding ----------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_onboarding_in_danish_by_tapping_the_body_picture(
    phone_da: Any, login: Any, axe: Any, shot: Any
) -> None:
    user = User.objects.create_user("mads@example.org", "pw-12345678", language="da")
    page = phone_da
    login(page, user)
    page.goto(page.base + "/start/")
    check(page, axe, shot, "start-where-da")
    page.locator("label.spot-front_of_knee").click()
    page.locator("label.spot-heel").click()
    assert page.get_by_label("Foran i knæet eller under knæskallen").is_checked()
    assert page.get_by_label("Hælen eller under foden").is_checked()
    page.get_by_role("button", name="Videre").click()
    page.wait_for_url(re.compile(r"/start/safety/$"))
    check(page, axe, shot, "start-safety-da")
    page.get_by_role("button", name="Videre").click()
    page.wait_for_url(re.compile(r"/start/goal/$"))
    check(page, axe, shot, "start-goal-da")
    page.get_by_label("Tilbage til at løbe 5 km").check()
    page.get_by_role("button", name="Videre").click()
    page.wait_for_url(re.compile(r"/start/programmes/"))
    check(page, axe, shot, "start-programmes-da")
    boxes = page.locator("input[name=programmes]")
    assert boxes.count() == 4
    assert page.get_by_label(re.compile("Træning ved smerter foran i knæet")).is_checked()
    assert page.get_by_label(re.compile("Tilbage til løb")).is_checked()
    assert not page.get_by_label(re.compile("Smidighed ved løberknæ")).is_checked()
    page.get_by_role("button", name="Kom i gang").click()
    page.wait_for_url(re.compile(r"/start/reminders/$"))
    check(page, axe, shot, "start-reminders-da")
    assert not page.get_by_label("Mind mig om det").is_checked()  # opt-in: nothing is on
    page.get_by_role("link", name="Ikke nu: gå til i dag").click()
    page.wait_for_url(re.compile(r"/today/$"))
    ids = set(Enrollment.objects.filter(user=user).values_list("programme_id", flat=True))
    assert ids == {"anterior-knee-pain", "return-to-run-5k", "plantar-heel-pain"}


@pytest.mark.django_db(transaction=True)
def test_a_red_flag_stops_onboarding_with_a_clear_message(
    phone: Any, login: Any, axe: Any, shot: Any
) -> None:
    user = User.objects.create_user("ola@example.org", "pw-12345678")
    login(phone, user)
    phone.goto(phone.base + "/start/")
    phone.get_by_label("Inside of the knee").check()
    phone.get_by_role("button", name="Continue").click()
    phone.locator("input[value=knee_locked]").check()
    phone.get_by_role("button", name="Continue").click()
    # The tick is shown back first: nothing is saved until the runner confirms it.
    assert phone.locator("h1").inner_text() == "Is this what you meant?"
    check(phone, axe, shot, "stop-confirm")
    assert not JournalEntry.objects.filter(user=user).exists()
    phone.get_by_role("button", name="Yes, this is true for me").click()
    phone.wait_for_url(re.compile(r"/start/stop/$"))
    assert phone.locator("h1").inner_text() == "Have a clinician look at this first"
    assert "Today: call your doctor" in phone.locator("main").inner_text()
    check(phone, axe, shot, "stop")
    assert not Enrollment.objects.filter(user=user).exists()


@pytest.mark.django_db(transaction=True)
def test_onboarding_errors_name_the_field(phone: Any, login: Any, axe: Any) -> None:
    login(phone, User.objects.create_user("e@example.org", "pw-12345678"))
    phone.goto(phone.base + "/start/")
    phone.get_by_role("button", name="Continue").click()
    assert "Where it hurts: pick at least one place." in phone.get_by_role("alert").inner_text()
    assert axe(phone) == []


# --- 3 and 5. today and the next-morning check -----------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_morning_check_is_one_tap_then_today_shows_the_day(
    phone: Any, login: Any, axe: Any, shot: Any
) -> None:
    user = runner_with_history()
    on = timezone.localdate()
    akp = Enrollment.objects.get(user=user, programme_id="anterior-knee-pain")
    JournalEntry.objects.filter(user=user, date__gte=on - 2 * DAY).delete()
    JournalEntry.objects.create(
        user=user, enrollment=akp, date=on - DAY, kind="strength", pain_during=1, pain_after=1
    )
    login(phone, user)
    phone.goto(phone.base + "/today/")
    assert phone.locator("h1").inner_text() == "How does it feel this morning?"
    check(phone, axe, shot, "morning")
    phone.get_by_role("button", name="0", exact=True).focus()
    with phone.expect_navigation():
        phone.keyboard.press("Enter")
    phone.wait_for_load_state()
    assert JournalEntry.objects.get(user=user, date=on - DAY).pain_next_morning == 0
    assert phone.locator("h1").inner_text() == "Today's training"
    check(phone, axe, shot, "today-rest")


@pytest.mark.django_db(transaction=True)
def test_today_shows_the_session_with_doses_the_reason_and_the_player_link(
    make_page: Any, login: Any, axe: Any, shot: Any
) -> None:
    user = User.objects.create_user("de@example.org", "pw-12345678", language="de")
    on = timezone.localdate()
    onboarding.save_areas(user, ["front_of_knee", "heel"])
    onboarding.enroll(user, ["anterior-knee-pain", "plantar-heel-pain"], on, on)
    for viewport, name in ((PHONE, 360), (DESKTOP, 1280)):
        page = make_page(viewport, "de-DE")
        login(page, user)
        page.goto(page.base + "/today/")
        assert page.locator("h1").inner_text() == "Ihr Training heute"
        assert page.locator("section.track").count() == 2
        assert "3 × 10 Wiederholungen" in page.locator("main").inner_text()
        link = page.get_by_role("link", name="Training starten").first
        assert link.get_attribute("href").startswith(f"/play/{on.isoformat()}/strength/")
        check(page, axe, shot, f"today-de-{name}")


@pytest.mark.django_db(transaction=True)
def test_today_with_pain_shows_the_ice_advice_and_the_tabs_work_by_keyboard(
    phone: Any, login: Any, axe: Any, shot: Any
) -> None:
    user = runner_with_history()
    on = timezone.localdate()
    akp = Enrollment.objects.get(user=user, programme_id="anterior-knee-pain")
    JournalEntry.objects.filter(user=user, date__gte=on - DAY).delete()
    JournalEntry.objects.create(
        user=user,
        enrollment=akp,
        date=on - DAY,
        kind="strength",
        pain_during=3,
        pain_after=4,
        pain_next_morning=2,
        swelling=True,
    )
    login(phone, user)
    phone.goto(phone.base + "/today/")
    assert "Ice it for 20 minutes every 2 hours" in phone.locator("main").inner_text()
    check(phone, axe, shot, "today-ice")
    tab = phone.get_by_role("link", name="Calendar")
    tab.focus()
    phone.keyboard.press("Enter")
    phone.wait_for_url(re.compile(r"/calendar/$"))


# --- 6. calendar ------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_calendar_lists_past_and_planned_sessions_and_resets_the_private_link(
    make_page: Any, login: Any, axe: Any, shot: Any
) -> None:
    user = runner_with_history(lang="nb")
    old = onboarding.profile(user).calendar_token
    phone = make_page(PHONE, "nb-NO")
    login(phone, user)
    phone.goto(phone.base + "/calendar/")
    main = phone.locator("main").inner_text()
    assert "planlagt" in main and "gjort" in main
    check(phone, axe, shot, "calendar-nb")
    feed = phone.get_by_label("Din private kalenderlenke").input_value()
    assert feed.endswith(f"/calendar/{old}.ics")
    response = phone.request.get(feed)
    assert response.ok and "BEGIN:VCALENDAR" in response.text()
    with phone.expect_navigation():
        phone.get_by_role("button", name="Lag en ny lenke").click()
    assert phone.request.get(feed).status == 404
    desktop = make_page(DESKTOP, "nb-NO")
    login(desktop, user)
    desktop.goto(desktop.base + "/calendar/")
    check(desktop, axe, shot, "calendar-nb")


@pytest.mark.django_db(transaction=True)
def test_the_calendar_shows_the_runs_that_were_missed_in_german(
    make_page: Any, login: Any, axe: Any, shot: Any
) -> None:
    on = timezone.localdate()
    user = User.objects.create_user("laeuferin@example.org", "pw-12345678", language="de")
    start = on - 7 * DAY
    onboarding.enroll(user, ["return-to-run-5k"], start, start)
    plan = Enrollment.objects.get(user=user)
    for n, day in enumerate((start, start + 2 * DAY), 1):
        JournalEntry.objects.create(
            user=user, enrollment=plan, date=day, kind="run", run_week=1, run_day=n, run_minutes=20
        )
    phone = make_page(PHONE, "de-DE")
    login(phone, user)
    phone.goto(phone.base + "/calendar/")
    # A sentence, not Title Case (only a month name gets its first letter capitalised)
    assert phone.locator("h2.month").inner_text() == "Jetzt und die nächsten Wochen"
    assert phone.get_by_role("link", name="Ganzer Monat").is_visible()
    missed = phone.locator("li", has_text="ausgelassen").filter(has_text="Lauf, Woche 1 Tag 3")
    assert missed.count() >= 2  # due on day 4 and again on day 6, not on every day between
    check(phone, axe, shot, "calendar-missed-runs-de")


# --- 7. progress ------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_progress_charts_read_on_a_phone_and_have_tables(
    make_page: Any, login: Any, axe: Any, shot: Any
) -> None:
    user = runner_with_history(lang="da")
    for viewport, name in ((PHONE, "360"), (DESKTOP, "1280")):
        page = make_page(viewport, "da-DK")
        login(page, user)
        page.goto(page.base + "/progress/")
        assert page.locator("svg.chart").count() == 2
        page.get_by_text("Vis som tabel").first.click()
        assert page.locator("table").first.is_visible()
        check(page, axe, shot, f"progress-da-{name}")


# --- 8. settings and my data --------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_settings_language_download_and_delete_with_confirmation(
    phone: Any, login: Any, axe: Any, shot: Any
) -> None:
    user = runner_with_history()
    login(phone, user)
    phone.goto(phone.base + "/settings/")
    check(phone, axe, shot, "settings")
    with phone.expect_download() as got:
        phone.get_by_role("link", name="Download all (JSON)").click()
    assert got.value.suggested_filename == "strideback-my-data.json"
    phone.get_by_label("Show Strideback in").select_option("da")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Save", exact=True).click()
    assert phone.locator("h1").inner_text() == "Indstillinger og data"
    user.refresh_from_db()
    assert user.language == "da"
    phone.get_by_role("link", name="Slet min konto og alle data").click()
    check(phone, axe, shot, "delete-da")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Slet alt for altid").click()
    assert "Skriv din e-mail for at bekræfte:" in phone.get_by_role("alert").inner_text()
    assert User.objects.filter(pk=user.pk).exists()
    phone.get_by_label("Skriv din e-mail for at bekræfte").fill(user.email)
    phone.get_by_role("button", name="Slet alt for altid").click()
    phone.wait_for_url(phone.base + "/")
    assert not User.objects.filter(pk=user.pk).exists()


# --- every page, both sizes ---------------------------------------------------------------

RUNNER_URLS = [
    "/today/",
    "/calendar/",
    "/calendar/?month=2026-12",
    "/progress/",
    "/settings/",
    "/settings/delete/",
    "/start/",
    "/start/safety/",
    "/start/goal/",
    "/start/programmes/",
    "/start/reminders/",
]
GUEST_URLS = ["/signup/", "/login/", "/password-reset/"]


def _name(url: str) -> str:
    return url.strip("/").replace("/", "-").replace("?month=", "-") or "home"


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360", "1280"])
def test_every_runner_page_is_axe_clean_at_phone_and_desktop_size(
    make_page: Any, login: Any, axe: Any, shot: Any, viewport: dict[str, int]
) -> None:
    from strideback.accounts.models import CareLink, Role
    from strideback.clinic.models import ClinicianProfile

    user = runner_with_history()
    physio = User.objects.create_user(
        "physio@example.org", "pw-12345678", name="Mette Fysio", role=Role.CLINICIAN
    )
    ClinicianProfile.objects.create(user=physio, clinic_name="Fysio Nord")
    link = CareLink.objects.create(clinician=physio)
    guest = make_page(viewport, "en-GB")
    for url in [*GUEST_URLS, f"/invite/{link.token}"]:
        guest.goto(guest.base + url)
        check(guest, axe, shot, _name(url.split("/invite/")[0] or "/invite/"))
    page = make_page(viewport, "en-GB")
    login(page, user)
    page.goto(page.base + f"/invite/{link.token}")
    check(page, axe, shot, "invite-logged-in")
    for url in RUNNER_URLS:
        response = page.goto(page.base + url)
        assert response is not None and response.status == 200, url
        check(page, axe, shot, _name(url))
    page.goto(page.base + "/today/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"


@pytest.mark.django_db(transaction=True)
def test_dark_mode_keeps_contrast_on_today_the_morning_check_and_progress(
    browser: Any, live_server: Any, login: Any, axe: Any, shot: Any
) -> None:
    user = runner_with_history()
    on = timezone.localdate()
    akp = Enrollment.objects.get(user=user, programme_id="anterior-knee-pain")
    JournalEntry.objects.filter(user=user, date__gte=on - DAY).delete()
    JournalEntry.objects.create(
        user=user, enrollment=akp, date=on - DAY, kind="strength", pain_during=2, pain_after=2
    )
    context = browser.new_context(viewport=PHONE, locale="en-GB", color_scheme="dark")
    page = context.new_page()
    page.base = live_server.url
    login(page, user)
    for url, name in (
        ("/today/", "dark-morning"),
        ("/today/?later=1", "dark-today"),
        ("/progress/", "dark-progress"),
        ("/calendar/", "dark-calendar"),
    ):
        page.goto(page.base + url)
        check(page, axe, shot, name)
    context.close()


@pytest.mark.django_db(transaction=True)
def test_a_run_day_shows_the_walk_run_intervals_in_norwegian(
    make_page: Any, login: Any, axe: Any, shot: Any
) -> None:
    user = User.objects.create_user("kari@example.org", "pw-12345678", language="nb")
    on = timezone.localdate()
    onboarding.save_areas(user, ["front_of_knee"])
    onboarding.enroll(user, ["return-to-run-5k"], on, on)
    page = make_page(PHONE, "nb-NO")
    login(page, user)
    page.goto(page.base + "/today/")
    main = page.locator("main").inner_text()
    assert "Løpetur – uke 1, dag 1" in main
    assert page.locator("ol.segments li.seg-run").count() >= 1
    link = page.get_by_role("link", name="Start løpeturen")
    assert link.get_attribute("href").startswith(f"/play/{on.isoformat()}/run/")
    check(page, axe, shot, "today-run-nb")
