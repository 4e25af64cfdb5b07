"""The public JSON form of the engine's plan: what `strideback plan --format json` prints.
Keep it stable: add fields, never rename or remove them.

Every reason is ``{"code", "message", "facts", "source"}``: the code and facts from the
engine, the message its sentence in the requested language, and the source of its rule
(``{"rule", "rule_set", "kind", "ref", "text"}``: ``text`` is the source in words, as the
pages show it; kind ``seed``, ``study``, ``strideback`` or
``clinician``; see docs/rules.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import Enum
from typing import Any

from strideback.core.content.library import Library
from strideback.core.content.models import Dose
from strideback.core.engine.decision import Reason
from strideback.core.engine.plan import Plan, PlannedItem, PlannedSession
from strideback.core.engine.state import State
from strideback.core.languages import Lang
from strideback.words import explain
from strideback.words.public import dose_json


def _fact(value: object, library: Library, lang: Lang) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Dose):
        return dose_json(library, value, lang)
    return value


def reason_json(r: Reason, library: Library, lang: Lang) -> dict[str, Any]:
    return {
        "code": r.code.value,
        "message": explain.reason(r, lang),
        "facts": {k: _fact(v, library, lang) for k, v in r.facts.items()},
        "source": _source(r, lang),
    }


def _source(r: Reason, lang: Lang) -> dict[str, str] | None:
    if r.source is None:
        return None
    return {**r.source.as_json(), "text": explain.source_text(r.source, lang)}


def _reasons(reasons: Iterable[Reason], library: Library, lang: Lang) -> list[dict[str, Any]]:
    return [reason_json(r, library, lang) for r in reasons]


def _name(library: Library, exercise: str, lang: Lang) -> str:
    found = library.exercises.get(exercise)
    return found.text.get(lang).name if found is not None else exercise


def item_json(item: PlannedItem, library: Library, lang: Lang) -> dict[str, Any]:
    return {
        "position": item.position,
        "part": item.part,
        "exercise": item.exercise,
        "name": _name(library, item.exercise, lang),
        "alternative_to": item.alternative_to,
        "dose": dose_json(library, item.dose, lang),
        "adjustment": item.adjustment.value if item.adjustment is not None else None,
        "replaces": item.replaces,
    }


def session_json(s: PlannedSession, library: Library, lang: Lang) -> dict[str, Any]:
    return {
        "date": s.date.isoformat(),
        "kind": s.kind.value,
        "phase": s.phase,
        "week": s.week,
        "run_week": s.run_week,
        "run_day": s.run_day,
        "minutes": sum(g.minutes for g in s.segments) if s.segments else None,
        "items": [item_json(i, library, lang) for i in s.items],
        "segments": [{"kind": g.kind, "minutes": g.minutes, "or_km": g.or_km} for g in s.segments],
    }


def state_json(state: State, library: Library, lang: Lang) -> dict[str, Any]:
    running = state.running
    return {
        "on": state.on.isoformat(),
        "programme": state.programme,
        "rule_set": state.rule_set,
        "start": state.start.isoformat(),
        "language": lang,
        "phase": state.phase,
        "week": state.week,
        "phase_week": state.phase_week,
        "status": state.status.value,
        "running": {
            "allowed": running.allowed,
            "run_week": running.run_week,
            "run_day": running.run_day,
            "paused": running.paused,
            "restart_on": running.restart_on.isoformat() if running.restart_on else None,
            "reasons": _reasons(running.reasons, library, lang),
        },
        "decision": {
            "action": state.decision.action.value,
            "message": explain.decision(state.decision, lang),
            "reasons": _reasons(state.decision.reasons, library, lang),
        },
        "warnings": _reasons(state.warnings, library, lang),
        "advice": _reasons(state.advice, library, lang),
        "ice": state.show_ice,
        "red_flags": [
            {
                "code": f.flag.value,
                "date": f.date.isoformat(),
                "urgency": f.urgency.value,
                "advice": explain.flag_advice(f.flag, lang),
            }
            for f in state.red_flags
        ],
    }


def plan_json(plan: Plan, library: Library, lang: Lang) -> dict[str, Any]:
    out = state_json(plan.state, library, lang)
    out["sessions"] = [session_json(s, library, lang) for s in plan.sessions]
    return out
