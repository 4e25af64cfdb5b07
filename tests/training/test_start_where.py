"""Start where you are (issue #16 item 6): onboarding lets the runner start in any phase; past
phase 1 it asks whether the earlier phases went without knee pain, records the answer as the
runner's, and the running gate follows the seed with it; Settings takes the answer later."""

from __future__ import annotations

import html

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from strideback.accounts.models import Role, User
from strideback.training import onboarding
from strideback.training.models import Enrollment

KNEE = ["anterior-knee-pain", "return-to-run-5k"]
NO_LOG = "No running yet: phase 3 is not logged here"


def _ready(runner: User) -> None:
    onboarding.save_areas(runner, ("front_of_knee",))
    onboarding.save_goal(runner, "back_to_5k")


def _start(client: Client, **fields: object) -> object:
    data = {"programmes": KNEE, "start": timezone.localdate().isoformat(), **fields}
    return client.post(reverse("start_programmes"), data)


def _today(client: Client) -> str:
    return html.unescape(client.get(reverse("today")).content.decode())


@pytest.mark.django_db
def test_the_programme_step_offers_every_phase_and_the_question(
    logged_in: Client, runner: User
) -> None:
    _ready(runner)
    page = html.unescape(logged_in.get(reverse("start_programmes")).content.decode())
    options = page.split('name="start_phase"')[1].split("</select>")[0]
    assert [f'value="{n}"' in options for n in range(1, 6)] == [True] * 5
    assert "did you do the earlier phases without knee pain" in page
    assert "You can answer later in Settings." in page


@pytest.mark.django_db
def test_the_start_date_limits_are_in_the_hint(logged_in: Client, runner: User) -> None:
    _ready(runner)
    page = html.unescape(logged_in.get(reverse("start_goal")).content.decode())
    hint = page.split('id="start-help">')[1].split("</p>")[0]
    assert "up to three months ahead, or up to four weeks back" in hint


@pytest.mark.django_db
def test_phase_four_without_an_answer_keeps_running_shut_and_points_to_settings(
    logged_in: Client, runner: User
) -> None:
    """Seed 000: running "tidligst i fase 4, og kun hvis du ikke har haft knæsmerter i den
    foregående fase" -- nobody said phase 3 was pain-free, so running waits."""
    _ready(runner)
    assert _start(logged_in, start_phase="4", earlier="")["Location"] == reverse("start_reminders")
    knee = Enrollment.objects.get(user=runner, programme_id="anterior-knee-pain")
    assert knee.start_phase == 4 and knee.earlier_pain_free is None
    page = _today(logged_in)
    assert NO_LOG in page
    assert f'href="{reverse("settings")}#earlier"' in page


@pytest.mark.django_db
def test_phase_four_with_a_yes_is_recorded_as_the_runners_word_and_opens_running(
    logged_in: Client, runner: User
) -> None:
    _ready(runner)
    _start(logged_in, start_phase="4", earlier="yes")
    knee = Enrollment.objects.get(user=runner, programme_id="anterior-knee-pain")
    assert knee.earlier_pain_free is True and knee.earlier_stated_by == runner
    assert knee.earlier_stated_at is not None
    page = _today(logged_in)
    assert "No running yet" not in page
    assert "You may run: next up is week 1, day 1" in page


@pytest.mark.django_db
def test_phase_four_with_a_no_keeps_running_shut_and_says_so(
    logged_in: Client, runner: User
) -> None:
    _ready(runner)
    _start(logged_in, start_phase="4", earlier="no")
    assert (
        Enrollment.objects.get(user=runner, programme_id="anterior-knee-pain").earlier_pain_free
        is False
    )
    assert "the training before was not free of knee pain" in _today(logged_in)


@pytest.mark.django_db
def test_a_phase_the_programmes_lack_names_the_field_and_saves_nothing(
    logged_in: Client, runner: User
) -> None:
    _ready(runner)
    for bad in ("9", "two", "0"):
        response = _start(logged_in, start_phase=bad)
        assert response.status_code == 400
        assert "Start in phase: pick a phase that every programme you chose has." in html.unescape(
            response.content.decode()
        )
    assert not Enrollment.objects.filter(user=runner).exists()


@pytest.mark.django_db
def test_settings_takes_the_word_later_and_running_opens(logged_in: Client, runner: User) -> None:
    _ready(runner)
    _start(logged_in, start_phase="4")
    knee = Enrollment.objects.get(user=runner, programme_id="anterior-knee-pain")
    page = html.unescape(logged_in.get(reverse("settings")).content.decode())
    assert 'id="earlier"' in page and "You started in phase 4." in page
    url = reverse("earlier_phases", args=[knee.pk])
    bad = logged_in.post(url, {"earlier": "maybe"}, follow=True)
    assert "Earlier phases without knee pain: pick yes or no." in html.unescape(
        bad.content.decode()
    )
    knee.refresh_from_db()
    assert knee.earlier_pain_free is None
    response = logged_in.post(url, {"earlier": "yes"})
    assert response["Location"] == f"{reverse('settings')}#earlier-{knee.pk}"
    knee.refresh_from_db()
    assert knee.earlier_pain_free is True and knee.earlier_stated_by == runner
    assert NO_LOG not in _today(logged_in)
    page = html.unescape(logged_in.get(reverse("settings")).content.decode())
    assert "that they went without knee pain" in page


@pytest.mark.django_db
def test_someone_elses_programme_is_a_404_and_a_physios_word_is_theirs(
    logged_in: Client, runner: User
) -> None:
    other = User.objects.create_user("other@example.org", "pw-12345678", role=Role.RUNNER)
    theirs = Enrollment.objects.create(
        user=other, programme_id="anterior-knee-pain", start=timezone.localdate(), start_phase=4
    )
    assert (
        logged_in.post(reverse("earlier_phases", args=[theirs.pk]), {"earlier": "yes"}).status_code
        == 404
    )
    physio = User.objects.create_user("physio@example.org", "pw-12345678", role=Role.CLINICIAN)
    mine = Enrollment.objects.create(
        user=runner,
        programme_id="anterior-knee-pain",
        start=timezone.localdate(),
        start_phase=4,
        earlier_pain_free=False,
        earlier_stated_by=physio,
        earlier_stated_at=timezone.now(),
    )
    page = html.unescape(logged_in.get(reverse("settings")).content.decode())
    assert "Your physiotherapist noted on" in page
    assert reverse("earlier_phases", args=[mine.pk]) not in page
    logged_in.post(reverse("earlier_phases", args=[mine.pk]), {"earlier": "yes"})
    mine.refresh_from_db()
    assert mine.earlier_pain_free is False and mine.earlier_stated_by == physio
