"""The rule set on the patient page: shown with who chose it, switchable by the clinician to
one the programme offers (anything else is an error naming the field, nothing saved), each
switch kept in the page's history, and the runner's decision follows (issue #12 item 1)."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from strideback.accounts.models import User
from strideback.clinic.models import RuleSetChange
from strideback.training.models import Enrollment

from .conftest import entry, link

SEED = "The hospital handout's rules"
TREK = "Pain monitoring (TREK)"


@pytest.fixture
def knee_runner(clinician: User, make_runner: Callable[..., User]) -> User:
    """Week 4 of the knee programme; two sessions last week at 2/10 during: over the seed's
    0/10, within TREK's 2/10."""
    runner = make_runner(email="knee@example.org", lang="en")
    link(clinician, runner)
    today = timezone.localdate()
    Enrollment.objects.create(
        user=runner, programme_id="anterior-knee-pain", start=today - dt.timedelta(days=24)
    )
    for days in (6, 4):
        entry(runner, today - dt.timedelta(days=days), pain_during=2, pain_after=0)
    return runner


def _page(physio: Client, runner: User) -> str:
    url = reverse("clinic_patient", args=[runner.pk])
    return html.unescape(physio.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode())


def _rules(page: str) -> str:
    return page.split('<section id="rules"')[1].split("</section>")[0]


@pytest.mark.django_db
def test_the_page_shows_the_rules_and_offers_only_the_programmes_own(
    physio: Client, knee_runner: User
) -> None:
    rules = _rules(_page(physio, knee_runner))
    assert SEED in rules and "The programme's own rules" in rules
    offered = [part.split('"')[0] for part in rules.split('name="rule_set" value="')[1:]]
    assert offered == ["seed-000", "trek"]  # not silbernagel, pain-free or seed-004


@pytest.mark.django_db
def test_switching_to_trek_is_recorded_and_the_decision_changes(
    physio: Client, clinician: User, knee_runner: User
) -> None:
    before = _page(physio, knee_runner)
    assert "Keep an eye on it: your pain was 2/10 during" in before
    url = reverse("clinic_rule_set", args=[knee_runner.pk])
    response = physio.post(url, {"rule_set": "trek"})
    assert response.status_code == 302 and response["Location"].endswith("#rules")
    enrollment = Enrollment.objects.get(user=knee_runner, active=True)
    assert enrollment.rule_set == "trek" and enrollment.rule_set_by == clinician
    after = _page(physio, knee_runner)
    rules = _rules(after)
    assert f"<strong>{TREK}:" in rules
    assert "Chosen by Mette Fysio on" in rules
    assert f"Mette Fysio switched from “{SEED}" in rules and f"to “{TREK}:" in rules
    assert "Keep an eye on it: your pain was 2/10 during" not in after
    # the runner's Today says which rules apply now
    runner = Client()
    runner.force_login(knee_runner)
    today = html.unescape(runner.get(reverse("today")).content.decode())
    assert f"Rules followed: {TREK}" in today


@pytest.mark.django_db
def test_a_rule_set_the_programme_does_not_offer_is_a_form_error_and_saves_nothing(
    physio: Client, knee_runner: User
) -> None:
    url = reverse("clinic_rule_set", args=[knee_runner.pk])
    for bad in ("silbernagel", "", "no-such-rules"):
        response = physio.post(url, {"rule_set": bad}, follow=True)
        page = html.unescape(response.content.decode())
        assert (
            "Please check Rules to follow: choose one of the rules listed for this programme"
        ) in page
    enrollment = Enrollment.objects.get(user=knee_runner, active=True)
    assert enrollment.rule_set == "" and enrollment.rule_set_by is None
    assert not RuleSetChange.objects.exists()


@pytest.mark.django_db
def test_another_clinicians_patient_cannot_be_switched(
    knee_runner: User, make_runner: Callable[..., User]
) -> None:
    from strideback.clinic import patients

    from .conftest import verified_client

    other = patients.create_clinician("other@example.org", "pw-long-enough")
    url = reverse("clinic_rule_set", args=[knee_runner.pk])
    assert verified_client(other).post(url, {"rule_set": "trek"}).status_code == 404
    assert Enrollment.objects.get(user=knee_runner, active=True).rule_set == ""
