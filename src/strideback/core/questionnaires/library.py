"""Load and validate questionnaires: one YAML file each, the shipped ones and a clinic's own.

The shipped questionnaires live in ``content/questionnaires/``; a clinic may add licensed
instruments (KOOS-PF, say) as files in a folder of its own, named by the setting
``STRIDEBACK_QUESTIONNAIRES_DIR``. Both are validated the same way, and a clinic's file may not
reuse a shipped id.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from strideback.core.content.library import DEFAULT_ROOT, parse_folder
from strideback.core.content.problems import ContentError, Problem
from strideback.core.questionnaires.models import Questionnaire

SHIPPED = DEFAULT_ROOT / "questionnaires"


def check_folder(
    folder: Path, label: str = "questionnaires"
) -> tuple[dict[str, Questionnaire], list[Problem]]:
    """Every questionnaire file in ``folder``, and every problem found in them."""
    if not folder.is_dir():
        return {}, [Problem(str(folder), "", "is not a folder")]
    parsed, problems = parse_folder(folder, label, Questionnaire)
    found = {
        qid: q
        for qid, (name, q) in parsed.items()
        if isinstance(q, Questionnaire) and Path(name).stem == qid
    }
    return found, problems


def check_questionnaires(
    extra: Path | None = None, shipped: Path = SHIPPED
) -> tuple[dict[str, Questionnaire], list[Problem]]:
    """The shipped questionnaires plus a clinic's folder (when given), and every problem."""
    found, problems = check_folder(shipped)
    if not found and not problems:
        problems.append(Problem("questionnaires/", "", "no questionnaire files found"))
    if extra is not None:
        theirs, more = check_folder(extra, str(extra))
        problems += more
        for qid, q in theirs.items():
            if qid in found:
                problems.append(
                    Problem(
                        f"{extra}/{qid}.yaml", "id", f"'{qid}' is already a shipped questionnaire"
                    )
                )
            else:
                found[qid] = q
    return found, sorted(set(problems))


def load_questionnaires(extra: Path | None = None) -> Mapping[str, Questionnaire]:
    found, problems = check_questionnaires(extra)
    if problems:
        raise ContentError(problems)
    return found
