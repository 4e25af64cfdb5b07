"""Calendar words: weekdays, months, and what the calendar shows for a day's entry.

The words come out in the active language (``gettext_lazy``).
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# ISO weekday number -> its name
WEEKDAYS: dict[int, Promise] = {
    1: _("Monday"),
    2: _("Tuesday"),
    3: _("Wednesday"),
    4: _("Thursday"),
    5: _("Friday"),
    6: _("Saturday"),
    7: _("Sunday"),
}

# month number -> its name
MONTHS: dict[int, Promise] = {
    1: _("January"),
    2: _("February"),
    3: _("March"),
    4: _("April"),
    5: _("May"),
    6: _("June"),
    7: _("July"),
    8: _("August"),
    9: _("September"),
    10: _("October"),
    11: _("November"),
    12: _("December"),
}

# a journal entry's kind -> its calendar title
CALENDAR_KINDS: dict[str, Promise] = {
    "strength": _("Strength training"),
    "run": pgettext_lazy("calendar entry", "Run"),
    "check": _("Check"),
}

# a calendar mark's status -> its words
CALENDAR_STATUSES: dict[str, Promise] = {
    "done": _("done"),
    "painful": _("painful"),
    "missed": _("missed"),
    "skipped": pgettext_lazy("calendar status", "skipped"),
    "partial": _("partly done"),
    "planned": _("planned"),
    "flag": _("needs a check-up"),
}
