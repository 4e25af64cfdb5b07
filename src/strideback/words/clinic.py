"""The clinician's words: journal kinds and fields, flags, exercise variants, thresholds and
prescription fields.

The words come out in the active language (``gettext_lazy``).
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# a journal entry's kind, in the clinician's journal
ENTRY_KINDS: dict[str, Promise] = {
    "strength": _("Strength"),
    "run": pgettext_lazy("journal entry kind", "Run"),
    "check": _("Check"),
}

# a clinician flag -> its label
CLINIC_FLAGS: dict[str, Promise] = {
    "red_flag": _("Red flag"),
    "pain_above_limit": _("Pain above limit"),
    "pain_rising": _("Pain rising"),
    "running_paused": pgettext_lazy("clinician flag", "Running paused"),
    "missed_sessions": _("Missed sessions"),
}

# a clinician flag -> its one-line summary
FLAG_SUMMARIES: dict[str, Promise] = {
    "red_flag": _("Self-training stopped since %(since)s."),
    "pain_above_limit": _("Up to %(worst)s/10 in the last 7 days."),
    "pain_rising": _("Average %(before)s → %(now)s out of 10, week on week."),
    "running_paused": _("Pain with running on %(since)s."),
    "missed_sessions": _("Only %(done)s of %(expected)s sessions done in %(days)s days."),
}

# an exercise's variant -> its words
ADJUSTMENT_KINDS: dict[str, Promise] = {
    "dose": _("Change the dose"),
    "easier": _("Easier variant"),
    "harder": _("Harder variant"),
    "skip": pgettext_lazy("adjustment kind", "Skip"),
}

# an editable threshold -> its form label
THRESHOLDS: dict[str, Promise] = {
    "pain_during_max": _("Pain during training, at most"),
    "pain_after_max": _("Pain after training, at most"),
    "pain_next_morning_max": _("Pain next morning, at most"),
    "running_gate_pain_max": _("Running gate: pain at most"),
    "run_pain_during_max": _("Pain during a run, at most"),
    "run_pain_after_max": _("Pain after a run, at most"),
}

# a journal field -> its label
CLINIC_FIELDS: dict[str, Promise] = {
    "pain_during": _("Pain during"),
    "pain_after": _("Pain after"),
    "pain_next_morning": pgettext_lazy("pain field", "Next morning"),
    "sets": _("sets"),
    "reps": _("reps"),
    "hold_seconds": _("hold (s)"),
}

# a prescription field -> its form label
CLINIC_NAMED: dict[str, Promise] = {
    "sets": _("Sets"),
    "reps": _("Reps"),
    "hold": _("Hold (s)"),
    "remove": _("Remove"),
}
