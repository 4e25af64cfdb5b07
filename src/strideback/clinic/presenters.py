"""Turn flags, adjustments, thresholds, journal rows and engine states into what the clinic
templates show, in the page's language. No database access here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from strideback.clinic.flags import Flag, FlagCode, PatientRow, worst
from strideback.core.content.adjust import AdjustmentError, parse_adjustment
from strideback.core.content.library import Library, default_library
from strideback.core.content.models import Dose
from strideback.core.engine.red_flags import RedFlag
from strideback.core.engine.thresholds import Thresholds
from strideback.core.languages import Lang
from strideback.training.models import Enrollment, JournalEntry
from strideback.words import explain
from strideback.words.calendar import CALENDAR_STATUSES
from strideback.words.clinic import (
    ADJUSTMENT_KINDS,
    CLINIC_FIELDS,
    CLINIC_FLAGS,
    ENTRY_KINDS,
    FLAG_SUMMARIES,
    THRESHOLDS,
)
from strideback.words.describe import dose_text

EDITABLE_THRESHOLDS = (
    "pain_during_max",
    "pain_after_max",
    "pain_next_morning_max",
    "running_gate_pain_max",
    "run_pain_during_max",
    "run_pain_after_max",
)


def _field(name: str, lang: Lang) -> str:
    return str(CLINIC_FIELDS.get(name, name))


def _red_flag_name(code: object, lang: Lang) -> str:
    try:
        return explain.flag_label(RedFlag(str(code)), lang)
    except (KeyError, ValueError):
        return str(code).replace("_", " ")


def _evidence_text(flag: Flag, lang: Lang) -> list[dict[str, Any]]:
    lines = []
    for e in flag.evidence:
        if flag.code == FlagCode.RED_FLAG:
            text = gettext("%(flag)s") % {"flag": _red_flag_name(e.value, lang)}
        elif flag.code in (FlagCode.PAIN_ABOVE_LIMIT, FlagCode.RUNNING_PAUSED):
            text = gettext("%(field)s: %(value)s/10 (limit %(limit)s)") % {
                "value": e.value,
                "field": _field(e.field, lang),
                "limit": f"{e.limit:g}" if e.limit is not None else "-",
            }
        elif flag.code == FlagCode.PAIN_RISING:
            text = gettext("worst pain %(value)s/10") % {"value": e.value}
        else:
            text = gettext("session done")
        lines.append({"text": text, "entry_id": e.entry_id, "date": e.date})
    return lines


def _summary(flag: Flag, lang: Lang) -> str:
    f = flag.facts
    if flag.code == FlagCode.PAIN_RISING:
        return gettext("Average %(before)s → %(now)s out of 10, week on week.") % {
            "before": f["before"],
            "now": f["now"],
        }
    if flag.code == FlagCode.MISSED_SESSIONS:
        return gettext("Only %(done)s of %(expected)s sessions done in %(days)s days.") % {
            "done": f["done"],
            "expected": f["expected"],
            "days": f["days"],
        }
    if flag.code == FlagCode.PAIN_ABOVE_LIMIT:
        return gettext("Up to %(worst)s/10 in the last 7 days.") % {"worst": f"{f['worst']:g}"}
    return str(FLAG_SUMMARIES[flag.code.value]) % {"since": f.get("since")}


def flag_lines(row: PatientRow, lang: Lang) -> list[dict[str, Any]]:
    return [
        {
            "code": flag.code.value,
            "label": str(CLINIC_FLAGS[flag.code.value]),
            "summary": _summary(flag, lang),
            "evidence": _evidence_text(flag, lang),
            "first_entry": flag.entry_ids[0] if flag.entry_ids else None,
        }
        for flag in row.flags
    ]


def programme_choices(library: Library, lang: Lang) -> list[tuple[str, str, str]]:
    return sorted(
        ((p.id, p.text.get(lang).title, p.kind) for p in library.programmes.values()),
        key=lambda c: (c[2] != "exercises", c[1].lower()),
    )


def _exercise(library: Library, exercise_id: str | None, lang: Lang) -> str:
    if exercise_id is None or exercise_id not in library.exercises:
        return exercise_id or ""
    return library.exercise(exercise_id).text.get(lang).name


def adjustment_lines(library: Library, enrollment: Enrollment, lang: Lang) -> list[dict[str, Any]]:
    """One sentence per stored adjustment; an index to remove it by."""
    base = library.programme(enrollment.programme_id)
    out = []
    for index, raw in enumerate(enrollment.adjustments or []):
        try:
            adj = parse_adjustment(index, raw)
        except AdjustmentError as exc:
            out.append({"index": index, "text": str(exc)})
            continue
        phase = (
            gettext("Phase %(number)s") % {"number": adj.phase}
            if adj.phase
            else gettext("Every phase")
        )
        name = _target_name(library, base, adj, lang)
        if adj.kind == "dose":
            changes = ", ".join(f"{_field(k, lang)} {v}" for k, v in adj.dose.items())
            text = gettext("%(phase)s, %(exercise)s: %(changes)s") % {
                "phase": phase,
                "exercise": name,
                "changes": changes,
            }
        elif adj.kind == "swap":
            variant = str(ADJUSTMENT_KINDS[adj.to])
            text = gettext("%(phase)s, %(exercise)s: %(to)s") % {
                "phase": phase,
                "exercise": name,
                "to": variant,
            }
        elif adj.kind == "skip":
            text = gettext("%(phase)s: skip %(exercise)s") % {"phase": phase, "exercise": name}
        else:
            dose = dose_text(Dose.model_validate(adj.dose), lang)
            text = gettext("%(phase)s: add %(exercise)s, %(dose)s") % {
                "phase": phase,
                "exercise": name,
                "dose": dose,
            }
        out.append({"index": index, "text": text})
    return out


def _target_name(library: Library, base: Any, adj: Any, lang: Lang) -> str:
    if adj.kind == "add" or adj.position is None:
        return _exercise(library, adj.exercise, lang)
    for phase in base.phases:
        if phase.number == adj.phase:
            for item in phase.items:
                if item.position == adj.position:
                    return f"{adj.position}. {_exercise(library, item.exercise, lang)}"
    return str(adj.position)


def threshold_fields(table: Thresholds, enrollment: Enrollment, lang: Lang) -> list[dict[str, Any]]:
    own = enrollment.thresholds or {}
    values = table.as_dict()
    return [
        {
            "key": key,
            "label": str(THRESHOLDS[key]),
            "value": f"{own[key]:g}" if key in own else "",
            "default": f"{values[key]:g}" if values[key] is not None else "",
        }
        for key in EDITABLE_THRESHOLDS
    ]


def pain_chart(
    entries: Sequence[JournalEntry], on: dt.date, days: int, limit: float | None, lang: Lang
) -> SafeString:
    """An inline SVG of the worst pain per entry over ``days`` days, with the limit line."""
    width, height, pad = 640, 200, 28
    first = on - dt.timedelta(days=days - 1)

    def x(day: dt.date) -> float:
        return pad + (day - first).days * (width - 2 * pad) / max(days - 1, 1)

    def y(value: float) -> float:
        return height - pad - value * (height - 2 * pad) / 10

    points = [(e, worst(e)) for e in entries if worst(e) is not None]
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="chart-title"><title id="chart-title">'
        + escape(gettext("Worst pain per entry, 0-10"))
        + "</title>"
    ]
    for level in (0, 5, 10):
        parts.append(
            f'<line class="grid" x1="{pad}" x2="{width - pad}" y1="{y(level)}" y2="{y(level)}"/>'
            f'<text class="axis" x="4" y="{y(level) + 4}">{level}</text>'
        )
    if limit is not None:
        parts.append(
            f'<line class="limit" x1="{pad}" x2="{width - pad}" y1="{y(limit)}" y2="{y(limit)}"/>'
        )
    line = " ".join(f"{x(e.date):.1f},{y(float(p or 0)):.1f}" for e, p in points)
    if line:
        parts.append(f'<polyline class="pain" points="{line}"/>')
    for e, p in points:
        over = limit is not None and (p or 0) > limit
        parts.append(
            f'<circle class="{"over" if over else "dot"}" cx="{x(e.date):.1f}" '
            f'cy="{y(float(p or 0)):.1f}" r="5">'
            f"<title>{e.date.isoformat()}: {p}/10</title></circle>"
        )
    parts.append(
        f'<text class="axis" x="{pad}" y="{height - 6}">{first.isoformat()}</text>'
        f'<text class="axis" x="{width - pad - 80}" y="{height - 6}">{on.isoformat()}</text></svg>'
    )
    return mark_safe("".join(parts))  # noqa: S308 - built from numbers, dates and escaped text


def calendar_weeks(
    entries: Sequence[JournalEntry],
    marks: Mapping[dt.date, Sequence[Any]],
    on: dt.date,
    lang: Lang,
    weeks_back: int = 4,
    weeks_ahead: int = 2,
) -> list[list[dict[str, Any]]]:
    """Monday-first weeks around today: the runner's own calendar marks (done, painful,
    missed, planned; ``training.calendar.calendar_marks``) and a link to each day's entry."""
    monday = on - dt.timedelta(days=on.weekday())
    first = monday - dt.timedelta(weeks=weeks_back - 1)
    entry_by_day: dict[dt.date, JournalEntry] = {}
    for entry in entries:
        entry_by_day.setdefault(entry.date, entry)
    out = []
    for w in range(weeks_back + weeks_ahead):
        week = []
        for d in range(7):
            day = first + dt.timedelta(days=7 * w + d)
            entry = entry_by_day.get(day)
            week.append(
                {
                    "date": day,
                    "future": day > on,
                    "today": day == on,
                    "marks": [_mark(m, lang) for m in marks.get(day, ())],
                    "entry_id": entry.pk if entry else None,
                }
            )
        out.append(week)
    return out


