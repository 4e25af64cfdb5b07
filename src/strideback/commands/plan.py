"""`strideback plan`: where a runner stands on a day, why, and the sessions of the coming days.

    strideback plan --programme ID --start YYYY-MM-DD [--journal FILE.json] [--on YYYY-MM-DD]
                    [--days N] [--lang L] [--format text|json] [--rule-set ID]
                    [--start-phase N] [--earlier-phases pain-free|painful]

The journal file is a JSON list of entries (see the README); a bad entry is an error naming
its index and field, exit code 2.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import textwrap
from pathlib import Path

from django.utils.translation import gettext, gettext_lazy

from strideback.cli import CommandError
from strideback.commands import _choices
from strideback.core.content.library import Library, default_library
from strideback.core.content.models import Programme
from strideback.core.dates import entry_date_problem
from strideback.core.engine.gate import Statement
from strideback.core.engine.journal import EntryKind, JournalEntry, JournalError, parse_journal
from strideback.core.engine.plan import Plan, PlannedItem, PlannedSession, plan
from strideback.core.engine.thresholds import (
    ThresholdError,
    UnknownRuleSet,
    rule_set_of,
    thresholds_for,
)
from strideback.core.languages import Lang
from strideback.plan_public import plan_json
from strideback.words import explain, in_language
from strideback.words.describe import dose_text
from strideback.words.sessions import SEGMENTS

WIDTH = 78
MAX_DAYS = 366


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "plan", help="where a runner stands on a day, why, and the coming sessions"
    )
    parser.add_argument(
        "--programme", required=True, help="programme id (see `strideback programmes`)"
    )
    parser.add_argument("--start", required=True, help="the programme's start date, YYYY-MM-DD")
    parser.add_argument("--journal", type=Path, help="JSON file with the journal entries")
    parser.add_argument("--on", help="the day to evaluate, YYYY-MM-DD (default: today)")
    parser.add_argument("--days", default="14", help="how many days of sessions (default 14)")
    parser.add_argument("--lang", default="en", help="da, en, de or nb (default en)")
    parser.add_argument("--format", default="text", choices=("text", "json"))
    parser.add_argument(
        "--rule-set", help="one of the programme's rule sets (default: its first; docs/rules.md)"
    )
    parser.add_argument("--start-phase", help="the phase the runner started in (default 1)")
    parser.add_argument(
        "--earlier-phases",
        choices=("pain-free", "painful"),
        help="the runner's word on the phases before the start: done without knee pain or not",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    library = default_library()
    programme = _choices.programme(library, args.programme)
    lang = _choices.language(args.lang)
    start = parse_date("--start", args.start)
    on = parse_date("--on", args.on) if args.on is not None else dt.date.today()
    days = parse_days(args.days)
    journal = read_journal(args.journal) if args.journal is not None else []
    check_journal_dates(journal, start, max(on, dt.date.today()))
    run_plan = companion_run_plan(library, programme)
    try:
        rule_set = rule_set_of(programme, args.rule_set)
    except UnknownRuleSet as exc:
        raise CommandError(f"--rule-set: {exc}") from exc
    try:
        thresholds = thresholds_for(programme, run_plan, rule_set)
    except ThresholdError as exc:
        raise CommandError(f"programme '{programme.id}' has bad thresholds: {exc}") from exc
    start_phase = parse_phase(programme, args.start_phase)
    statement = None
    if args.earlier_phases is not None:
        statement = Statement(args.earlier_phases == "pain-free", start, "runner")
    result = plan(
        programme,
        start,
        journal,
        on,
        run_plan=run_plan,
        thresholds=thresholds,
        days=days,
        rule_set=rule_set,
        start_phase=start_phase,
        statement=statement,
    )
    if args.format == "json":
        print(json.dumps(plan_json(result, library, lang), ensure_ascii=False, indent=2))
    else:
        print(render_text(result, library, programme, lang, days))
    return 0


# The days a plan can be asked about: the engine counts days and weeks from the start and
# looks weeks ahead, which the calendar's last day (9999-12-31) leaves no room for.
EARLIEST, LATEST = dt.date(1900, 1, 1), dt.date(2999, 12, 31)


def parse_date(option: str, value: str) -> dt.date:
    try:
        if len(value) == 10:
            day = dt.date.fromisoformat(value)
            if EARLIEST <= day <= LATEST:
                return day
            raise CommandError(
                f"{option}: '{value}' must be a date from {EARLIEST.year} to {LATEST.year}"
            )
    except ValueError:
        pass
    raise CommandError(f"{option}: '{value}' is not a date (use YYYY-MM-DD)")


def parse_phase(programme: Programme, value: str | None) -> int | None:
    if value is None:
        return None
    numbers = [p.number for p in programme.phases]
    if value.isdecimal() and int(value) in numbers:
        return int(value)
    choices = ", ".join(str(n) for n in numbers) or "none: a run plan has no phases"
    raise CommandError(f"--start-phase: '{value}' is not a phase of '{programme.id}' ({choices})")


def parse_days(value: str) -> int:
    if value.isdecimal() and 1 <= int(value) <= MAX_DAYS:
        return int(value)
    raise CommandError(f"--days: must be a whole number from 1 to {MAX_DAYS}, got '{value}'")


def read_journal(path: Path) -> list[JournalEntry]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "not UTF-8 text"
        raise CommandError(f"cannot read the journal {path}: {reason}") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CommandError(
            f"journal {path}: not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}"
        ) from exc
    except RecursionError:
        raise CommandError(f"journal {path}: nested too deeply to be a journal") from None
    try:
        return parse_journal(data)
    except JournalError as exc:
        raise CommandError(f"journal {path}: {'; '.join(exc.problems)}") from exc


def check_journal_dates(journal: list[JournalEntry], start: dt.date, today: dt.date) -> None:
    """The API's rule for an entry's day (``core.dates``): not before the start, not after
    today (or the day asked about, when that is later)."""
    for index, entry in enumerate(journal):
        problem = entry_date_problem(entry.date, start=start, today=today)
        if problem:
            raise CommandError(f"journal: entry {index}: date: {problem}")


def companion_run_plan(library: Library, programme: Programme) -> Programme | None:
    """The run plan that runs alongside (``companion``), if the programme has one."""
    companion = programme.companion
    if companion is None or companion not in library.programmes:
        return None
    found = library.programme(companion)
    return found if found.kind == "run_plan" else None


# --- text ---------------------------------------------------------------------------------


def _bullets(lines: list[str]) -> list[str]:
    return [
        textwrap.fill(line, WIDTH, initial_indent="  - ", subsequent_indent="    ")
        for line in lines
    ]


@in_language
def render_text(result: Plan, library: Library, programme: Programme, lang: Lang, days: int) -> str:
    state = result.state
    when = explain.date_text(state.on, lang)
    if state.phase is not None:
        heading = gettext("%(date)s: phase %(phase)s, week %(week)s") % {
            "date": when,
            "phase": state.phase,
            "week": state.week,
        }
    else:
        heading = gettext("%(date)s: run week %(week)s") % {"date": when, "week": state.week}
    title = programme.text.get(lang).title
    lines = [title, "=" * min(len(title), WIDTH), heading, ""]
    reasons = [explain.reason(r, lang) for r in state.decision.reasons]
    lines.append(f"{explain.action_label(state.decision, lang)}:")
    lines += _bullets(reasons)
    sections = (
        (gettext_lazy("Running"), state.running.reasons if state.phase is not None else ()),
        (gettext_lazy("Watch out"), state.warnings),
        (gettext_lazy("Advice"), state.advice),
    )
    for key, section in sections:
        shown = [explain.reason(r, lang) for r in section if r not in state.decision.reasons]
        if shown:
            lines += ["", f"{key}:", *_bullets(shown)]
    lines += ["", gettext("The next %(days)s days") % {"days": days} + ":"]
    lines += _session_lines(result.sessions, lang) or ["  " + gettext("No sessions planned.")]
    lines += _exercise_lines(result.sessions, library, lang)
    return "\n".join(lines).rstrip() + "\n"


def _session_lines(sessions: tuple[PlannedSession, ...], lang: Lang) -> list[str]:
    dates = [explain.date_text(s.date, lang) for s in sessions]
    width = max((len(d) for d in dates), default=0)
    lines = []
    for when, s in zip(dates, sessions, strict=True):
        if s.kind is EntryKind.STRENGTH:
            what = gettext("strength, phase %(phase)s (week %(week)s)") % {
                "phase": s.phase,
                "week": s.week,
            }
        else:
            parts = [str(SEGMENTS[g.kind]) % {"minutes": g.minutes} for g in s.segments]
            total = gettext("%(minutes)s min in total") % {
                "minutes": sum(g.minutes for g in s.segments)
            }
            what = gettext("run, week %(week)s, day %(day)s") % {
                "week": s.run_week,
                "day": s.run_day,
            }
            what += f": {', '.join(parts)} ({total})"
        lines.append(
            textwrap.fill(
                f"{when:<{width}}  {what}",
                WIDTH,
                initial_indent="  ",
                subsequent_indent=" " * (width + 4),
            )
        )
    return lines


def _exercise_lines(
    sessions: tuple[PlannedSession, ...], library: Library, lang: Lang
) -> list[str]:
    lines: list[str] = []
    shown: set[int] = set()
    for s in sessions:
        if s.kind is not EntryKind.STRENGTH or s.phase is None or s.phase in shown:
            continue
        shown.add(s.phase)
        lines += ["", gettext("Exercises in phase %(phase)s") % {"phase": s.phase} + ":"]
        lines += [_item_line(item, library, lang) for item in s.items]
    return lines


def _item_line(item: PlannedItem, library: Library, lang: Lang) -> str:
    found = library.exercises.get(item.exercise)
    name = found.text.get(lang).name if found is not None else item.exercise
    text = f"{item.position}. {name}: {dose_text(item.dose, lang)}"
    if item.alternative_to is not None:
        alternative = gettext("alternative to exercise %(position)s")
        text += f" ({alternative % {'position': item.alternative_to}})"
    if item.adjustment is not None and item.replaces is not None:
        instead = explain.exercise_name(item.replaces, lang)
        text += " [" + gettext("instead of %(exercise)s") % {"exercise": instead} + "]"
    elif item.adjustment is not None:
        text += " [" + gettext("less for now") + "]"
    return textwrap.fill(text, WIDTH, initial_indent="  ", subsequent_indent="     ")
