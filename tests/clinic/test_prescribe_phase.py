"""The physio prescribes from any phase, with their word on the phases before it (issue #16
item 6): recorded as the clinician's, and the runner's running gate follows it."""

from __future__ import annotations

import html

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from strideback.accounts.models import User
from strideback.training.models import Enrollment


def _prescribe(physio: Client, runner: User, **fields: str) -> str:
    data = {"programme": "anterior-knee-pain", "start": timezone.localdate().isoformat()}
    response = physio.post(
        reverse("clinic_prescribe", args=[runner.pk]), {**data, **fields}, follow=True
    )
    return html.unescape(response.content.decode())


@pytest.mark.django_db
def test_the_form_offers_the_phase_and_the_question(physio: Client, patient: User) -> None:
    page = html.unescape(physio.get(reverse("clinic_patient", args=[patient.pk])).content.decode())
    form = page.split('id="prescribe"')[1].split("</form>")[0]
    assert 'name="start_phase"' in form and 'value="5"' in form
    assert "were the earlier phases done without knee pain?" in form


@pytest.mark.django_db
def test_phase_four_with_the_physios_yes_is_recorded_as_theirs(
    physio: Client, clinician: User, patient: User
) -> None:
    _prescribe(physio, patient, start_phase="4", earlier="yes")
    knee = Enrollment.objects.get(user=patient, programme_id="anterior-knee-pain", active=True)
    assert knee.start_phase == 4 and knee.earlier_pain_free is True
    assert knee.earlier_stated_by == clinician and knee.earlier_stated_at is not None


@pytest.mark.django_db
def test_phase_four_unknown_records_no_word(physio: Client, patient: User) -> None:
    _prescribe(physio, patient, start_phase="4", earlier="")
    knee = Enrollment.objects.get(user=patient, programme_id="anterior-knee-pain", active=True)
    assert knee.start_phase == 4 and knee.earlier_pain_free is None
    assert knee.earlier_stated_by is None


@pytest.mark.django_db
def test_a_phase_the_programme_lacks_is_an_error_naming_the_field(
    physio: Client, patient: User
) -> None:
    before = Enrollment.objects.get(user=patient, active=True).pk
    for bad in ("7", "x"):
        page = _prescribe(physio, patient, start_phase=bad)
        assert "Please check Start in phase:" in page
    assert Enrollment.objects.get(user=patient, active=True).pk == before


@pytest.mark.django_db
def test_the_patient_page_says_who_gave_the_word_on_the_earlier_phases(
    physio: Client, patient: User
) -> None:
    _prescribe(physio, patient, start_phase="4")
    url = reverse("clinic_patient", args=[patient.pk])
    page = html.unescape(physio.get(url).content.decode())
    assert "Started in phase 4." in page
    assert "Nobody has said whether the earlier phases went without knee pain" in page
    knee = Enrollment.objects.get(user=patient, programme_id="anterior-knee-pain", active=True)
    knee.earlier_pain_free, knee.earlier_stated_by = True, patient
    knee.earlier_stated_at = timezone.now()
    knee.save()
    page = html.unescape(physio.get(url).content.decode())
    assert "Earlier phases without knee pain: said by the patient on" in " ".join(page.split())
