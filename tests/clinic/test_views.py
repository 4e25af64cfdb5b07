"""The clinic pages: who may see what, the TOTP step, and each form calling its service."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from strideback.accounts.models import User
from strideback.clinic import notes, patient_list, patients
from strideback.clinic.models import ClinicalNote
from strideback.training.models import Enrollment, RedFlagClearance
from tests.clinic.conftest import entry, verified_client


def code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_log_in(client: Client) -> None:
    response = client.get("/clinic/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=/clinic/")


def test_a_runner_gets_403_on_clinic_pages(patient: User) -> None:
    client = Client()
    client.force_login(patient)
    assert client.get("/clinic/").status_code == 403
    assert client.get(f"/clinic/patients/{patient.pk}/").status_code == 403


def test_a_clinician_without_an_authenticator_must_set_one_up(clinician: User) -> None:
    client = Client()
    client.force_login(clinician)
    response = client.get("/clinic/patients/1/")
    assert response.status_code == 302
    assert response["Location"].startswith("/clinic/2fa/")
    page = client.get("/clinic/2fa/")
    html = page.content.decode()
    assert "<svg" in html and "otpauth" not in html.split("<svg")[0]
    device = TOTPDevice.objects.get(user=clinician, confirmed=False)
    assert client.post("/clinic/2fa/", {"code": "000000"}).status_code == 400
    device.refresh_from_db()
    device.throttle_reset()  # a wrong code slows the next try down; the test need not wait
    response = client.post("/clinic/2fa/", {"code": code(device), "next": "/clinic/"})
    assert response.status_code == 302 and response["Location"] == "/clinic/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/clinic/").status_code == 200


def test_a_clinician_with_an_authenticator_types_the_code_each_login(clinician: User) -> None:
    device = TOTPDevice.objects.create(user=clinician, name="phone", confirmed=True)
    client = Client()
    client.force_login(clinician)
    assert client.get("/clinic/")["Location"].startswith("/clinic/verify/")
    assert client.post("/clinic/verify/", {"code": "123"}).status_code == 400
    assert client.get("/clinic/").status_code == 302
    device.refresh_from_db()
    device.throttle_reset()
    response = client.post("/clinic/verify/", {"code": code(device)})
    assert response.status_code == 302
    assert client.get("/clinic/").status_code == 200


def test_another_clinicians_patient_is_a_404(
    patient: User, make_runner: Callable[..., User]
) -> None:
    other = patients.create_clinician("other@example.org", "pw-long-enough")
    client = verified_client(other)
    assert client.get(f"/clinic/patients/{patient.pk}/").status_code == 404
    assert client.post(f"/clinic/patients/{patient.pk}/notes", {"text": "x"}).status_code == 404
    assert client.get(f"/clinic/patients/{patient.pk}/handout.pdf").status_code == 404
    assert ClinicalNote.objects.count() == 0


def test_the_patient_list_shows_flags_linking_to_their_entries(
    physio: Client, patient: User
) -> None:
    today = timezone.localdate()
    bad = entry(patient, today, pain_during=4)
    html = physio.get("/clinic/").content.decode()
    assert "Søren" in html
    assert "Pain above limit" in html
    assert f"/clinic/patients/{patient.pk}/#entry-{bad.pk}" in html
    assert physio.get("/clinic/?sort=-name").status_code == 200


def test_the_patient_page_shows_journal_chart_and_notes(physio: Client, patient: User) -> None:
    e = entry(patient, timezone.localdate(), pain_during=2, note="stairs hurt")
    notes.add_note(
        User.objects.get(email="physio@example.org"), patient, "private", now=timezone.now()
    )
    html = physio.get(f"/clinic/patients/{patient.pk}/").content.decode()
    assert f'id="entry-{e.pk}"' in html
    assert "stairs hurt" in html
    assert 'class="chart"' in html
    assert "private" in html


def test_prescribing_and_adjusting_through_the_forms(physio: Client, patient: User) -> None:
    url = f"/clinic/patients/{patient.pk}"
    physio.post(
        f"{url}/prescribe",
        {"programme": "anterior-knee-pain", "start": "2026-03-01", "note": "Hver anden dag"},
    )
    enrollment = Enrollment.objects.get(user=patient, active=True)
    assert (enrollment.start, enrollment.note_to_runner) == (dt.date(2026, 3, 1), "Hver anden dag")
    physio.post(f"{url}/adjust", {"kind": "easier", "phase": "2", "position": "4"})
    physio.post(
        f"{url}/adjust", {"kind": "dose", "phase": "1", "position": "2", "sets": "2", "hold": "20"}
    )
    physio.post(
        f"{url}/adjust",
        {"kind": "add", "phase": "1", "exercise": "front-thigh-stretch", "sets": "2", "hold": "30"},
    )
    physio.post(f"{url}/adjust", {"th_pain_during_max": "2", "note": "Max 2/10"})
    enrollment.refresh_from_db()
    assert [a["kind"] for a in enrollment.adjustments] == ["swap", "dose", "add"]
    assert enrollment.thresholds == {"pain_during_max": 2.0}
    physio.post(f"{url}/adjust", {"remove": "0"})
    enrollment.refresh_from_db()
    assert [a["kind"] for a in enrollment.adjustments] == ["dose", "add"]
    page = physio.get(f"{url}/").content.decode()
    assert "Max 2/10" in page


def test_a_bad_adjustment_is_reported_and_saves_nothing(physio: Client, patient: User) -> None:
    url = f"/clinic/patients/{patient.pk}"
    response = physio.post(
        f"{url}/adjust", {"kind": "easier", "phase": "1", "position": "2"}, follow=True
    )
    assert "adjustments[0].to" in response.content.decode()
    assert Enrollment.objects.get(user=patient).adjustments == []


def test_errors_name_the_field_as_the_form_labels_it(physio: Client, patient: User) -> None:
    url = f"/clinic/patients/{patient.pk}"
    bad_dose = {"kind": "dose", "phase": "1", "position": "2", "sets": "0", "hold": "20"}
    html = physio.post(f"{url}/adjust", bad_dose, follow=True).content.decode()
    assert "Please check Sets: must be greater than 0" in html
    assert "dose.sets" not in html
    html = physio.post(f"{url}/adjust", {"th_pain_during_max": "12"}, follow=True).content.decode()
    assert "Please check Pain during training, at most:" in html
    assert "thresholds.pain_during_max" not in html
    assert Enrollment.objects.get(user=patient).adjustments == []


def test_clearing_a_red_flag_records_who_and_when(
    physio: Client, patient: User, clinician: User
) -> None:
    entry(patient, timezone.localdate(), kind="check", red_flags=["knee_locked"])
    page = physio.get(f"/clinic/patients/{patient.pk}/").content.decode()
    assert "Red-flag stop" in page
    physio.post(f"/clinic/patients/{patient.pk}/clear-red-flag", {"note": "MRI normal"})
    clearance = RedFlagClearance.objects.get(user=patient)
    assert (clearance.cleared_by, clearance.note) == (clinician, "MRI normal")
    assert clearance.cleared_on == timezone.localdate()


def test_a_clearance_of_a_tick_made_by_mistake_is_recorded_and_shown_as_a_correction(
    physio: Client, patient: User
) -> None:
    entry(patient, timezone.localdate(), kind="check", red_flags=["knee_locked"])
    url = f"/clinic/patients/{patient.pk}/"
    physio.post(f"{url}clear-red-flag", {"note": "Phoned: meant no", "by_mistake": "yes"})
    assert RedFlagClearance.objects.get(user=patient).by_mistake
    assert "(a tick by mistake, corrected): Phoned: meant no" in physio.get(url).content.decode()


def test_a_clearance_without_a_finding_is_refused_naming_the_field(
    physio: Client, patient: User
) -> None:
    entry(patient, timezone.localdate(), kind="check", red_flags=["knee_locked"])
    response = physio.post(
        f"/clinic/patients/{patient.pk}/clear-red-flag", {"note": "  "}, follow=True
    )
    assert "What did you find? (saved with your name and the date): say what you found" in (
        response.content.decode()
    )
    assert not RedFlagClearance.objects.filter(user=patient).exists()


def test_the_invitation_mail_is_in_the_runners_own_language(
    physio: Client, make_runner: Callable[..., User], mailoutbox: list
) -> None:
    make_runner("lise@example.org", lang="da")
    physio.post("/clinic/invite/", {"email": "Lise@example.org"})
    physio.post("/clinic/invite/", {"email": "nobody-yet@example.org"})
    danish, page_language = mailoutbox
    assert "Strideback" in danish.subject and "inviterer" in danish.subject
    assert page_language.subject.endswith("invites you to Strideback")


def test_inviting_by_email_sends_the_link(physio: Client, mailoutbox: list) -> None:
    response = physio.post("/clinic/invite/", {"email": "new@example.org"}, follow=True)
    assert "/invite/" in response.content.decode()
    assert len(mailoutbox) == 1 and "/invite/" in mailoutbox[0].body


def test_stop_following_ends_the_link(physio: Client, patient: User) -> None:
    physio.post(f"/clinic/patients/{patient.pk}/stop")
    assert physio.get(f"/clinic/patients/{patient.pk}/").status_code == 404


def test_createclinician_makes_a_clinician_with_a_clinic_profile(db: object) -> None:
    from django.core.management import call_command

    call_command(
        "createclinician",
        "new-physio@example.org",
        "--password",
        "long-enough-pw",
        "--clinic",
        "Fysio Øst",
        "--phone",
        "12 34 56 78",
        "--language",
        "da",
    )
    user = User.objects.get(email="new-physio@example.org")
    assert user.is_clinician and user.language == "da"
    profile = user.clinician_profile  # type: ignore[attr-defined]
    assert (profile.clinic_name, profile.clinic_phone) == ("Fysio Øst", "12 34 56 78")


def test_createclinician_refuses_a_second_account_for_one_address(clinician: User) -> None:
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="already exists"):
        call_command("createclinician", clinician.email, "--password", "long-enough-pw")


def test_staff_manage_clinic_profiles_in_the_admin(admin_client: Client, clinician: User) -> None:
    response = admin_client.get("/admin/clinic/clinicianprofile/")
    assert response.status_code == 200
    assert "Fysio- og Ergoterapi, Hjørring" in response.content.decode()


def test_the_clinic_profile_sets_the_handout_cover(physio: Client, clinician: User) -> None:
    physio.post("/clinic/profile/", {"clinic_name": "Klinik Nord", "clinic_phone": "11 22 33 44"})
    profile = patients.profile(clinician)
    assert (profile.clinic_name, profile.clinic_phone) == ("Klinik Nord", "11 22 33 44")


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/"),
        ("post", "/prescribe"),
        ("post", "/adjust"),
        ("post", "/notes"),
        ("post", "/clear-red-flag"),
        ("post", "/stop"),
        ("get", "/handout.pdf"),
    ],
)
def test_every_patient_url_is_a_404_for_someone_elses_patient(
    patient: User, method: str, path: str
) -> None:
    other = patients.create_clinician("someone-else@example.org", "pw-long-enough")
    client = verified_client(other)
    response = getattr(client, method)(f"/clinic/patients/{patient.pk}{path}")
    assert response.status_code == 404
    assert RedFlagClearance.objects.count() == 0
    assert Enrollment.objects.get(user=patient).prescribed_by is None


def test_the_clinicians_pages_do_not_tell_them_to_ask_a_physiotherapist(
    physio: Client, patient: User
) -> None:
    for page in ("/clinic/", f"/clinic/patients/{patient.pk}/", "/clinic/library/"):
        response = physio.get(page)
        assert response.status_code == 200, page
        assert "ask a physiotherapist" not in response.content.decode(), page


def test_the_journal_tells_ended_early_from_skipped_and_a_check_is_neither(
    physio: Client, patient: User
) -> None:
    today = timezone.localdate()
    entry(patient, today - dt.timedelta(days=4), completed=False, sets_done=9)
    entry(patient, today - dt.timedelta(days=2), completed=False, sets_done=0)
    entry(patient, today, kind="check", red_flags=["knee_locked"], completed=False)
    html = physio.get(f"/clinic/patients/{patient.pk}/").content.decode()
    journal = html[html.index('class="journal') :]
    assert journal.count("(partly done: ended early)") == 1
    assert journal.count("(skipped)") == 1


def test_a_patient_with_two_programmes_can_have_each_adjusted(
    physio: Client, clinician: User, patient: User, make_runner: Callable[..., User]
) -> None:
    knee = Enrollment.objects.get(user=patient)
    heel = Enrollment.objects.create(
        user=patient, programme_id="plantar-heel-pain", start=knee.start
    )
    url = f"/clinic/patients/{patient.pk}/"
    page = physio.get(url).content.decode()
    # The newest is shown first, the same one the patient list shows
    (row,) = patient_list.patient_list(clinician, timezone.localdate())
    assert row.programme_id == "plantar-heel-pain"
    assert "Heel pain" in page and f'?enrollment={knee.pk}#programme"' in page
    assert "What the plan decided: Pain at the front of the knee" in page
    assert "What the plan decided: Heel pain" in page
    knee_page = physio.get(f"{url}?enrollment={knee.pk}").content.decode()
    assert f'adjust?enrollment={knee.pk}"' in knee_page
    response = physio.post(
        f"/clinic/patients/{patient.pk}/adjust?enrollment={knee.pk}",
        {"kind": "dose", "phase": "1", "position": "2", "sets": "2", "hold": "20"},
    )
    assert response["Location"] == f"{url}?enrollment={knee.pk}#adjust"
    knee.refresh_from_db()
    heel.refresh_from_db()
    assert [a["kind"] for a in knee.adjustments] == ["dose"] and heel.adjustments == []
    handout = physio.get(f"/clinic/patients/{patient.pk}/handout.pdf?enrollment={knee.pk}")
    assert handout.status_code == 200
    someone = make_runner("someone@example.org")
    theirs = Enrollment.objects.create(
        user=someone, programme_id="plantar-heel-pain", start=knee.start
    )
    assert physio.get(f"{url}?enrollment={theirs.pk}").status_code == 404
    bad = physio.post(f"/clinic/patients/{patient.pk}/adjust?enrollment={theirs.pk}", {"note": "x"})
    assert bad.status_code == 404
    theirs.refresh_from_db()
    assert theirs.note_to_runner == ""


def test_createclinician_without_a_terminal_or_password_is_a_one_line_error(
    tmp_path: object,
) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "strideback", "manage", "--data-dir", str(tmp_path)]
        + ["createclinician", "cron-physio@example.org", "--clinic", "Klinik Nord"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "--password" in lines[0] and "Traceback" not in done.stderr
