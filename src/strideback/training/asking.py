"""When to ask the runner's questionnaires: the programmes' own, with the clinician's
additions and skips for this patient (``Profile.questionnaires``), on the schedule of
``core.questionnaires.schedule``."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from strideback.accounts.models import User
from strideback.core.content.library import default_library
from strideback.core.content.models import Programme
from strideback.core.questionnaires.schedule import chosen, due
from strideback.questionnaires import questionnaires
from strideback.training.models import Enrollment, Profile, QuestionnaireResponse
from strideback.training.onboarding import InputError


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
