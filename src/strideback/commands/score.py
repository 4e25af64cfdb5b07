"""`strideback score ID --answers FILE`: score a JSON object of item id -> option id or number."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from strideback.commands._questionnaires import questionnaire
from strideback.core.questionnaires.public import score_json
from strideback.core.questionnaires.scoring import AnswerError, score
from strideback.errors import CommandError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("score", help="score a questionnaire's answers from a JSON file")
    parser.add_argument("id", help="questionnaire id (see `strideback questionnaires`)")
    parser.add_argument("--answers", required=True, type=Path, help="JSON file: {item: answer}")
    parser.add_argument("--format", default="text", choices=("text", "json"))
    parser.set_defaults(handler=run)


def _read_answers(path: Path) -> dict[str, object]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CommandError(f"cannot read {path}: {exc.strerror}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CommandError(f"{path} is not JSON text: {exc}") from exc
    except RecursionError:
        raise CommandError(f"{path} is nested too deeply to be answers") from None
    if not isinstance(data, dict):
        raise CommandError(f"{path} must hold a JSON object of item id -> answer")
    return data


def run(args: argparse.Namespace) -> int:
    q = questionnaire(args.id)
    try:
        result = score(q, _read_answers(args.answers))
    except AnswerError as exc:
        raise CommandError(str(exc)) from exc
    if args.format == "json":
        print(json.dumps(score_json(result)))
        return 0
    print(f"score: {result.score:g}")
    for sub_id, value in result.subscales.items():
        print(f"{sub_id}: {value:g}")
    return 0
