"""Me: my account, today, the current decision with its reasons, my plan, calendar, progress
and data export — the same service functions the runner's pages call (``training.today``,
``training.calendar``, ...).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Query, Router, Schema, Status
from pydantic import Field, StrictBool, StrictInt

from strideback.accounts import services as account_services
from strideback.api import fhir as fhir_api
from strideback.api.auth import USER_AUTH
from strideback.api.errors import ApiError
from strideback.api.outcomes import OutcomesOut
from strideback.api.render import json_text
from strideback.api.routers.journal import entry_out
from strideback.api.routers.programmes import language
from strideback.api.schemas import ERRORS, EntryOut, In, RowId
from strideback.api.schemas_reads import CalendarOut, DecisionOut, ExportOut, PlanOut
from strideback.core.content.library import default_library
from strideback.core.languages import Lang
from strideback.training import calendar as calendar_service
from strideback.training import export as export_service
from strideback.training import followed, onboarding, programmes, words
from strideback.training import morning as morning_service
from strideback.training import progress as progress_service
from strideback.training import today as today_service
from strideback.training.outcomes import outcomes
from strideback.words import explain

router = Router(tags=["me"], auth=USER_AUTH)


class MeOut(Schema):
    id: int = Field(description="my user id")
    email: str = Field(description="my e-mail address")
    name: str = Field(description="my name")
    role: str = Field(description="runner or clinician")
    language: str = Field(description="my language: da, en, de or nb")


class LangQuery(Schema):
    lang: str | None = None


def _lang(request: HttpRequest, asked: str | None) -> Lang:

    return language(request, asked)


def plain(value: Any) -> Any:
    """Service dataclasses (with enums, mapping proxies and tuples) as JSON-ready data."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [plain(v) for v in value]
    if isinstance(value, str):
        return str(value)  # a StrEnum as its plain value
    return value


def today_date() -> dt.date:
    return timezone.localdate()


@router.get("", response={200: MeOut, **ERRORS}, summary="My account")
def me(request: HttpRequest) -> dict[str, Any]:
    user = request.auth
    return {
        "id": user.pk,
        "email": user.email,
        "name": user.name,
        "role": user.role,
        "language": user.language,
    }


@router.get(
    "/today",
    response={200: today_service.TodayPage, **ERRORS},
    summary="Today: what to do and why, per programme (the Today page's data)",
)
def today(request: HttpRequest, q: Query[LangQuery]) -> HttpResponse:
    """The Today page's answer as kept (``training.today.kept_today_text``): the text is given
    as it is, and its schema is ``TodayPage``'s."""
    lang = _lang(request, q.lang)
    return json_text(today_service.kept_today_text(request.auth, today_date(), lang), lang=lang)


def _reason(reason: Any, lang: Lang) -> dict[str, Any]:
    text = words.reason(reason, lang)
    cited = reason.source
    source = cited.as_json() if cited is not None else None
    if source is not None:
        source["text"] = explain.source_text(cited, lang)
    return {"code": str(reason.code), "facts": plain(reason.facts), "text": text, "source": source}


@router.get(
    "/decision",
    response={200: list[DecisionOut], **ERRORS},
    summary="The engine's current decision per programme, with reason codes and sentences",
)
def decision(request: HttpRequest, q: Query[LangQuery]) -> list[dict[str, Any]]:
    lang = _lang(request, q.lang)
    out = []
    for one in followed.followed(request.auth, today_date(), days=1):
        state = one.state
        out.append(
            {
                "programme_id": state.programme,
                "rule_set": state.rule_set,
                "rule_set_name": explain.rule_set_name(state.rule_set, lang),
                "on": state.on,
                "status": str(state.status),
                "phase": state.phase,
                "week": state.week,
                "action": str(state.decision.action),
                "reasons": [_reason(r, lang) for r in state.decision.reasons],
                "running": {
                    "allowed": state.running.allowed,
                    "paused": state.running.paused,
                    "run_week": state.running.run_week,
                    "restart_on": state.running.restart_on,
                    "reasons": [_reason(r, lang) for r in state.running.reasons],
                },
                "warnings": [_reason(r, lang) for r in state.warnings],
                "advice": [_reason(r, lang) for r in state.advice],
                "red_flags": [{"code": str(f.flag), "date": f.date} for f in state.red_flags],
            }
        )
    return out


