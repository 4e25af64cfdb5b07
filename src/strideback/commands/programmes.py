"""`strideback programmes`: list every programme with its title and languages."""

from __future__ import annotations

import argparse

from strideback.core.content.library import default_library
from strideback.core.languages import LANGUAGES


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("programmes", help="list the programmes: id, title and languages")
    parser.add_argument("--lang", default="en", choices=LANGUAGES, help="language of the titles")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    library = default_library()
    width = max(len(p) for p in library.programmes)
    for pid in sorted(library.programmes):
        prog = library.programme(pid)
        title = prog.text.get(args.lang).title
        print(f"{pid:<{width}}  {title}  [{', '.join(LANGUAGES)}]")
    return 0
