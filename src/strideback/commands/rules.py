"""`strideback rules`: every rule the engine applies, its thresholds in each rule set and its
source, as Markdown (the text of docs/rules.md)."""

from __future__ import annotations

import argparse

from strideback.core.engine.rules import markdown


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "rules", help="every rule, its thresholds per rule set and its source (Markdown)"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    print(markdown(), end="")
    return 0
