"""A physio prescribing the knee programme is offered its companion 5 km plan, as the runner's
own onboarding offers it (issue #16 item 7), and the patient page shows both."""

from __future__ import annotations

import pytest
from django.test import Client

from strideback.accounts.models import User
from strideback.training.models import Enrollment

pytestmark = pytest.mark.django_db


def test_the_prescribe_form_offers_the_knee_programmes_run_plan(
    physio: Client, patient: User
) -> None:
    page = physio.get(f"/clinic/patients/{patient.pk}/").content.decode()
    assert 'name="with_run_plan" value="yes" checked' in page
    assert "Pain at the front of the knee: with Back to running – 5 km in 12 weeks." in page


def test_prescribing_with_the_run_plan_puts_the_patient_on_both_and_the_page_shows_both(
    physio: Client, patient: User
) -> None:
    url = f"/clinic/patients/{patient.pk}/"
    physio.post(
        f"{url}prescribe",
        {"programme": "anterior-knee-pain", "start": "2026-03-01", "with_run_plan": "yes"},
    )
    active = set(
        Enrollment.objects.filter(user=patient, active=True).values_list("programme_id", flat=True)
    )
    assert active == {"anterior-knee-pain", "return-to-run-5k"}
    page = physio.get(url).content.decode()
    assert "<strong>Pain at the front of the knee</strong>" in page
    assert "With the running plan Back to running – 5 km in 12 weeks, from" in page


def test_the_box_is_ignored_for_a_programme_without_a_run_plan(
    physio: Client, patient: User
) -> None:
    physio.post(
        f"/clinic/patients/{patient.pk}/prescribe",
        {"programme": "plantar-heel-pain", "start": "2026-03-01", "with_run_plan": "yes"},
    )
    active = set(
        Enrollment.objects.filter(user=patient, active=True).values_list("programme_id", flat=True)
    )
    assert active == {"plantar-heel-pain"}  # it replaces the knee programme; no run plan
