"""When to ask the runner's questionnaires: the programmes' own, with the clinician's
additions and skips for this patient (``Profile.questionnaires``), on the schedule of
``core.questionnaires.schedule``."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from strideback.accounts.models import User
from strideback.core.content.library import default_library
from strideback.core.content.models import Programme
from strideback.core.languages import Lang
from strideback.core.questionnaires.schedule import chosen, due
from strideback.errors import InputError
from strideback.questionnaires import questionnaires
from strideback.training.models import Enrollment, Profile, QuestionnaireResponse


def planned_end(programme: Programme, start: dt.date) -> dt.date | None:
    """The day after the programme's planned weeks, or None when its last phase is open."""
    if programme.weeks:
        return start + dt.timedelta(weeks=len(programme.weeks))
    last = programme.phases[-1].weeks.to if programme.phases else None
    return start + dt.timedelta(weeks=last) if last is not None else None


def clinician_choice(user: User) -> tuple[list[str], list[str]]:
    profile = Profile.objects.filter(user=user).first()
    data = profile.questionnaires if profile is not None else {}
    return list(data.get("add", [])), list(data.get("skip", []))


def due_for(user: User, on: dt.date) -> list[str]:
    """The questionnaire ids due for ``user`` on ``on`` (one card lists them all)."""
    library = default_library()
    known = questionnaires()
    answered: dict[str, list[dt.date]] = defaultdict(list)
    for qid, day in QuestionnaireResponse.objects.filter(user=user).values_list(
        "questionnaire_id", "answered_on"
    ):
        answered[qid].append(day)
    add, skip = clinician_choice(user)
    not_at_baseline = [qid for qid, q in known.items() if not q.ask_at_baseline]
    out: list[str] = []
    for enrollment in Enrollment.objects.filter(user=user, active=True).order_by("start", "id"):
        programme = library.programmes.get(enrollment.programme_id)
        if programme is None:
            continue
        ids = [q for q in chosen(programme.questionnaires, add, skip) if q in known]
        end = planned_end(programme, enrollment.start)
        for qid in due(ids, enrollment.start, end, on, answered, not_at_baseline):
            if qid not in out:
                out.append(qid)
    return out


def due_card(user: User, on: dt.date, lang: Lang) -> list[tuple[str, str]]:
    """Today's one card: (id, title) of every questionnaire due, in the runner's language."""
    known = questionnaires()
    return [(qid, known[qid].text.get(lang).title) for qid in due_for(user, on)]


def set_choice(runner: User, add: list[str], skip: list[str]) -> tuple[list[str], list[str]]:
    """A clinician adds or skips questionnaires for this patient; unknown ids change nothing."""
    known = questionnaires()
    for field, ids in (("add", add), ("skip", skip)):
        for n, qid in enumerate(ids):
            if qid not in known:
                raise InputError(
                    f"{field}[{n}]", f"unknown questionnaire '{qid}' (known: {', '.join(known)})"
                )
    profile, _ = Profile.objects.get_or_create(user=runner)
    profile.questionnaires = {"add": list(dict.fromkeys(add)), "skip": list(dict.fromkeys(skip))}
    profile.save(update_fields=["questionnaires"])
    return clinician_choice(runner)


def programme_questionnaires(user: User) -> list[str]:
    """The questionnaires the runner's active programmes name, in order."""
    library = default_library()
    out: list[str] = []
    for enrollment in Enrollment.objects.filter(user=user, active=True).order_by("start", "id"):
        programme = library.programmes.get(enrollment.programme_id)
        for qid in programme.questionnaires if programme is not None else ():
            if qid not in out:
                out.append(qid)
    return out


def asked_rows(user: User, lang: Lang) -> list[dict[str, object]]:
    """Every questionnaire with whether this patient is asked it, and whether that is the
    programme's choice or a clinician's (the patient page's checkboxes)."""
    by_programme = programme_questionnaires(user)
    add, skip = clinician_choice(user)
    asked = set(chosen(by_programme, add, skip))
    return [
        {
            "id": qid,
            "title": q.text.get(lang).title,
            "asked": qid in asked,
            "by_programme": qid in by_programme,
        }
        for qid, q in questionnaires().items()
    ]


def set_asked(runner: User, asked: list[str]) -> tuple[list[str], list[str]]:
    """The clinician ticks the questionnaires this patient is asked: the programme's ones left
    out are skipped, others ticked are added (the same choice as the API's add and skip)."""
    by_programme = programme_questionnaires(runner)
    add = [q for q in asked if q not in by_programme]
    skip = [q for q in by_programme if q not in asked]
    return set_choice(runner, add, skip)
