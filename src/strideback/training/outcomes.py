"""The outcome series of a runner, for the timeline (runner and clinician alike): each
questionnaire's scores with its smallest important change and whether the change since the
first score reaches it, runs from the watch (minutes and distance), and the load lifted in
repetition-maximum exercises. Pain, sessions and phases are in ``progress``."""

from __future__ import annotations

from typing import Any

from strideback.accounts.models import User
from strideback.core.languages import Lang
from strideback.core.questionnaires.scoring import important_change, score_range
from strideback.questionnaires import questionnaires
from strideback.training.models import ImportedRun, QuestionnaireResponse, SetLoad


def _questionnaire_series(user: User, lang: Lang) -> list[dict[str, Any]]:
    known = questionnaires()
    by_id: dict[str, list[QuestionnaireResponse]] = {}
    for r in QuestionnaireResponse.objects.filter(user=user).order_by("answered_on", "id"):
        by_id.setdefault(r.questionnaire_id, []).append(r)
    out = []
    for qid, rows in by_id.items():
        q = known.get(qid)
        if q is None:
            continue
        low, high = score_range(q)
        first = rows[0].score
        out.append(
            {
                "id": qid,
                "title": q.text.get(lang).title,
                "min": low,
                "max": high,
                "higher_is_better": q.scoring.higher_is_better,
                "smallest_important_change": q.scoring.smallest_important_change,
                "source": q.scoring.smallest_important_change_source,
                "points": [
                    {
                        "date": r.answered_on,
                        "score": r.score,
                        "subscales": r.subscales,
                        "change": round(r.score - first, 1),
                        # +1 an important improvement since the first score, -1 worse, 0 neither
                        "important": important_change(q, first, r.score),
                    }
                    for r in rows
                ],
            }
        )
    return out


def loads(user: User) -> list[dict[str, Any]]:
    days: dict[tuple[Any, str], list[SetLoad]] = {}
    for row in SetLoad.objects.filter(user=user):
        days.setdefault((row.date, row.exercise), []).append(row)
    return [
        {
            "date": day,
            "exercise": exercise,
            "load_kg": max(s.load_kg for s in sets),
            "sets": len(sets),
            "reps": [s.reps for s in sets],
        }
        for (day, exercise), sets in days.items()
    ]


def outcomes(user: User, lang: Lang) -> dict[str, Any]:
    runs = ImportedRun.objects.filter(user=user).select_related("entry")
    return {
        "questionnaires": _questionnaire_series(user, lang),
        "runs": [
            {
                "date": r.entry.date,
                "minutes": round(r.moving_s / 60, 1),
                "distance_m": r.distance_m,
            }
            for r in runs
        ],
        "loads": loads(user),
    }
