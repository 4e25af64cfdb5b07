"""The clinician's pages in real Chromium at desk (1280x800) and phone (360x740) sizes:
axe-core clean, nothing scrolls sideways on a phone, screenshots saved to look at."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from strideback.accounts.models import CareLink, CareLinkStatus, Role, User
from strideback.clinic import notes, patients, prescriptions
from strideback.training.models import Enrollment, JournalEntry

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}


def verified_login(page: Any, user: User) -> None:
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": page.base}]
    )


def clinic_with_patients() -> tuple[User, User]:
    physio = patients.create_clinician(
        "physio@example.org",
        "pw-long-enough",
        name="Mette Fysio",
        clinic_name="Fysio- og Ergoterapi, Hjørring",
        clinic_phone="97 64 16 82",
    )
    today = timezone.localdate()
    people = [
        ("Søren Ærø", "da", [(1, 4, 3), (3, 2, 1), (9, 0, 0), (11, 1, 0)], []),
        ("Åse Østby", "nb", [(d, 0, 0) for d in range(0, 14, 2)], []),
        ("Jürgen Groß", "de", [(0, 0, 0)], ["knee_locked"]),
        ("Anna Berg", "en", [], []),
    ]
    first = None
    for n, (name, lang, days, flags) in enumerate(people):
        runner = User.objects.create_user(
            f"r{n}@example.org", "pw", name=name, role=Role.RUNNER, language=lang
        )
        CareLink.objects.create(clinician=physio, runner=runner, status=CareLinkStatus.ACTIVE)
        enrollment = Enrollment.objects.create(
            user=runner, programme_id="anterior-knee-pain", start=today - dt.timedelta(days=24)
        )
        for ago, during, after in days:
            JournalEntry.objects.create(  # logged to the programme, as the player does
                user=runner,
                enrollment=enrollment,
                date=today - dt.timedelta(days=ago),
                kind="strength",
                pain_during=during,
                pain_after=after,
                red_flags=flags,
                note="Trappen gjorde ondt" if during > 2 else "",
            )
        first = first or runner
    assert first is not None
    prescriptions.adjust(
        physio,
        first,
        adjustments=[{"kind": "swap", "phase": 2, "position": "4", "to": "easier"}],
        thresholds={"pain_during_max": 2},
        note="Roligt på trapperne",
    )
    notes.add_note(physio, first, "Øm ved patellas underkant.", now=timezone.now())
    return physio, first


def no_sideways_scroll(page: Any) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate(
        """(w) => [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > w && !e.closest('.table-scroll'))
        .slice(0, 5).map(e => e.tagName + '.' + e.className)""",
        page.viewport_size["width"],
    )
    assert width <= page.viewport_size["width"], f"nothing may scroll sideways: {wide}"


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("size", "label"), [(DESKTOP, "1280"), (PHONE, "360")])
def test_patient_list_triage_at_a_glance(
    make_page: Any, axe: Any, shot: Any, size: Any, label: str
) -> None:
    physio, _ = clinic_with_patients()
    page = make_page(viewport=size)
    verified_login(page, physio)
    page.goto(page.base + "/clinic/")
    assert page.locator("h1").inner_text() == "Patients"
    attention = page.locator("#attention")
    assert "Needs attention (3)" in attention.inner_text()
    assert "Åse Østby" in page.locator("#others + .table-scroll").inner_text()
    first_row = page.locator("table.patients tbody tr").first
    assert "Jürgen Groß" in first_row.inner_text(), "a red flag comes first"
    assert axe(page) == []
    no_sideways_scroll(page)
    shot(page, f"clinic-patients-{label}")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("size", "label"), [(DESKTOP, "1280"), (PHONE, "360")])
def test_patient_page_reads_well(
    make_page: Any, axe: Any, shot: Any, size: Any, label: str
) -> None:
    physio, patient = clinic_with_patients()
    page = make_page(viewport=size)
    verified_login(page, physio)
    page.goto(page.base + f"/clinic/patients/{patient.pk}/")
    assert "Søren Ærø" in page.locator("h1").inner_text()
    assert page.locator("svg.chart").count() == 1
    assert "Øm ved patellas underkant." in page.content()
    shot(page, f"clinic-patient-{label}")
    violations = axe(page)
    assert violations == []
    no_sideways_scroll(page)
    shot(page, f"clinic-patient-{label}")


@pytest.mark.django_db(transaction=True)
def test_a_flag_links_to_the_entry_behind_it(make_page: Any) -> None:
    physio, patient = clinic_with_patients()
    page = make_page(viewport=DESKTOP)
    verified_login(page, physio)
    page.goto(page.base + "/clinic/")
    row = page.locator("table.patients tbody tr", has_text="Søren Ærø")
    row.locator("summary", has_text="Pain above limit").click()
    row.locator(".evidence a").first.click()
    page.wait_for_url("**/clinic/patients/*/#entry-*")
    target = page.evaluate("location.hash")
    assert page.locator(target).is_visible()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("size", "label"), [(DESKTOP, "1280"), (PHONE, "360")])
def test_two_step_setup_shows_an_inline_qr_code(
    make_page: Any, axe: Any, shot: Any, login: Any, size: Any, label: str
) -> None:
    physio = patients.create_clinician("new@example.org", "pw-long-enough")
    page = make_page(viewport=size, locale="da-DK")
    login(page, physio)
    page.goto(page.base + "/clinic/")
    assert "/clinic/2fa/" in page.url
    assert page.locator("figure.qr svg").count() == 1
    assert "Slå totrinslogin til" in page.locator("h1").inner_text()
    assert axe(page) == []
    no_sideways_scroll(page)
    shot(page, f"clinic-2fa-{label}")


@pytest.mark.django_db(transaction=True)
def test_the_library_page_offers_handouts(make_page: Any, axe: Any, shot: Any) -> None:
    physio, _ = clinic_with_patients()
    page = make_page(viewport=DESKTOP)
    verified_login(page, physio)
    page.goto(page.base + "/clinic/library/")
    assert page.locator(".library li").count() >= 6
    assert axe(page) == []
    shot(page, "clinic-library-1280")


@pytest.mark.django_db(transaction=True)
def test_clinic_pages_keep_their_contrast_in_dark_mode(make_page: Any, axe: Any, shot: Any) -> None:
    physio, patient = clinic_with_patients()
    page = make_page(viewport=DESKTOP)
    page.emulate_media(color_scheme="dark")
    verified_login(page, physio)
    for path, name in (("/clinic/", "patients"), (f"/clinic/patients/{patient.pk}/", "patient")):
        page.goto(page.base + path)
        assert axe(page) == [], path
        shot(page, f"clinic-{name}-dark-1280")


@pytest.mark.django_db(transaction=True)
def test_a_clinician_logs_in_sets_up_two_step_login_and_prescribes(make_page: Any) -> None:
    from django_otp.oath import totp

    physio, patient = clinic_with_patients()
    page = make_page(viewport=DESKTOP)
    page.goto(page.base + "/login/?next=/clinic/")
    page.fill("input[name=email]", "physio@example.org")
    page.fill("input[name=password]", "pw-long-enough")
    page.click("form.card button[type=submit]")
    page.wait_for_url("**/clinic/2fa/**")
    device = TOTPDevice.objects.get(user=physio, confirmed=False)
    token = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    page.fill("#code", f"{token:06d}")
    page.click("form.card button[type=submit]")
    page.wait_for_url("**/clinic/")
    page.click(f"a[href='/clinic/patients/{patient.pk}/']")
    page.select_option("#rx-programme", "medial-knee-pain")
    page.fill("#rx-note", "Start roligt")
    page.click("#prescribe button[type=submit]")
    page.wait_for_url(f"**/clinic/patients/{patient.pk}/#programme")
    assert "Start roligt" in page.locator("#programme").inner_text()
    assert Enrollment.objects.get(user=patient, active=True).programme_id == "medial-knee-pain"
