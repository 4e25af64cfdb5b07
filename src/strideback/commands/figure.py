"""`strideback figure EXERCISE`: an exercise's figure as SVG at a moment of one repetition."""

from __future__ import annotations

import argparse
import math

from strideback.commands import _choices
from strideback.core.content.library import default_library
from strideback.core.figures.exercise import exercise_svg
from strideback.errors import CommandError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "figure",
        help="print an exercise's figure as SVG at a moment of one repetition",
        description="For a tempo exercise (3-2-3), --at 0 is the start, --at 3 the top, "
        "--at 5 the end of the hold and --at 8 back at the start.",
    )
    parser.add_argument("exercise", help="exercise id (see `strideback show PROGRAMME`)")
    parser.add_argument("--at", default="0", help="seconds into one repetition (default 0)")
    parser.add_argument("--side", default="first", help="first or second (per-side exercises)")
    parser.add_argument("--lang", default="en", help="da, en, de or nb (default en)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    library = default_library()
    if args.exercise not in library.exercises:
        valid = ", ".join(sorted(library.exercises))
        raise CommandError(f"unknown exercise '{args.exercise}' (choose one of: {valid})")
    try:
        at = float(args.at)
    except ValueError:
        at = math.nan
    if not math.isfinite(at) or at < 0:
        raise CommandError(f"--at: must be a number of seconds, 0 or more, got '{args.at}'")
    if args.side not in ("first", "second"):
        raise CommandError(f"--side: unknown side '{args.side}' (choose one of: first, second)")
    lang = _choices.language(args.lang)
    print(exercise_svg(library, args.exercise, at, lang, args.side == "second"))
    return 0
