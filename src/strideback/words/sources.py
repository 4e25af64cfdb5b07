"""Where a rule comes from, as words: the seed documents by number, and Strideback's own reading
where a rule's source is a seed or a study.

The words come out in the active language (``gettext_lazy``).
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# A seed document's number -> what the runner knows it as (the source of a rule)
SEED_DOCUMENTS: dict[str, Promise] = {
    "000": _("the hospital's handout on knee pain at the front of the knee"),
    "001": _("the article on exercises for runner's knee"),
    "002": _("the experts' article on pain at the inside of the knee"),
    "003": _("the article on knee pain after jogging"),
    "004": _("the article on heel pain (plantar fasciitis)"),
}

# What in a rule is Strideback's reading where its source is a seed or a study
# (``core.engine.rules``: each ``Source.note``; a test checks every one is here)
RULE_NOTES: dict[str, Promise] = {
    "'after' read as the next morning too": _("“after” read as the next morning too"),
    "after seed 000's pain-free rule": _("after the hospital handout's pain-free rule"),
    "repeating the week at the end of a phase is Strideback's": _(
        "repeating the week at the end of a phase is Strideback's own"
    ),
    "repeating the week is Strideback's": _("repeating the week is Strideback's own"),
    "showing it for 2 days is Strideback's": _("showing it for 2 days is Strideback's own"),
    "the 3 symptom-free days and the earlier run week are Strideback's": _(
        "the 3 symptom-free days and the earlier run week are Strideback's own"
    ),
    "the 4-week window is Strideback's": _("the 4-week window is Strideback's own"),
    "the 7-day baseline is Strideback's": _("the 7-day baseline is Strideback's own"),
    "the count is Strideback's": _("the number of sessions is Strideback's own"),
    "the counts and the factor are Strideback's": _(
        "the numbers of sessions and how much fewer are Strideback's own"
    ),
    "the day between runs is Strideback's": _("the day between runs is Strideback's own"),
    "the gate weeks in the open-ended last phase and the stated answer are Strideback's": _(
        "the weeks that count in the last phase and saying the earlier phases were "
        "pain-free are Strideback's own"
    ),
    "the seed's pain-free training, read as next morning too": _(
        "the handout's pain-free training, read as the next morning too"
    ),
}