def _mark(mark: Any, lang: Lang) -> dict[str, str]:
    what = ENTRY_KINDS.get(mark.kind, str(mark.kind))
    status = CALENDAR_STATUSES.get(mark.status, str(mark.status))
    pain = f" {mark.pain}/10" if mark.pain is not None else ""
    return {"status": str(mark.status), "text": f"{what}: {status}{pain}"}


def _reason(reason: Any, lang: Lang) -> str:
    try:
        return explain.reason(reason, lang)
    except (KeyError, IndexError, ValueError):  # a code newer than the catalogue
        facts = ", ".join(f"{k} {v}" for k, v in reason.facts.items())
        return f"{reason.code}" + (f" ({facts})" if facts else "")


def state_lines(states: Sequence[Any], lang: Lang) -> list[dict[str, Any]]:

    library = default_library()
    out = []
    for state in states:
        known = library.programmes.get(state.programme)
        out.append(
            {
                "programme": state.programme,
                "title": known.text.get(lang).title if known else state.programme,
                "phase": state.phase,
                "week": state.week,
                "action": explain.action_label(state.decision, lang),
                "reasons": [_reason(r, lang) for r in state.decision.reasons],
                "running": [_reason(r, lang) for r in state.running.reasons],
                "paused": state.running.paused,
                "allowed": state.running.allowed,
                "warnings": [_reason(r, lang) for r in state.warnings],
                "rule_set": state.rule_set,
                "rule_set_name": explain.rule_set_name(state.rule_set, lang),
                "why": explain.why(
                    (
                        *state.decision.reasons,
                        *state.running.reasons,
                        *state.warnings,
                        *state.advice,
                    ),
                    lang,
                ),
            }
        )
    return out
