"""`strideback import-runs FILE`: the runs found in a GPX, TCX or FIT file from a watch."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from strideback.errors import CommandError
from strideback.training.runfiles import RunFileError, read_runs


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("import-runs", help="read the runs in a GPX, TCX or FIT file")
    parser.add_argument("file", type=Path, help="a GPX, TCX or FIT export from a watch or app")
    parser.add_argument("--format", default="text", choices=("text", "json"))
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise CommandError(f"cannot read {args.file}: {exc.strerror}") from exc
    try:
        runs, refused = read_runs(data)
    except RunFileError as exc:
        raise CommandError(f"{args.file} {exc}") from exc
    if not runs:
        reasons = "; ".join(f"the activity {r.reason}" for r in refused)
        raise CommandError(f"{args.file} holds no run: {reasons}")
    if args.format == "json":
        print(json.dumps([r.as_json() for r in runs]))
        return 0
    for r in runs:
        pace = r.pace_s_per_km
        pace_text = f", {pace // 60}:{pace % 60:02d} min/km" if pace is not None else ""
        print(
            f"{r.start:%Y-%m-%d %H:%M} UTC  {r.distance_m / 1000:.2f} km in "
            f"{r.moving_s // 60}:{r.moving_s % 60:02d} moving "
            f"({r.duration_s // 60}:{r.duration_s % 60:02d} in all){pace_text}"
        )
    for r in refused:
        print(f"refused: the {r.sport} activity at {r.start:%Y-%m-%d %H:%M} {r.reason}")
    return 0
