"""`strideback manage ...`: run a Django management command (createsuperuser, migrate, ...)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from strideback.datadir import data_dir, ensure_data_dir, ensure_secret_key


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "manage", help="run a Django management command, e.g. `strideback manage createsuperuser`"
    )
    parser.add_argument("--data-dir", type=Path, help="data folder (default: per-user data folder)")
    parser.add_argument("args", nargs=argparse.REMAINDER, help="the command and its options")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    folder = ensure_data_dir((args.data_dir or data_dir()).expanduser())
    os.environ["STRIDEBACK_DATA_DIR"] = str(folder)
    if not os.environ.get("STRIDEBACK_SECRET_KEY"):
        os.environ["STRIDEBACK_SECRET_KEY"] = ensure_secret_key(folder)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "strideback.web.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["strideback manage", *(args.args or ["help"])])
    return 0
