"""The questionnaires this installation offers: the shipped ones plus a clinic's own.

A clinic adds licensed instruments as YAML files in the folder named by the environment
setting ``STRIDEBACK_QUESTIONNAIRES_DIR``; they are validated like the shipped ones (and by
``strideback content check``). Loaded once per process and folder.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from strideback.core.questionnaires.library import load_questionnaires
from strideback.core.questionnaires.models import Questionnaire

SETTING = "STRIDEBACK_QUESTIONNAIRES_DIR"

_cache: dict[Path | None, Mapping[str, Questionnaire]] = {}


def clinic_folder() -> Path | None:
    value = os.environ.get(SETTING, "").strip()
    return Path(value).expanduser() if value else None


def questionnaires() -> Mapping[str, Questionnaire]:
    """Every questionnaire by id (raises ``ContentError`` if a clinic file is broken)."""
    folder = clinic_folder()
    if folder not in _cache:
        _cache[folder] = load_questionnaires(folder)
    return _cache[folder]
