"""Record a runner's answers to an outcome questionnaire, scored by the questionnaire's rule.

Bad answers change nothing and raise ``InputError`` naming the field (``answers.<item>`` or
``activities[<n>]``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from django.db import IntegrityError, transaction

from strideback.accounts.models import User
from strideback.core.questionnaires.models import Questionnaire
from strideback.core.questionnaires.scoring import AnswerError, score
from strideback.errors import InputError
from strideback.questionnaires import questionnaires
from strideback.training.models import QuestionnaireResponse

# The PSFS asks the runner to name each activity they rate.
NAMED_ITEMS = {"psfs": "activity-"}


def questionnaire(qid: str) -> Questionnaire | None:
    return questionnaires().get(qid)


def _activities(q: Questionnaire, answers: Mapping[str, object], names: Sequence[str]) -> list[str]:
    prefix = NAMED_ITEMS.get(q.id)
    if prefix is None:
        if names:
            raise InputError("activities", f"'{q.id}' does not ask for named activities")
        return []
    rated = [i.id for i in q.items if i.id in answers and answers[i.id] is not None]
    cleaned = [n.strip() for n in names]
    if len(cleaned) != len(rated):
        raise InputError(
            "activities", f"name each rated activity: {len(rated)} rated, {len(cleaned)} named"
        )
    for n, name in enumerate(cleaned):
        if not name or len(name) > 200:
            raise InputError(f"activities[{n}]", "must be a name of 1 to 200 characters")
    return cleaned


def record_response(
    user: User,
    q: Questionnaire,
    answers: Mapping[str, object],
    on: dt.date,
    activities: Sequence[str] = (),
) -> QuestionnaireResponse:
    try:
        result = score(q, answers)
    except AnswerError as exc:
        raise InputError(f"answers.{exc.item}", str(exc).split(": ", 1)[1]) from None
    names = _activities(q, answers, activities)
    values = {
        "answers": {k: v for k, v in answers.items() if v is not None},
        "activities": names,
        "score": result.score,
        "subscales": result.subscales,
    }
    # Stored once per questionnaire and day: a second send (a double tap on the phone, the
    # network's retry) replaces the first; the unique constraint settles two at once.
    for _ in range(2):
        try:
            with transaction.atomic():
                row, _created = QuestionnaireResponse.objects.update_or_create(
                    user=user, questionnaire_id=q.id, answered_on=on, defaults=values
                )
            return row
        except IntegrityError:
            continue
    raise RuntimeError("could not store the response")  # pragma: no cover
