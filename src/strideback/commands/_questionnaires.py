"""Choosing a questionnaire on the command line: one-line errors naming the valid ids."""

from __future__ import annotations

from collections.abc import Mapping

from strideback.core.content.problems import ContentError
from strideback.core.questionnaires.models import Questionnaire
from strideback.errors import CommandError
from strideback.questionnaires import SETTING, questionnaires


def available() -> Mapping[str, Questionnaire]:
    try:
        return questionnaires()
    except ContentError as exc:
        first = exc.problems[0]
        raise CommandError(
            f"{len(exc.problems)} problem(s) in the questionnaires (see `strideback content "
            f"check`; {SETTING} names a clinic's folder), first: {first}"
        ) from exc


def questionnaire(qid: str) -> Questionnaire:
    found = available()
    if qid not in found:
        raise CommandError(f"unknown questionnaire '{qid}' (choose one of: {', '.join(found)})")
    return found[qid]