class PlanQuery(Schema):
    days: int = Field(14, ge=1, le=62)
    lang: str | None = None


@router.get(
    "/plan",
    response={200: PlanOut, **ERRORS},
    summary="My programmes and the sessions planned for the coming days",
)
def plan(request: HttpRequest, q: Query[PlanQuery]) -> dict[str, Any]:
    on, lang = today_date(), _lang(request, q.lang)
    page = calendar_service.calendar(request.auth, on, on + dt.timedelta(days=q.days - 1), on, lang)
    sessions = [
        {"date": day.date, **plain(mark)}
        for week in page.weeks
        for day in week.days
        for mark in day.marks
        if mark.status == "planned"
    ]
    enrollments = [
        {
            "id": e.pk,
            "programme_id": e.programme_id,
            "start": e.start,
            "prescribed": e.prescribed_by_id is not None,
            "note_to_runner": e.note_to_runner,
        }
        for e in programmes.active_enrollments(request.auth)
    ]
    return {"on": on, "programmes": enrollments, "sessions": sessions}


class CalendarQuery(Schema):
    start: dt.date | None = None
    end: dt.date | None = None
    lang: str | None = None


@router.get(
    "/calendar",
    response={200: CalendarOut, **ERRORS},
    summary="My calendar: done, missed and painful sessions and the plan ahead (at most 62 "
    "days; default this month)",
)
def calendar(request: HttpRequest, q: Query[CalendarQuery]) -> dict[str, Any]:
    on = today_date()
    first, last = calendar_service.month_range(on.year, on.month)
    page = calendar_service.calendar(
        request.auth, q.start or first, q.end or last, on, _lang(request, q.lang)
    )
    out: dict[str, Any] = plain(page)
    out.pop("token", None)  # the calendar subscription secret is shown on its page only
    return out


@router.get(
    "/progress",
    response={200: progress_service.ProgressPage, **ERRORS},
    summary="My progress: pain over time, sessions done against planned, phases",
)
def progress(request: HttpRequest, q: Query[LangQuery]) -> dict[str, Any]:
    page = progress_service.progress(request.auth, today_date(), _lang(request, q.lang))
    return plain(page)  # type: ignore[no-any-return]


@router.get(
    "/export",
    response={200: ExportOut, **ERRORS},
    summary="Everything Strideback holds about me (the data export)",
)
def export(request: HttpRequest) -> dict[str, Any]:
    return export_service.export_data(request.auth)


@router.get(
    "/outcomes",
    response={200: OutcomesOut, **ERRORS},
    summary="My outcome series: questionnaire scores (with the smallest important change), "
    "runs from the watch, loads",
)
def my_outcomes(request: HttpRequest, q: Query[LangQuery]) -> dict[str, Any]:
    return outcomes(request.auth, _lang(request, q.lang))


@router.get(
    "/export/fhir",
    response={200: None, **ERRORS},
    openapi_extra={"responses": fhir_api.RESPONSES},
    summary="My record as a FHIR R4 Bundle (application/fhir+json), for a hospital's system",
    url_name="me_export_fhir",
)
def export_fhir(request: HttpRequest, q: Query[LangQuery]) -> HttpResponse:
    return fhir_api.respond(request.auth, q.lang)


# --- state changes the runner's pages make ---------------------------------------------


class MorningIn(In):
    pain: StrictInt = Field(ge=0, le=10)


