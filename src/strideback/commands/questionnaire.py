"""`strideback questionnaire ID`: one questionnaire as readable text or as its public JSON."""

from __future__ import annotations

import argparse
import json
import textwrap

from strideback.commands import _choices
from strideback.commands._questionnaires import questionnaire
from strideback.core.questionnaires.public import questionnaire_json


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("questionnaire", help="show one questionnaire as text or JSON")
    parser.add_argument("id", help="questionnaire id (see `strideback questionnaires`)")
    parser.add_argument("--lang", default="en", help="da, en, de or nb (default en)")
    parser.add_argument("--format", default="text", choices=("text", "json"))
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    q = questionnaire(args.id)
    data = questionnaire_json(q, _choices.language(args.lang))
    if args.format == "json":
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print(render_text(data))
    return 0


def render_text(data: dict[str, object]) -> str:
    lines = [
        f"{data['title']} ({data['abbreviation']})",
        textwrap.fill(str(data["instructions"]), 78),
        "",
    ]
    items = data["items"]
    assert isinstance(items, list)
    for n, item in enumerate(items, 1):
        optional = " (optional)" if item["optional"] else ""
        lines.append(f"{n}. [{item['id']}] {item['text']}{optional}")
        for option in item.get("options", []):
            lines.append(f"   {option['points']:>3}  {option['id']}: {option['text']}")
        if "min" in item:
            anchors = item.get("anchors", {})
            low = f" ({anchors['min']})" if anchors else ""
            high = f" ({anchors['max']})" if anchors else ""
            na = f', or "{item["not_applicable"]}"' if "not_applicable" in item else ""
            lines.append(f"   {item['min']}{low} to {item['max']}{high}{na}")
    scoring = data["scoring"]
    assert isinstance(scoring, dict)
    lines += [
        "",
        f"score: {scoring['method']}, {scoring['min']:g} to {scoring['max']:g}, "
        f"{'higher is better' if scoring['higher_is_better'] else 'lower is better'}; "
        f"smallest important change {scoring['smallest_important_change']:g}",
        textwrap.fill(f"source: {data['citation']}", 78),
    ]
    return "\n".join(lines)
