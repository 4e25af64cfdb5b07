"""`strideback show PROGRAMME`: a programme as readable text or as its public JSON."""

from __future__ import annotations

import argparse
import json
import textwrap

from django.utils.translation import gettext

from strideback.commands import _choices
from strideback.core.content.library import Library, default_library
from strideback.core.content.models import Item, Phase, Programme, RunWeek
from strideback.core.languages import Lang
from strideback.errors import CommandError
from strideback.words import in_language
from strideback.words.describe import dose_text, schedule_text, weeks_text
from strideback.words.public import programme_json
from strideback.words.sessions import SEGMENTS

WIDTH = 78


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("show", help="print a programme as text or as public JSON")
    parser.add_argument("programme", help="programme id (see `strideback programmes`)")
    parser.add_argument("--phase", type=int, help="only this phase (exercise programmes)")
    parser.add_argument("--lang", default="en", help="da, en, de or nb (default en)")
    parser.add_argument("--format", default="text", choices=("text", "json"))
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    library = default_library()
    prog = _choices.programme(library, args.programme)
    lang = _choices.language(args.lang)
    phases = _select_phases(prog, args.phase)
    if args.format == "json":
        data = programme_json(library, prog, lang)
        if args.phase is not None:
            data["phases"] = [p for p in data["phases"] if p["number"] == args.phase]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print(render_text(library, prog, lang, phases))
    return 0


def _select_phases(prog: Programme, number: int | None) -> list[Phase]:
    if number is None:
        return list(prog.phases)
    valid = [p.number for p in prog.phases]
    if not valid:
        raise CommandError(f"'{prog.id}' is a run plan and has no phases")
    if number not in valid:
        choices = ", ".join(str(n) for n in valid)
        raise CommandError(f"'{prog.id}' has no phase {number} (choose one of: {choices})")
    return [prog.phase(number)]


def _wrap(text: str, indent: str, first: str | None = None) -> str:
    return textwrap.fill(
        text, WIDTH, initial_indent=first if first is not None else indent, subsequent_indent=indent
    )


@in_language
def render_text(library: Library, prog: Programme, lang: Lang, phases: list[Phase]) -> str:
    text = prog.text.get(lang)
    lines = [text.title, "=" * min(len(text.title), WIDTH), _wrap(text.summary, ""), ""]
    lines.append(
        gettext("Source")
        + f": {prog.source.title} ({prog.source.publisher or ''})".replace(" ()", "")
    )
    lines += [schedule_text(prog, lang), ""]
    if len(phases) == len(prog.phases):
        for section in text.guidance:
            lines.append(section.heading)
            lines += [_wrap(p, "  ") for p in section.paragraphs]
            lines.append("")
    for phase in phases:
        lines += _phase_lines(library, phase, lang)
    for week in prog.weeks:
        lines += _week_lines(week, lang)
    return "\n".join(lines).rstrip() + "\n"


def _phase_lines(library: Library, phase: Phase, lang: Lang) -> list[str]:
    title = gettext("Phase %(number)s") % {"number": phase.number}
    head = f"{title} ({weeks_text(phase.weeks, lang)})"
    if phase.text is not None:
        head += f": {phase.text.get(lang).title}"
    lines = [head, "-" * min(len(head), WIDTH), ""]
    for item in phase.items:
        lines += _item_lines(library, item, lang)
    return lines


def _item_lines(library: Library, item: Item, lang: Lang) -> list[str]:
    ex = library.exercise(item.exercise).text.get(lang)
    label = f"{item.position}. "
    lines = [f"{label}{ex.name.upper()}"]
    pad = " " * len(label)
    if item.alternative_to is not None:
        lines.append(
            pad
            + "("
            + gettext("alternative to exercise %(position)s") % {"position": item.alternative_to}
            + ")"
        )
    lines.append(_wrap(f">> {dose_text(item.dose, lang)}", pad + "   ", pad))
    if item.dose.load is not None:
        load = library.term("load", item.dose.load.value, lang)
        lines.append(_wrap(gettext("Load") + f": {load}", pad + "   ", pad))
    for setup in item.setup:
        lines.append(
            _wrap(
                gettext("Set-up") + ": " + library.term("setup", setup.value, lang),
                pad + "   ",
                pad,
            )
        )
    lines.append(pad + gettext("How to do it") + ":")
    for n, step in enumerate(ex.steps, 1):
        lines.append(_wrap(step, pad + "     ", f"{pad}  {n}. "))
    lines.append(_wrap(gettext("Remember") + ": " + " ".join(ex.cues), pad + "   ", pad))
    if item.text is not None:
        lines.append(_wrap(item.text.get(lang).note, pad + "   ", f"{pad}!  "))
    if ex.note is not None:
        lines.append(_wrap(ex.note, pad + "   ", f"{pad}i  "))
    return [*lines, ""]


def _week_lines(week: RunWeek, lang: Lang) -> list[str]:
    lines = [gettext("Week %(number)s") % {"number": week.number}]
    for session in week.sessions:
        parts = []
        for seg in session.segments:
            part = str(SEGMENTS[seg.kind]) % {"minutes": seg.minutes}
            if seg.or_km is not None:
                part += " " + gettext("or %(km)s km") % {"km": f"{seg.or_km:g}"}
            parts.append(part)
        total = gettext("%(minutes)s min in total") % {"minutes": session.minutes}
        day = gettext("Day %(number)s") % {"number": session.day}
        lines.append(f"  {day}: {', '.join(parts)} ({total})")
    return [*lines, ""]
