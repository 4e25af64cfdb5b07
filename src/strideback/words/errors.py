"""What is wrong with an input or an invitation, by its code.

The words come out in the active language (``gettext_lazy``).
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# an input error's code -> what is wrong
ERRORS: dict[str, Promise] = {
    "onb.error_areas": _("pick at least one place."),
    "onb.error_red_flags": _("one answer could not be read. Please try again."),
    "onb.error_goal": _("pick one of the two goals."),
    "onb.error_start": _("enter a date from the last four weeks up to three months ahead."),
    "onb.error_programmes": _("pick at least one programme."),
    "onb.error_start_phase": _("pick a phase that every programme you chose has."),
    "onb.error_stopped": _("a clinician needs to look at your safety answers first."),
    "morning.error_pain": _("pick a number from 0 to 10."),
    "settings.error_confirm": _("that's not the e-mail you're logged in with."),
    "cal.error_month": _("give the month as YYYY-MM, e.g. 2026-11."),
    "cal.error_range": _("pick at most two months at a time, ending after the start."),
}

# why an invitation cannot be accepted
INVITE_PROBLEMS: dict[str, Promise] = {
    "used": _("This invitation has already been used."),
    "stopped": _("This invitation has been withdrawn."),
    "unknown": _("We can't find that invitation."),
    "clinician": _("You are logged in as a clinician. This invitation is for a runner."),
}
