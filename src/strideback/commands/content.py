"""`strideback content check [DIR]`: validate the programme library or a folder of YAML.

With no DIR it checks the built-in library, the shipped questionnaires and a clinic's own
questionnaires (the folder named by ``STRIDEBACK_QUESTIONNAIRES_DIR``); with a DIR, that
folder's ``questionnaires/`` too when it has one.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from strideback.core.content.library import DEFAULT_ROOT, Library, check_library
from strideback.core.content.problems import Problem
from strideback.core.questionnaires.library import check_questionnaires
from strideback.questionnaires import clinic_folder


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("content", help="check the programme library (or a folder of YAML)")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    check = actions.add_parser(
        "check", help="validate every exercise, programme and questionnaire file"
    )
    check.add_argument(
        "dir",
        nargs="?",
        type=Path,
        default=DEFAULT_ROOT,
        help="folder with exercises/ and programmes/ (default: the built-in library)",
    )
    check.set_defaults(handler=run_check)


def _questionnaire_problems(
    root: Path, library: Library | None
) -> tuple[int | None, list[Problem]]:
    if root == DEFAULT_ROOT:
        found, problems = check_questionnaires(clinic_folder())
    elif (root / "questionnaires").is_dir():
        found, problems = check_questionnaires(shipped=root / "questionnaires")
    else:
        return None, []
    for programme in library.programmes.values() if library is not None else ():
        for n, qid in enumerate(programme.questionnaires):
            if qid not in found:
                problems.append(
                    Problem(
                        f"programmes/{programme.id}.yaml",
                        f"questionnaires[{n}]",
                        f"unknown questionnaire '{qid}'",
                    )
                )
    return len(found), problems


def run_check(args: argparse.Namespace) -> int:
    library, problems = check_library(args.dir)
    count, more = _questionnaire_problems(args.dir, library)
    problems = sorted(set(problems) | set(more))
    for problem in problems:
        print(problem)
    if library is None or problems:
        print(f"{len(problems)} problem(s) found in {args.dir}")
        return 2
    line = f"ok: {len(library.programmes)} programmes, {len(library.exercises)} exercises"
    if count is not None:
        line += f", {count} questionnaires"
    print(line)
    return 0
