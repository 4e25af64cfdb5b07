"""The clinician's service functions: links, prescriptions, flags with evidence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from strideback.accounts import services as account_services
from strideback.accounts.models import CareLinkStatus, User
from strideback.clinic import notes, patient_list, patients, prescriptions
from strideback.clinic.flags import FlagCode
from strideback.clinic.models import ClinicalNote
from strideback.training import calendar
from strideback.training.models import Enrollment, RedFlagClearance
from tests.clinic.conftest import NOW, ON, entry, link


def test_a_clinician_sees_only_their_own_active_patients(
    clinician: User, patient: User, make_runner: Callable[..., User]
) -> None:
    stranger = make_runner("other@example.org", "Other")
    other_physio = patients.create_clinician("other-physio@example.org", "pw-long-enough")
    link(other_physio, stranger)
    rows = patient_list.patient_list(clinician, ON)
    assert [r.runner_id for r in rows] == [patient.pk]
    with pytest.raises(patients.NotYourPatient):
        patients.patient(clinician, stranger.pk)


def test_a_runner_who_stops_sharing_disappears_from_the_list(
    clinician: User, patient: User
) -> None:
    link_ = account_services.stop_sharing(patient, clinician.pk, now=NOW)
    assert link_.status == CareLinkStatus.STOPPED
    assert patient_list.patient_list(clinician, ON) == []
    with pytest.raises(patients.NotYourPatient):
        notes.add_note(clinician, patient, "hello", now=NOW)


def test_an_invitation_is_a_link_waiting_for_the_runner(clinician: User) -> None:
    invitation = patients.invite(clinician, "Runner@Example.org ", now=NOW)
    assert (invitation.status, invitation.invited_email) == ("invited", "runner@example.org")
    assert len(invitation.token) >= 24
    with pytest.raises(patients.ClinicError, match="email"):
        patients.invite(clinician, "not-an-address", now=NOW)


def test_pain_above_the_limit_is_flagged_with_the_entry_value_and_limit(
    clinician: User, patient: User
) -> None:
    bad = entry(patient, ON - dt.timedelta(days=2), pain_during=3, pain_after=1)
    entry(patient, ON - dt.timedelta(days=10), pain_during=6)  # older than 7 days
    (row,) = patient_list.patient_list(clinician, ON)
    flag = row.flag(FlagCode.PAIN_ABOVE_LIMIT)
    assert flag is not None
    assert [(e.entry_id, e.field, e.value, e.limit) for e in flag.evidence] == [
        (bad.pk, "pain_during", 3, 0.0),
        (bad.pk, "pain_after", 1, 0.0),
    ]


def test_a_clinicians_higher_limit_silences_the_flag(clinician: User, patient: User) -> None:
    entry(patient, ON - dt.timedelta(days=2), pain_during=3, pain_after=2)
    prescriptions.adjust(clinician, patient, thresholds={"pain_during_max": 3, "pain_after_max": 3})
    (row,) = patient_list.patient_list(clinician, ON)
    assert row.flag(FlagCode.PAIN_ABOVE_LIMIT) is None


def test_rising_pain_compares_this_week_with_last(clinician: User, patient: User) -> None:
    for days, pain in ((12, 1), (10, 1), (5, 3), (3, 4)):
        entry(patient, ON - dt.timedelta(days=days), pain_during=pain)
    (row,) = patient_list.patient_list(clinician, ON)
    flag = row.flag(FlagCode.PAIN_RISING)
    assert flag is not None and flag.facts == {"before": 1.0, "now": 3.5}
    assert len(flag.entry_ids) == 4


def test_missed_sessions_are_the_sessions_the_plan_called_for_and_nobody_logged(
    clinician: User, patient: User
) -> None:
    # Every other day from ON - 20; the window is the 14 days before today. One session done
    # (ON - 9): the plan moves the next one to two days after it, so ON - 8 is not missed.
    entry(patient, ON - dt.timedelta(days=9))
    (row,) = patient_list.patient_list(clinician, ON)
    flag = row.flag(FlagCode.MISSED_SESSIONS)
    assert flag is not None
    assert (flag.facts["missed"], flag.facts["done"], flag.facts["expected"]) == (7, 1, 8)
    assert flag.facts["days"] == 14 and flag.facts["last"] == ON - dt.timedelta(days=9)


def test_days_under_a_red_flag_stop_are_not_counted_as_missed(
    clinician: User, patient: User
) -> None:
    entry(patient, ON - dt.timedelta(days=9))
    entry(patient, ON - dt.timedelta(days=4), red_flags=["knee_locked"], kind="check")
    (row,) = patient_list.patient_list(clinician, ON)
    assert row.flag(FlagCode.RED_FLAG) is not None
    flag = row.flag(FlagCode.MISSED_SESSIONS)
    assert flag is not None  # ON-14, -12, -10, -7 and -5; from the stop on, nothing is due
    assert (flag.facts["missed"], flag.facts["done"]) == (5, 1)
    entry(patient, ON - dt.timedelta(days=13), red_flags=["knee_locked"], kind="check")
    (row,) = patient_list.patient_list(clinician, ON)
    assert row.flag(FlagCode.MISSED_SESSIONS) is None  # only ON - 14, before the stop


def test_the_runners_calendar_and_the_clinicians_list_count_the_same_missed_sessions(
    clinician: User, patient: User
) -> None:
    """One definition of "missed": a month of a runner's journal, with sessions done, skipped,
    ended early and missed, a painful run and a red flag cleared; the calendar of the flag's
    window and the flag count the same sessions."""
    Enrollment.objects.filter(user=patient).update(start=ON - dt.timedelta(days=30))
    knee = Enrollment.objects.get(user=patient)
    runs = Enrollment.objects.create(
        user=patient, programme_id="return-to-run-5k", start=ON - dt.timedelta(days=30)
    )
    for days in (30, 28, 24, 22, 19, 13, 11, 6):
        entry(patient, ON - dt.timedelta(days=days), enrollment=knee)
    entry(patient, ON - dt.timedelta(days=26), completed=False, enrollment=knee)  # skipped
    entry(patient, ON - dt.timedelta(days=17), completed=False, sets_done=1, enrollment=knee)
    entry(patient, ON - dt.timedelta(days=3), kind="run", run_minutes=14, enrollment=runs)
    entry(patient, ON - dt.timedelta(days=15), red_flags=["knee_locked"], kind="check")
    notes.clear_red_flag(clinician, patient, on=ON - dt.timedelta(days=14), note="ok", now=NOW)
    (row,) = patient_list.patient_list(clinician, ON)
    flag = row.flag(FlagCode.MISSED_SESSIONS)
    first, last = ON - dt.timedelta(days=14), ON - dt.timedelta(days=1)
    page = calendar.calendar(patient, first, last, ON, "en")
    shown = [
        (day.date, mark.kind)
        for week in page.weeks
        for day in week.days
        if first <= day.date <= last
        for mark in day.marks
        if mark.status == "missed"
    ]
    assert len(shown) >= 2, "the month was built to miss sessions"
    assert flag is not None and flag.facts["missed"] == len(shown)


def test_a_red_flag_stays_until_the_clinician_clears_it(clinician: User, patient: User) -> None:
    entry(patient, ON - dt.timedelta(days=40), red_flags=["knee_locked"], kind="check")
    (row,) = patient_list.patient_list(clinician, ON)
    assert row.flag(FlagCode.RED_FLAG) is not None
    assert row.needs_attention and row.urgency >= 1000
    clearance = notes.clear_red_flag(clinician, patient, on=ON, note="seen", now=NOW)
    assert (clearance.cleared_by, clearance.cleared_on) == (clinician, ON)
    (row,) = patient_list.patient_list(clinician, ON)
    assert row.flag(FlagCode.RED_FLAG) is None
    assert RedFlagClearance.objects.filter(user=patient, cleared_by=clinician).count() == 1


def test_running_paused_by_knee_pain_during_a_run_as_the_engine_decides(
    clinician: User, patient: User
) -> None:
    start = ON - dt.timedelta(weeks=13, days=1)
    Enrollment.objects.filter(user=patient).update(start=start)
    for day in range(0, (ON - start).days, 2):
        entry(patient, start + dt.timedelta(days=day), pain_during=0, pain_after=0)
    Enrollment.objects.create(
        user=patient, programme_id="return-to-run-5k", start=ON - dt.timedelta(days=7)
    )
    entry(patient, ON - dt.timedelta(days=5), kind="run", pain_during=0, run_week=1, run_day=1)
    (row,) = patient_list.patient_list(clinician, ON)
    assert row.flag(FlagCode.RUNNING_PAUSED) is None, "running went well"
    run = entry(
        patient, ON - dt.timedelta(days=1), kind="run", pain_during=4, run_week=1, run_day=2
    )
    (row,) = patient_list.patient_list(clinician, ON)
    flag = row.flag(FlagCode.RUNNING_PAUSED)
    assert flag is not None and flag.entry_ids == [run.pk]
    assert flag.evidence[0].value == 4


def test_the_list_leads_with_who_needs_attention(
    clinician: User, patient: User, make_runner: Callable[..., User]
) -> None:
    calm = make_runner("aa@example.org", "Aase")
    link(clinician, calm)
    entry(patient, ON, red_flags=["knee_locked"], kind="check")
    rows = patient_list.patient_list(clinician, ON)
    assert [r.runner_id for r in rows][0] == patient.pk
    by_name = patient_list.patient_list(clinician, ON, sort="name")
    assert [r.display_name for r in by_name] == ["Aase", "Søren"]
    with pytest.raises(patients.ClinicError, match="sort"):
        patient_list.patient_list(clinician, ON, sort="shoe-size")


def test_prescribing_replaces_the_active_programme_and_keeps_the_note(
    clinician: User, patient: User
) -> None:
    enrollment = prescriptions.prescribe(
        clinician,
        patient,
        "medial-knee-pain",
        ON,
        adjustments=[{"kind": "skip", "phase": 1, "position": "1"}],
        thresholds={"pain_during_max": 2},
        note="Roligt på trapperne",
        now=NOW,
    )
    active = list(Enrollment.objects.filter(user=patient, active=True))
    assert active == [enrollment]
    assert enrollment.prescribed_by == clinician
    assert enrollment.note_to_runner == "Roligt på trapperne"
    programme = prescriptions.prescribed_programme(enrollment)
    assert "1" not in [i.position for i in programme.phase(1).items]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        (
            {"adjustments": [{"kind": "swap", "phase": 1, "position": "2", "to": "easier"}]},
            "adjustments[0].to",
        ),
        ({"thresholds": {"pain_during_max": 11}}, "thresholds.pain_during_max"),
        ({"thresholds": {"shoe_size": 42}}, "thresholds.shoe_size"),
    ],
)
def test_bad_adjustments_change_nothing_and_name_the_field(
    clinician: User, patient: User, kwargs: dict[str, object], field: str
) -> None:
    with pytest.raises(patients.ClinicError) as err:
        prescriptions.adjust(clinician, patient, **kwargs)  # type: ignore[arg-type]
    assert err.value.field == field
    assert Enrollment.objects.get(user=patient).adjustments == []


def test_an_adjustment_takes_effect_in_the_prescribed_programme(
    clinician: User, patient: User
) -> None:
    enrollment = prescriptions.adjust(
        clinician,
        patient,
        adjustments=[{"kind": "dose", "phase": 1, "position": "2", "dose": {"hold_seconds": 15}}],
        note="Kortere planke",
    )
    programme = prescriptions.prescribed_programme(enrollment)
    assert programme.phase(1).items[1].dose.hold_seconds == 15
    assert enrollment.note_to_runner == "Kortere planke"


def test_clinical_notes_belong_to_their_author(clinician: User, patient: User) -> None:
    notes.add_note(clinician, patient, "Lateral knee tender", now=NOW)
    assert [n.text for n in notes.notes(clinician, patient)] == ["Lateral knee tender"]
    with pytest.raises(patients.ClinicError, match="text"):
        notes.add_note(clinician, patient, "   ", now=NOW)
    assert ClinicalNote.objects.count() == 1


def test_only_clinicians_invite(make_runner: Callable[..., User]) -> None:
    with pytest.raises(PermissionError):
        patients.invite(make_runner(), now=NOW)


@pytest.mark.parametrize("patients", [5, 200])
def test_the_patient_list_costs_the_same_queries_for_5_and_200_patients(
    clinician: User,
    make_runner: Callable[..., User],
    django_assert_num_queries: object,
    patients: int,
) -> None:
    for n in range(patients):
        runner = make_runner(f"r{n}@example.org", f"Runner {n}")
        link(clinician, runner)
        Enrollment.objects.create(user=runner, programme_id="anterior-knee-pain", start=ON)
        entry(runner, ON, pain_during=n % 4)
    with django_assert_num_queries(4):  # type: ignore[operator]
        rows = patient_list.patient_list(clinician, ON)
    assert len(rows) == patients


def test_the_runners_today_follows_a_prescription_at_once(clinician: User, patient: User) -> None:
    from strideback.training import today

    Enrollment.objects.filter(user=patient).update(start=ON)
    before = today.today(patient, ON, "en")
    names = [i.exercise for i in before.tracks[0].next_session.items]  # type: ignore[union-attr]
    assert "plank" in names
    prescriptions.adjust(
        clinician,
        patient,
        adjustments=[
            {"kind": "skip", "phase": 1, "position": "2"},
            {"kind": "dose", "phase": 1, "position": "5", "dose": {"hold_seconds": 10}},
        ],
        note="Drop the plank for now",
    )
    after = today.today(patient, ON, "en")
    track = after.tracks[0]
    items = {i.exercise: i for i in track.next_session.items}  # type: ignore[union-attr]
    assert "plank" not in items
    assert items["side-plank"].dose.startswith("3 × 10-second hold")
    assert track.note_to_runner == "Drop the plank for now"
