"""The public JSON form of a questionnaire (CLI and API): keep it stable, add fields only."""

from __future__ import annotations

from typing import Any

from strideback.core.languages import Lang
from strideback.core.questionnaires.models import Item, Questionnaire
from strideback.core.questionnaires.scoring import NOT_APPLICABLE, Score, score_range


def item_json(item: Item, lang: Lang) -> dict[str, Any]:
    data: dict[str, Any] = {"id": item.id, "text": item.text.get(lang)}
    if item.options:
        data["options"] = [
            {"id": o.id, "text": o.text.get(lang), "points": o.points} for o in item.options
        ]
    else:
        data["min"], data["max"] = item.min, item.max
        if item.anchors is not None:
            low, high = item.anchors.get(lang)
            data["anchors"] = {"min": low, "max": high}
    data["optional"] = item.optional
    if item.not_applicable:
        data["not_applicable"] = NOT_APPLICABLE
    return data


def questionnaire_json(q: Questionnaire, lang: Lang) -> dict[str, Any]:
    text = q.text.get(lang)
    low, high = score_range(q)
    return {
        "id": q.id,
        "abbreviation": q.abbreviation,
        "title": text.title,
        "instructions": text.instructions,
        "citation": q.citation,
        "licence": q.licence,
        "versions": q.versions,
        "scoring": {
            "method": q.scoring.method,
            "min": low,
            "max": high,
            "higher_is_better": q.scoring.higher_is_better,
            "smallest_important_change": q.scoring.smallest_important_change,
            "smallest_important_change_source": q.scoring.smallest_important_change_source,
        },
        "subscales": [
            {"id": s.id, "title": s.title.get(lang), "items": list(s.items)} for s in q.subscales
        ],
        "items": [item_json(item, lang) for item in q.items],
    }


def score_json(result: Score) -> dict[str, Any]:
    return {"score": result.score, "subscales": dict(result.subscales)}
