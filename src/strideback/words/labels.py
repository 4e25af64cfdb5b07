"""Every family of coded words a template can show, by family name (the ``label`` filter:
``{{ code|label:"RED_FLAG_LABELS" }}``). The words themselves live by concept in this package:
``decisions``, ``red_flags``, ``onboarding``, ``calendar``, ``clinic``, ``errors``, ``sessions``,
``sources``; each code maps to one explicit message, so ``makemessages`` sees every string.
"""

from __future__ import annotations

from django.utils.functional import Promise

from strideback.words.calendar import CALENDAR_KINDS, CALENDAR_STATUSES
from strideback.words.clinic import (
    ADJUSTMENT_KINDS,
    CLINIC_FIELDS,
    CLINIC_FLAGS,
    CLINIC_NAMED,
    ENTRY_KINDS,
    FLAG_SUMMARIES,
    THRESHOLDS,
)
from strideback.words.decisions import ACTIONS, CAUSES, REASONS
from strideback.words.errors import ERRORS, INVITE_PROBLEMS
from strideback.words.onboarding import AREAS, GOALS, ONBOARDING_FIELDS, SPOTS, WHY
from strideback.words.red_flags import (
    RED_FLAG_ADVICE,
    RED_FLAG_LABELS,
    RED_FLAG_QUESTIONS,
    URGENCIES,
)
from strideback.words.sessions import SEGMENTS

LABELS: dict[str, dict[str, Promise]] = {
    "REASONS": REASONS,
    "CAUSES": CAUSES,
    "ACTIONS": ACTIONS,
    "RED_FLAG_QUESTIONS": RED_FLAG_QUESTIONS,
    "RED_FLAG_LABELS": RED_FLAG_LABELS,
    "RED_FLAG_ADVICE": RED_FLAG_ADVICE,
    "URGENCIES": URGENCIES,
    "SEGMENTS": SEGMENTS,
    "AREAS": AREAS,
    "SPOTS": SPOTS,
    "GOALS": GOALS,
    "WHY": WHY,
    "ONBOARDING_FIELDS": ONBOARDING_FIELDS,
    "INVITE_PROBLEMS": INVITE_PROBLEMS,
    "CALENDAR_KINDS": CALENDAR_KINDS,
    "CALENDAR_STATUSES": CALENDAR_STATUSES,
    "ENTRY_KINDS": ENTRY_KINDS,
    "CLINIC_FLAGS": CLINIC_FLAGS,
    "FLAG_SUMMARIES": FLAG_SUMMARIES,
    "ADJUSTMENT_KINDS": ADJUSTMENT_KINDS,
    "THRESHOLDS": THRESHOLDS,
    "CLINIC_FIELDS": CLINIC_FIELDS,
    "CLINIC_NAMED": CLINIC_NAMED,
    "ERRORS": ERRORS,
}
