"""The rule set and "Why?" in real Chromium: the physio opens "Why?" on the patient page,
switches the runner to TREK and sees the decision change and the switch in the history; the
runner opens "Why?" on Today and sees each reason's source. axe-core clean throughout."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from strideback.accounts.models import CareLink, CareLinkStatus, Role, User
from strideback.clinic import patients
from strideback.training.models import Enrollment, JournalEntry

from .test_clinic_pages import DESKTOP, PHONE, no_sideways_scroll, verified_login

HURT = "Keep an eye on it: your pain was 2/10 during"


def knee_runner(physio: User) -> User:
    """Week 4 of the knee programme; two sessions last week at 2/10 during (over the seed's
    0/10, within TREK's 2/10)."""
    runner = User.objects.create_user(
        "knee@example.org", "pw", name="Søren Ærø", role=Role.RUNNER, language="en"
    )
    CareLink.objects.create(clinician=physio, runner=runner, status=CareLinkStatus.ACTIVE)
    today = timezone.localdate()
    enrollment = Enrollment.objects.create(
        user=runner, programme_id="anterior-knee-pain", start=today - dt.timedelta(days=24)
    )
    for ago in (6, 4):
        JournalEntry.objects.create(
            user=runner,
            enrollment=enrollment,
            date=today - dt.timedelta(days=ago),
            kind="strength",
            pain_during=2,
            pain_after=0,
        )
    return runner


@pytest.mark.django_db(transaction=True)
def test_the_physio_reads_why_switches_to_trek_and_the_decision_changes(
    make_page: Any, axe: Any, shot: Any
) -> None:
    physio = patients.create_clinician("physio@example.org", "pw-long-enough", name="Mette Fysio")
    runner = knee_runner(physio)
    page = make_page(viewport=DESKTOP)
    verified_login(page, physio)
    page.goto(page.base + f"/clinic/patients/{runner.pk}/")
    programme = page.locator("#programme")
    assert HURT in programme.inner_text()
    why = programme.locator("details.why-sources")
    assert not why.locator("ul").is_visible()
    why.locator("summary").click()
    assert "section “Sådan træner du, når du har forreste knæsmerter”" in why.inner_text()
    assert axe(page) == []
    page.get_by_label("Pain monitoring (TREK)", exact=False).check()
    page.get_by_role("button", name="Switch the rules").click()
    page.wait_for_url("**#rules")
    rules = page.locator("#rules")
    assert "Chosen by Mette Fysio" in rules.inner_text()
    assert "Mette Fysio switched from “The hospital handout's rules" in rules.inner_text()
    assert HURT not in page.locator("#programme").inner_text()
    assert "Rules followed: Pain monitoring (TREK)" in page.locator("#programme").inner_text()
    assert axe(page) == []
    shot(page, "rules-patient-switched-1280")


@pytest.mark.django_db(transaction=True)
def test_the_runner_opens_why_on_today(make_page: Any, axe: Any, shot: Any, login: Any) -> None:
    physio = patients.create_clinician("physio@example.org", "pw-long-enough")
    runner = knee_runner(physio)
    page = make_page(viewport=PHONE, locale="da-DK")
    runner.language = "da"
    runner.save()
    login(page, runner)
    page.goto(page.base + "/today/")
    track = page.locator("section.track").first
    assert "Regler: Hospitalets regler" in track.inner_text()
    track.locator("details.why-sources summary").click()
    text = track.locator("details.why-sources").inner_text()
    assert "Kilde: Fra hospitalets pjece om smerter foran i knæet (kilde 000)" in text
    assert axe(page) == []
    no_sideways_scroll(page)
    shot(page, "rules-today-why-da-360")


@pytest.mark.django_db(transaction=True)
def test_a_runner_starts_in_phase_four_and_says_later_in_settings_that_phase_three_was_fine(
    make_page: Any, axe: Any, shot: Any, login: Any
) -> None:
    from strideback.training import onboarding

    runner = User.objects.create_user("mads@example.org", "pw-12345678", language="en")
    onboarding.save_areas(runner, ("front_of_knee",))
    onboarding.save_goal(runner, "back_to_5k")
    page = make_page(viewport=PHONE)
    login(page, runner)
    page.goto(page.base + "/start/programmes/")
    page.get_by_label("Start in phase").select_option("4")
    page.get_by_label("I'm not sure").check()
    assert axe(page) == []
    shot(page, "rules-start-phase-360")
    page.get_by_role("button", name="Let's start").click()
    page.wait_for_url("**/start/reminders/")  # the last, optional step
    page.goto(page.base + "/today/")
    track = page.locator("section.track").first
    assert "No running yet: phase 3 is not logged here" in track.inner_text()
    page.get_by_role("link", name="Say how the earlier phases went, in Settings").click()
    page.wait_for_url("**/settings/#earlier")
    assert "You started in phase 4." in page.locator("#earlier").inner_text()
    assert axe(page) == []
    shot(page, "rules-settings-earlier-360")
    page.locator("#earlier").get_by_label("Yes, without knee pain").check()
    page.locator("#earlier").get_by_role("button", name="Save").click()
    page.wait_for_url("**/settings/#earlier-*")
    assert "that they went without knee pain" in page.locator("#earlier").inner_text()
    page.goto(page.base + "/today/")
    assert "You may run" in page.locator("section.track").first.inner_text()
    knee = Enrollment.objects.get(user=runner, programme_id="anterior-knee-pain")
    assert knee.earlier_pain_free is True and knee.earlier_stated_by == runner


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("programme", ["leg-axis", "plantar-heel-pain"])
def test_the_programme_page_marks_stridebacks_advice_and_is_axe_clean(
    make_page: Any, axe: Any, shot: Any, programme: str
) -> None:
    page = make_page(viewport=PHONE)
    page.goto(page.base + f"/programmes/{programme}/")
    marks = page.locator(".ours-mark")
    if programme == "leg-axis":
        assert marks.count() == 3  # how often, and the steps of both mirror-knee items
    else:
        assert "Doses from: Rathleff 2015" in page.locator(".doses-source").inner_text()
    assert axe(page) == []
    no_sideways_scroll(page)
    shot(page, f"rules-programme-{programme}-360")
