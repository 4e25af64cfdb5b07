"""A runner's record as a FHIR R4 Bundle (``application/fhir+json``), for a hospital's system.

The Bundle (type ``collection``) holds the Patient; a CarePlan for each programme with its
phases (or run weeks) as activities; an Observation for every pain score (LOINC 72514-3,
0-10) and for every run (duration and distance, in UCUM units); and for every questionnaire
answered, the Questionnaire, the QuestionnaireResponse and an Observation with its score.
Every resource has a stable ``urn:uuid`` derived from its row, so references hold across exports.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.utils import timezone

from strideback.accounts.models import User
from strideback.core.content.library import default_library
from strideback.core.content.models import Weeks
from strideback.core.languages import Lang
from strideback.core.questionnaires.models import Questionnaire
from strideback.questionnaires import questionnaires
from strideback.training.models import (
    Enrollment,
    ImportedRun,
    JournalEntry,
    QuestionnaireResponse,
)

MEDIA_TYPE = "application/fhir+json"
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
PAIN = {
    "system": LOINC,
    "code": "72514-3",
    "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
}
PAIN_MOMENTS = {
    "pain_during": "during the session",
    "pain_after": "after the session",
    "pain_next_morning": "the next morning",
}


def _urn(kind: str, key: object) -> str:
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'strideback:{kind}:{key}')}"


def questionnaire_url(qid: str) -> str:
    return f"urn:strideback:questionnaire:{qid}"


def _entry(full_url: str, resource: dict[str, Any]) -> dict[str, Any]:
    resource["id"] = full_url.rsplit(":", 1)[1]
    return {"fullUrl": full_url, "resource": resource}


def _patient(user: User) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "resourceType": "Patient",
        "active": user.is_active,
        "telecom": [{"system": "email", "value": user.email}],
        "communication": [
            {"language": {"coding": [{"system": "urn:ietf:bcp:47", "code": user.language}]}}
        ],
    }
    if user.name:
        resource["name"] = [{"text": user.name}]
    return resource


def _weeks(weeks: Weeks) -> str:
    return f"weeks {weeks.from_}-{weeks.to}" if weeks.to else f"from week {weeks.from_}"


def _care_plan(e: Enrollment, patient: str, lang: Lang, today: dt.date) -> dict[str, Any]:
    programme = default_library().programmes.get(e.programme_id)
    week = (today - e.start).days // 7 + 1
    activities = []
    if programme is not None:
        for phase in programme.phases:
            title = phase.text.get(lang).title if phase.text is not None else ""
            status = (
                "in-progress"
                if phase.weeks.contains(week)
                else ("completed" if (phase.weeks.to or week) < week else "not-started")
            )
            activities.append(
                {
                    "detail": {
                        "status": status if e.active else "stopped",
                        "description": f"Phase {phase.number} ({_weeks(phase.weeks)})"
                        + (f": {title}" if title else ""),
                    }
                }
            )
        for run_week in programme.weeks:
            status = (
                "in-progress"
                if run_week.number == week
                else ("completed" if run_week.number < week else "not-started")
            )
            minutes = ", ".join(str(s.minutes) for s in run_week.sessions)
            activities.append(
                {
                    "detail": {
                        "status": status if e.active else "stopped",
                        "description": f"Run week {run_week.number}: sessions of {minutes} min",
                    }
                }
            )
    plan: dict[str, Any] = {
        "resourceType": "CarePlan",
        "status": "active" if e.active else "completed",
        "intent": "order" if e.prescribed_by_id else "plan",
        "subject": {"reference": patient},
        "period": {"start": e.start.isoformat()},
        "title": programme.text.get(lang).title if programme is not None else e.programme_id,
        "identifier": [{"system": "urn:strideback:programme", "value": e.programme_id}],
    }
    if activities:
        plan["activity"] = activities
    return plan


def _pain(entry: JournalEntry, field: str, patient: str) -> dict[str, Any]:
    return {
        "resourceType": "Observation",
        "status": "final",
        "category": [{"coding": [{"system": OBSERVATION_CATEGORY, "code": "survey"}]}],
        "code": {"coding": [PAIN], "text": f"Pain {PAIN_MOMENTS[field]}"},
        "subject": {"reference": patient},
        "effectiveDateTime": entry.date.isoformat(),
        "valueInteger": getattr(entry, field),
        "note": [{"text": f"{entry.kind} entry, pain {PAIN_MOMENTS[field]}"}],
    }


def _run(entry: JournalEntry, run: ImportedRun | None, patient: str) -> dict[str, Any]:
    components = []
    minutes = run.moving_s / 60 if run is not None else entry.run_minutes
    if minutes is not None:
        components.append(
            {
                "code": {"text": "Run duration (moving)"},
                "valueQuantity": {
                    "value": round(minutes, 1),
                    "unit": "min",
                    "system": UCUM,
                    "code": "min",
                },
            }
        )
    if run is not None:
        components.append(
            {
                "code": {"text": "Run distance"},
                "valueQuantity": {
                    "value": round(run.distance_m),
                    "unit": "m",
                    "system": UCUM,
                    "code": "m",
                },
            }
        )
    when = run.start.isoformat() if run is not None else entry.date.isoformat()
    obs: dict[str, Any] = {
        "resourceType": "Observation",
        "status": "final",
        "category": [{"coding": [{"system": OBSERVATION_CATEGORY, "code": "activity"}]}],
        "code": {"text": "Run"},
        "subject": {"reference": patient},
        "effectiveDateTime": when,
    }
    if components:
        obs["component"] = components
    return obs


def _questionnaire(q: Questionnaire, lang: Lang) -> dict[str, Any]:
    items = []
    for item in q.items:
        data: dict[str, Any] = {
            "linkId": item.id,
            "text": item.text.get(lang),
            "required": not item.optional,
        }
        if item.options:
            data["type"] = "choice"
            data["answerOption"] = [
                {
                    "valueCoding": {
                        "system": questionnaire_url(q.id),
                        "code": o.id,
                        "display": o.text.get(lang),
                    }
                }
                for o in item.options
            ]
        else:
            data["type"] = "integer"
        items.append(data)
    return {
        "resourceType": "Questionnaire",
        "url": questionnaire_url(q.id),
        "name": q.abbreviation.replace("-", "").replace(" ", ""),
        "title": q.text.get(lang).title,
        "status": "active",
        "description": q.citation,
        "copyright": q.licence,
        "item": items,
    }


def _response(
    r: QuestionnaireResponse, q: Questionnaire, lang: Lang, patient: str
) -> dict[str, Any]:
    items = []
    for n, item in enumerate(i for i in q.items if i.id in r.answers):
        value = r.answers[item.id]
        answer: dict[str, Any]
        if item.options:
            option = next(o for o in item.options if o.id == value)
            coding = {"system": questionnaire_url(q.id), "code": option.id}
            answer = {"valueCoding": coding | {"display": option.text.get(lang)}}
        elif value == "na":
            answer = {"valueString": "not applicable"}
        else:
            answer = {"valueInteger": value}
        entry: dict[str, Any] = {"linkId": item.id, "text": item.text.get(lang), "answer": [answer]}
        if r.activities and n < len(r.activities):
            entry["text"] = f"{item.text.get(lang)} ({r.activities[n]})"
        items.append(entry)
    return {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": questionnaire_url(q.id),
        "status": "completed",
        "subject": {"reference": patient},
        "authored": r.created_at.isoformat(),
        "item": items,
    }


def _score(
    r: QuestionnaireResponse, q: Questionnaire, lang: Lang, patient: str, qr: str
) -> dict[str, Any]:
    obs: dict[str, Any] = {
        "resourceType": "Observation",
        "status": "final",
        "category": [{"coding": [{"system": OBSERVATION_CATEGORY, "code": "survey"}]}],
        "code": {"text": f"{q.text.get(lang).title}: score"},
        "subject": {"reference": patient},
        "effectiveDateTime": r.answered_on.isoformat(),
        "valueQuantity": {"value": r.score},
        "derivedFrom": [{"reference": qr}],
        "note": [
            {
                "text": f"Smallest important change: {q.scoring.smallest_important_change:g} "
                f"({'higher' if q.scoring.higher_is_better else 'lower'} is better)"
            }
        ],
    }
    if r.subscales:
        obs["component"] = [
            {"code": {"text": sub_id}, "valueQuantity": {"value": value}}
            for sub_id, value in r.subscales.items()
        ]
    return obs


def bundle(user: User, lang: Lang = "en") -> dict[str, Any]:
    """The whole record of ``user`` as a FHIR R4 Bundle."""
    today = timezone.localdate()
    patient = _urn("patient", user.pk)
    entries = [_entry(patient, _patient(user))]
    for e in Enrollment.objects.filter(user=user).order_by("start", "id"):
        entries.append(_entry(_urn("careplan", e.pk), _care_plan(e, patient, lang, today)))
    runs = {r.entry_id: r for r in ImportedRun.objects.filter(user=user)}
    for entry in JournalEntry.objects.filter(user=user).order_by("date", "id"):
        for field in PAIN_MOMENTS:
            if getattr(entry, field) is not None:
                entries.append(
                    _entry(_urn(f"pain-{field}", entry.pk), _pain(entry, field, patient))
                )
        if entry.kind == "run" and (entry.run_minutes is not None or entry.pk in runs):
            entries.append(_entry(_urn("run", entry.pk), _run(entry, runs.get(entry.pk), patient)))
    known = questionnaires()
    shown: set[str] = set()
    for r in QuestionnaireResponse.objects.filter(user=user).order_by("answered_on", "id"):
        q = known.get(r.questionnaire_id)
        if q is None:  # a clinic's file since removed: the score still stands
            continue
        if q.id not in shown:
            shown.add(q.id)
            entries.append(_entry(_urn("questionnaire", q.id), _questionnaire(q, lang)))
        qr = _urn("questionnaire-response", r.pk)
        entries.append(_entry(qr, _response(r, q, lang, patient)))
        entries.append(_entry(_urn("score", r.pk), _score(r, q, lang, patient, qr)))
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": timezone.now().isoformat(),
        "entry": entries,
    }
