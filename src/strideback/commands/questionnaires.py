"""`strideback questionnaires`: the id and title of every questionnaire on offer."""

from __future__ import annotations

import argparse

from strideback.commands import _choices
from strideback.commands._questionnaires import available


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("questionnaires", help="list the outcome questionnaires")
    parser.add_argument("--lang", default="en", help="da, en, de or nb (default en)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    lang = _choices.language(args.lang)
    found = available()
    width = max(len(qid) for qid in found)
    for qid, q in found.items():
        print(f"{qid:<{width}}  {q.text.get(lang).title}")
    return 0
