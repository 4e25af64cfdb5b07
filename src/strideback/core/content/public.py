"""The public JSON form of a programme: what `strideback show --format json` prints and the
API serves. Keep it stable: add fields, never rename or remove them."""

from __future__ import annotations

from typing import Any

from strideback.core.content.describe import dose_text, load_text, schedule_text
from strideback.core.content.library import Library
from strideback.core.content.models import Dose, Item, Phase, Programme, RunWeek
from strideback.core.languages import LANGUAGES, Lang


def dose_json(library: Library, dose: Dose, lang: Lang) -> dict[str, Any]:
    return {
        "sets": dose.sets,
        "reps": dose.reps,
        "reps_max": dose.reps_max,
        "hold_seconds": dose.hold_seconds,
        "hold_seconds_max": dose.hold_seconds_max,
        "steps_each_way": dose.steps_each_way,
        "tempo_seconds": list(dose.tempo_seconds) if dose.tempo_seconds else None,
        "per_side": dose.per_side,
        "repetition_maximum": dose.repetition_maximum,
        "load": load_text(library, dose, lang),
        "rest_seconds": dose.rest_seconds,
        "text": dose_text(dose, lang),
    }


def item_json(library: Library, item: Item, lang: Lang) -> dict[str, Any]:
    exercise = library.exercise(item.exercise)
    return {
        "position": item.position,
        "part": item.part,
        "exercise": item.exercise,
        "name": exercise.text.get(lang).name,
        "steps_from": exercise.steps_from,
        "alternative_to": item.alternative_to,
        "dose": dose_json(library, item.dose, lang),
        "setup": [library.term("setup", s.value, lang) for s in item.setup],
        "note": item.text.get(lang).note if item.text else None,
    }


def phase_json(library: Library, phase: Phase, lang: Lang) -> dict[str, Any]:
    return {
        "number": phase.number,
        "title": phase.text.get(lang).title if phase.text else None,
        "weeks": {"from": phase.weeks.from_, "to": phase.weeks.to},
        "items": [item_json(library, item, lang) for item in phase.items],
    }


def run_week_json(week: RunWeek) -> dict[str, Any]:
    return {
        "number": week.number,
        "sessions": [
            {
                "day": s.day,
                "minutes": s.minutes,
                "segments": [
                    {"kind": g.kind, "minutes": g.minutes, "or_km": g.or_km} for g in s.segments
                ],
            }
            for s in week.sessions
        ],
    }


def programme_json(library: Library, programme: Programme, lang: Lang = "en") -> dict[str, Any]:
    text = programme.text.get(lang)
    out: dict[str, Any] = {
        "id": programme.id,
        "kind": programme.kind,
        "title": text.title,
        "summary": text.summary,
        "language": lang,
        "languages": list(LANGUAGES),
        "source": programme.source.model_dump(),
        "references": list(programme.references),
        "rule_sets": [
            {"id": rs.value, "name": library.term("rule_set", rs.value, lang)}
            for rs in programme.rule_sets
        ],
        "schedule": schedule_text(programme, lang),
        "schedule_from": programme.schedule.source,
        "doses_from": list(programme.doses_from),
        "companion": programme.companion,
        "guidance": [s.model_dump() for s in text.guidance],
    }
    if programme.kind == "exercises":
        out["phases"] = [phase_json(library, p, lang) for p in programme.phases]
    else:
        out["weeks"] = [run_week_json(w) for w in programme.weeks]
    return out