@router.post(
    "/morning",
    response={200: list[EntryOut], **ERRORS},
    summary="This morning's pain (0-10), stored on yesterday's sessions",
)
def morning(request: HttpRequest, payload: MorningIn) -> list[dict[str, Any]]:
    rows = morning_service.record_next_morning(request.auth, payload.pain, today_date())
    return [entry_out(r) for r in rows]


class EnrollIn(In):
    programme_ids: list[str] = Field(min_length=1, max_length=6)
    start: dt.date
    start_phase: StrictInt = Field(1, description="start the exercise programmes in this phase")
    earlier_phases_pain_free: StrictBool | None = Field(
        None, description="past phase 1: were the earlier phases done without knee pain?"
    )


class EnrollmentOut(Schema):
    id: int = Field(description="the enrollment id")
    programme_id: str = Field(description="the programme")
    start: dt.date = Field(description="its start")
    active: bool = Field(description="whether it is followed now")
    start_phase: int = Field(1, description="the phase the runner started in")
    earlier_phases_pain_free: bool | None = Field(
        None, description="someone's word on the phases before the start (null: not said)"
    )


def _enrollment(e: Any) -> dict[str, Any]:
    return {
        "id": e.pk,
        "programme_id": e.programme_id,
        "start": e.start,
        "active": e.active,
        "start_phase": e.start_phase,
        "earlier_phases_pain_free": e.earlier_pain_free,
    }


def _check_start_phase(programme_ids: list[str], phase: int) -> None:
    """Every exercise programme chosen must have the start phase (a 422 naming it if not)."""
    library = default_library()
    for pid in programme_ids:
        prog = library.programmes.get(pid)
        numbers = [p.number for p in prog.phases] if prog is not None else []
        if prog is not None and prog.kind == "exercises" and phase not in numbers:
            choices = ", ".join(str(n) for n in numbers)
            raise ApiError(422, f"'{pid}' has no phase {phase} (choose: {choices})", "start_phase")


@router.post(
    "/programmes",
    response={201: list[EnrollmentOut], **ERRORS},
    summary="Start following programmes (refused while red flags stop self-training)",
)
def enroll(request: HttpRequest, payload: EnrollIn) -> Status[list[dict[str, Any]]]:
    _check_start_phase(payload.programme_ids, payload.start_phase)
    rows = onboarding.enroll(
        request.auth,
        payload.programme_ids,
        payload.start,
        today_date(),
        start_phase=payload.start_phase,
        earlier_pain_free=payload.earlier_phases_pain_free,
    )
    return Status(201, [_enrollment(e) for e in rows])


@router.delete(
    "/programmes/{enrollment_id}",
    response={200: EnrollmentOut, **ERRORS},
    summary="Stop following a programme (its history stays)",
)
def stop_programme(request: HttpRequest, enrollment_id: RowId) -> dict[str, Any]:
    try:
        return _enrollment(programmes.stop_programme(request.auth, enrollment_id))
    except LookupError:
        raise ApiError(404, "no such active programme", "enrollment_id") from None


class RedFlagsIn(In):
    red_flags: list[str] = Field(max_length=20)


@router.post(
    "/red-flag-check",
    response={200: list[str], **ERRORS},
    summary="Answer the red-flag questions: the codes answered yes (any: self-training stops)",
)
def red_flag_check(request: HttpRequest, payload: RedFlagsIn) -> list[str]:
    flags = onboarding.screen_red_flags(request.auth, payload.red_flags, today_date())
    return [str(f) for f in flags]


@router.delete(
    "/clinicians/{clinician_id}",
    response={204: None, **ERRORS},
    summary="Stop sharing my plan with a clinician",
)
def stop_sharing(request: HttpRequest, clinician_id: RowId) -> Status[None]:
    if request.auth.is_clinician:
        raise ApiError(403, "clinicians stop a care link under /clinician/patients")
    account_services.stop_sharing(request.auth, clinician_id, now=timezone.now())
    return Status(204, None)
