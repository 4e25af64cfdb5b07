"""`strideback ...`: one entry point; each sub-command lives in ``strideback.commands.<name>``."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from strideback.errors import CommandError

__all__ = ["COMMANDS", "CommandError", "build_parser", "main"]

# Order is the order `strideback --help` lists them in.
COMMANDS = (
    "serve",
    "content",
    "programmes",
    "show",
    "plan",
    "rules",
    "handout",
    "figure",
    "questionnaires",
    "questionnaire",
    "score",
    "import-runs",
    "manage",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="strideback",
        description="Strideback: a self-training coach for runners with knee and foot pain.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        module_name = f"strideback.commands.{name.replace('-', '_')}"
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        result: int | None = args.handler(args)
    except CommandError as exc:
        print(f"strideback {args.command}: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `strideback show ... | head` closed the pipe: not an error
        sys.stderr.close()
        return 0
    return result or 0


if __name__ == "__main__":
    sys.exit(main())
