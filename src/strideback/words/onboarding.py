"""The start questions' words: where it hurts, the goal, why a programme fits, the fields.

The words come out in the active language (``gettext_lazy``).
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# where it hurts -> the choice's label
AREAS: dict[str, Promise] = {
    "front_of_knee": _("Front of the knee or under the kneecap"),
    "inside_of_knee": _("Inside of the knee"),
    "outside_of_knee": _("Outside of the knee"),
    "heel": _("Heel or sole of the foot"),
}

# where it hurts -> the body map's label
SPOTS: dict[str, Promise] = {
    "front_of_knee": _("Front"),
    "inside_of_knee": _("Inside"),
    "outside_of_knee": _("Outside"),
    "heel": _("Heel"),
}

# the runner's goal -> its label
GOALS: dict[str, Promise] = {
    "back_to_5k": _("Back to running 5 km"),
    "keep_running": _("Keep running, without pain"),
}

# programme id -> why it fits
WHY: dict[str, Promise] = {
    "anterior-knee-pain": _(
        "For pain at the front of the knee: strength for hips, "
        "trunk and feet in five phases, taking load off the "
        "kneecap. This is the main programme."
    ),
    "runners-knee-mobility": _(
        "A good extra: five mobility exercises for runners with pain around the kneecap."
    ),
    "return-to-run-5k": _(
        "Your goal is 5 km: walk-run intervals that begin only once your knee is ready, in phase 4."
    ),
    "medial-knee-pain": _(
        "For pain on the inside of the knee: foot arch, leg axis "
        "and thigh muscle work so the knee stops caving in."
    ),
    "leg-axis": _(
        "For pain on the outside of the knee: train your leg axis"
        " in front of a mirror so hip, knee and foot line up."
    ),
    "plantar-heel-pain": _(
        "For pain in the heel or sole: heavy, slow heel raises "
        "that make the tissue under your foot stronger."
    ),
}

# an onboarding field -> its label
ONBOARDING_FIELDS: dict[str, Promise] = {
    "areas": _("Where it hurts"),
    "red_flags": _("Safety questions"),
    "goal": _("Goal"),
    "start": _("Start date"),
    "programmes": _("Programmes"),
    "start_phase": _("Start in phase"),
}
