"""The clinician's side: patients and their flags, prescriptions, red-flag clearance, handouts.

Every endpoint needs role clinician and a second factor (see ``api.auth``). Every patient id
goes through ``clinic.patients.patient``: a runner without an ACTIVE care link with this
clinician is a 404, the same as a runner who does not exist.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from pydantic import Field

from strideback.accounts import services as account_services
from strideback.api import fhir as fhir_api
from strideback.api.auth import CLINICIAN_AUTH
from strideback.api.outcomes import OutcomesOut
from strideback.api.render import json_text
from strideback.api.routers.journal import entry_out
from strideback.api.schemas import (
    ERRORS,
    AdjustIn,
    ClearanceIn,
    ClearanceOut,
    In,
    InviteIn,
    InviteOut,
    PatientDetail,
    PatientOut,
    PrescribeIn,
    PrescriptionOut,
    RowId,
)
from strideback.api.schemas_reads import NoteOut
from strideback.clinic import handout, patient_list, prescriptions
from strideback.clinic import notes as notes_service
from strideback.clinic import patients as patients_service
from strideback.clinic.flags import row_data
from strideback.core.content.library import default_library
from strideback.training.asking import due_for, set_choice
from strideback.training.models import Enrollment
from strideback.training.outcomes import outcomes

router = Router(tags=["clinician"], auth=CLINICIAN_AUTH)

JOURNAL_DAYS = 28  # the patient page shows the last four weeks


def prescription_out(e: Enrollment) -> dict[str, Any]:
    return {
        "id": e.pk,
        "runner_id": e.user_id,
        "programme_id": e.programme_id,
        "start": e.start,
        "active": e.active,
        "adjustments": e.adjustments,
        "thresholds": e.thresholds,
        "note_to_runner": e.note_to_runner,
        "prescribed_by_id": e.prescribed_by_id,
        "rule_set": e.rule_set or default_library().programme(e.programme_id).rule_sets[0],
        "rule_set_by_id": e.rule_set_by_id,
        "rule_set_at": e.rule_set_at,
        "start_phase": e.start_phase,
        "earlier_phases_pain_free": e.earlier_pain_free,
        "earlier_stated_by_id": e.earlier_stated_by_id,
        "earlier_stated_at": e.earlier_stated_at,
    }


class ListQuery(Schema):
    sort: str = "attention"


def today_date() -> dt.date:
    return timezone.localdate()


@router.get("/patients", response={200: list[PatientOut], **ERRORS}, summary="My patients")
def patients(request: HttpRequest, q: Query[ListQuery]) -> HttpResponse:
    body = patient_list.patient_list_json(request.auth, today_date(), sort=q.sort)
    return json_text(body)


@router.get(
    "/flags",
    response={200: list[PatientOut], **ERRORS},
    summary="Patients who need attention, most urgent first",
)
def flags(request: HttpRequest) -> HttpResponse:
    body = patient_list.patient_list_json(
        request.auth, today_date(), sort="attention", attention_only=True
    )
    return json_text(body)


@router.get(
    "/patients/{runner_id}",
    response={200: PatientDetail, **ERRORS},
    summary="One patient: flags, prescriptions and the last four weeks of journal",
)
def patient_detail(request: HttpRequest, runner_id: RowId) -> dict[str, Any]:
    runner = patients_service.patient(request.auth, runner_id)  # 404 unless an active patient
    on = today_date()
    entries = patients_service.journal(
        request.auth, runner, on - dt.timedelta(days=JOURNAL_DAYS), on
    )
    enrollments = list(Enrollment.objects.filter(user=runner).order_by("-active", "-start"))
    programmes = {e.pk: e.programme_id for e in enrollments}
    return {
        "patient": row_data(patients_service.patient_row(request.auth, runner, on)),
        "prescriptions": [prescription_out(e) for e in enrollments],
        "journal": [entry_out(e, programmes) for e in entries],
    }


@router.post(
    "/patients/{runner_id}/prescriptions",
    response={201: PrescriptionOut, **ERRORS},
    summary="Prescribe a library programme (replaces an active one of the same kind)",
)
def prescribe(
    request: HttpRequest, runner_id: RowId, payload: PrescribeIn
) -> Status[dict[str, Any]]:
    runner = patients_service.patient(request.auth, runner_id)
    enrollment = prescriptions.prescribe(
        request.auth,
        runner,
        payload.programme_id,
        payload.start,
        adjustments=payload.adjustments,
        thresholds=payload.thresholds,
        note=payload.note,
        now=timezone.now(),
        rule_set=payload.rule_set,
        start_phase=payload.start_phase,
        earlier_pain_free=payload.earlier_phases_pain_free,
        with_run_plan=payload.with_run_plan,
    )
    return Status(201, prescription_out(enrollment))


@router.patch(
    "/patients/{runner_id}/prescription",
    response={200: PrescriptionOut, **ERRORS},
    summary="Adjust the active prescription (only the fields given)",
)
def adjust(request: HttpRequest, runner_id: RowId, payload: AdjustIn) -> dict[str, Any]:
    runner = patients_service.patient(request.auth, runner_id)
    enrollment = prescriptions.adjust(
        request.auth,
        runner,
        enrollment_id=payload.enrollment_id,
        adjustments=payload.adjustments,
        thresholds=payload.thresholds,
        note=payload.note,
        rule_set=payload.rule_set,
        earlier_pain_free=payload.earlier_phases_pain_free,
        now=timezone.now(),
    )
    return prescription_out(enrollment)


@router.post(
    "/patients/{runner_id}/clearances",
    response={201: ClearanceOut, **ERRORS},
    summary="Clear a red-flag stop after seeing the patient",
)
def clear_red_flag(
    request: HttpRequest, runner_id: RowId, payload: ClearanceIn
) -> Status[dict[str, Any]]:
    runner = patients_service.patient(request.auth, runner_id)
    clearance = notes_service.clear_red_flag(
        request.auth,
        runner,
        on=payload.on or today_date(),
        note=payload.note,
        now=timezone.now(),
        by_mistake=payload.by_mistake,
    )
    out = {
        "id": clearance.pk,
        "runner_id": runner.pk,
        "cleared_on": clearance.cleared_on,
        "note": clearance.note,
        "by_mistake": clearance.by_mistake,
    }
    return Status(201, out)


class NoteIn(In):
    text: str


@router.post(
    "/patients/{runner_id}/notes",
    response={201: NoteOut, **ERRORS},
    summary="A private clinical note (seen only by its author)",
)
def add_note(request: HttpRequest, runner_id: RowId, payload: NoteIn) -> Status[dict[str, Any]]:
    runner = patients_service.patient(request.auth, runner_id)
    note = notes_service.add_note(request.auth, runner, payload.text, now=timezone.now())
    return Status(201, {"id": note.pk, "text": note.text, "created_at": note.created_at})


@router.get(
    "/patients/{runner_id}/notes",
    response={200: list[NoteOut], **ERRORS},
    summary="My notes about this patient, newest first",
)
def notes(request: HttpRequest, runner_id: RowId) -> list[dict[str, Any]]:
    runner = patients_service.patient(request.auth, runner_id)
    return [
        {"id": n.pk, "text": n.text, "created_at": n.created_at}
        for n in notes_service.notes(request.auth, runner)
    ]


@router.delete(
    "/patients/{runner_id}",
    response={204: None, **ERRORS},
    summary="Stop following this patient (the care link ends)",
)
def stop_following(request: HttpRequest, runner_id: RowId) -> Status[None]:
    account_services.stop_sharing(request.auth, runner_id, now=timezone.now())
    return Status(204, None)


class HandoutQuery(Schema):
    lang: str | None = None


PDF = {200: {"content": {"application/pdf": {}}, "description": "the handout as PDF"}}


def _pdf(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    return response


@router.get(
    "/patients/{runner_id}/handout.pdf",
    response={200: None, **ERRORS},
    openapi_extra={"responses": PDF},
    summary="The patient's prescribed programme as a printable handout",
)
def patient_handout(request: HttpRequest, runner_id: RowId, q: Query[HandoutQuery]) -> HttpResponse:
    runner = patients_service.patient(request.auth, runner_id)
    data = handout.handout_pdf(request.auth, runner=runner, lang=q.lang)
    return _pdf(data, f"strideback-handout-{runner_id}")


class QuestionnaireChoiceIn(In):
    add: list[str] = []
    skip: list[str] = []


class QuestionnaireChoiceOut(Schema):
    add: list[str] = Field(description="questionnaires asked for on top of the programme's")
    skip: list[str] = Field(description="questionnaires not asked for")
    due: list[str] = Field(description="questionnaires due now")


@router.put(
    "/patients/{runner_id}/questionnaires",
    response={200: QuestionnaireChoiceOut, **ERRORS},
    summary="Add or skip questionnaires for this patient (on top of the programmes' own)",
)
def patient_questionnaires(
    request: HttpRequest, runner_id: RowId, payload: QuestionnaireChoiceIn
) -> dict[str, Any]:
    runner = patients_service.patient(request.auth, runner_id)  # 404 unless an active patient
    add, skip = set_choice(runner, payload.add, payload.skip)
    return {"add": add, "skip": skip, "due": due_for(runner, today_date())}


@router.get(
    "/patients/{runner_id}/outcomes",
    response={200: OutcomesOut, **ERRORS},
    summary="The patient's outcome series: questionnaire scores, runs from the watch, loads",
)
def patient_outcomes(
    request: HttpRequest, runner_id: RowId, q: Query[HandoutQuery]
) -> dict[str, Any]:
    runner = patients_service.patient(request.auth, runner_id)  # 404 unless an active patient
    return outcomes(runner, fhir_api.language_for(runner, q.lang))


@router.get(
    "/patients/{runner_id}/export/fhir",
    response={200: None, **ERRORS},
    openapi_extra={"responses": fhir_api.RESPONSES},
    summary="The patient's record as a FHIR R4 Bundle (application/fhir+json)",
    url_name="clinician_patient_fhir",
)
def patient_fhir(request: HttpRequest, runner_id: RowId, q: Query[HandoutQuery]) -> HttpResponse:
    runner = patients_service.patient(request.auth, runner_id)  # 404 unless an active patient
    return fhir_api.respond(runner, q.lang)


@router.get(
    "/programmes/{programme_id}/handout.pdf",
    response={200: None, **ERRORS},
    openapi_extra={"responses": PDF},
    summary="Any library programme as a printable handout",
)
def programme_handout(
    request: HttpRequest, programme_id: str, q: Query[HandoutQuery]
) -> HttpResponse:
    data = handout.handout_pdf(request.auth, programme_id=programme_id, lang=q.lang)
    return _pdf(data, f"strideback-{programme_id}")


@router.post(
    "/invites",
    response={201: InviteOut, **ERRORS},
    summary="Invite a runner (they accept at the returned URL)",
)
def invite(request: HttpRequest, payload: InviteIn) -> Status[dict[str, Any]]:
    link = patients_service.invite(request.auth, payload.email, now=timezone.now())
    url = request.build_absolute_uri(reverse("invite", args=[link.token]))
    out = {"id": link.pk, "email": link.invited_email, "status": link.status, "url": url}
    return Status(201, out)
