"""`strideback content check [DIR]`: validate the programme library or a folder of YAML."""

from __future__ import annotations

import argparse
from pathlib import Path

from strideback.core.content.library import DEFAULT_ROOT, check_library


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("content", help="check the programme library (or a folder of YAML)")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    check = actions.add_parser("check", help="validate every exercise and programme file")
    check.add_argument(
        "dir",
        nargs="?",
        type=Path,
        default=DEFAULT_ROOT,
        help="folder with exercises/ and programmes/ (default: the built-in library)",
    )
    check.set_defaults(handler=run_check)


def run_check(args: argparse.Namespace) -> int:
    library, problems = check_library(args.dir)
    for problem in problems:
        print(problem)
    if library is None:
        print(f"{len(problems)} problem(s) found in {args.dir}")
        return 2
    print(f"ok: {len(library.programmes)} programmes, {len(library.exercises)} exercises")
    return 0
