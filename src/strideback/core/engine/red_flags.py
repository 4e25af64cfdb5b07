"""Red flags: symptoms that stop self-training until a clinician has looked (NHS red-flag pathways
for knee conditions; Koc TA et al., Heel pain - plantar fasciitis: revision 2023, J Orthop Sports
Phys Ther 2023;53(12):CPG1-CPG39).

Each flag has an urgency, which decides the advice the runner sees: ``emergency`` (go to
emergency care now), ``same_day`` (be seen today), ``soon`` (book an appointment within days).
The questions and advice, in every language, are words at the edge: ``words/red_flags.py``.
"""

from __future__ import annotations

from enum import StrEnum


class Urgency(StrEnum):
    EMERGENCY = "emergency"
    SAME_DAY = "same_day"
    SOON = "soon"


class RedFlag(StrEnum):
    KNEE_LOCKED = "knee_locked"
    GIVING_WAY_AFTER_INJURY = "giving_way_after_injury"
    CANNOT_BEAR_WEIGHT = "cannot_bear_weight"
    KNEE_CHANGED_SHAPE = "knee_changed_shape"
    RAPID_SWELLING_AFTER_INJURY = "rapid_swelling_after_injury"
    HOT_RED_SWOLLEN_FEVER = "hot_red_swollen_fever"
    CONSTANT_NIGHT_PAIN = "constant_night_pain"
    NUMBNESS_OR_TINGLING = "numbness_or_tingling"
    CALF_SWELLING = "calf_swelling"
    UNEXPLAINED_WEIGHT_LOSS = "unexplained_weight_loss"
    BILATERAL_HEEL_MORNING_STIFFNESS = "bilateral_heel_morning_stiffness"
    HEEL_SQUEEZE_PAIN = "heel_squeeze_pain"
    BONE_PAIN_ON_HOPPING = "bone_pain_on_hopping"

    @property
    def urgency(self) -> Urgency:
        return URGENCY[self]


# Where those pathways send each finding: A&E for suspected infection, fracture or
# dislocation; an acute-knee or same-day appointment for a locked knee, haemarthrosis, giving
# way after injury and suspected DVT; a prompt but planned visit for the rest.
URGENCY: dict[RedFlag, Urgency] = {
    RedFlag.KNEE_LOCKED: Urgency.SAME_DAY,
    RedFlag.GIVING_WAY_AFTER_INJURY: Urgency.SAME_DAY,
    RedFlag.CANNOT_BEAR_WEIGHT: Urgency.SAME_DAY,
    RedFlag.KNEE_CHANGED_SHAPE: Urgency.EMERGENCY,
    RedFlag.RAPID_SWELLING_AFTER_INJURY: Urgency.SAME_DAY,
    RedFlag.HOT_RED_SWOLLEN_FEVER: Urgency.EMERGENCY,
    RedFlag.CONSTANT_NIGHT_PAIN: Urgency.SOON,
    RedFlag.NUMBNESS_OR_TINGLING: Urgency.SOON,
    RedFlag.CALF_SWELLING: Urgency.SAME_DAY,
    RedFlag.UNEXPLAINED_WEIGHT_LOSS: Urgency.SOON,
    RedFlag.BILATERAL_HEEL_MORNING_STIFFNESS: Urgency.SOON,
    RedFlag.HEEL_SQUEEZE_PAIN: Urgency.SOON,
    RedFlag.BONE_PAIN_ON_HOPPING: Urgency.SOON,
}

_ORDER = {Urgency.EMERGENCY: 0, Urgency.SAME_DAY: 1, Urgency.SOON: 2}
_POSITION = {flag: i for i, flag in enumerate(RedFlag)}


def most_urgent_first(flags: list[RedFlag]) -> list[RedFlag]:
    """Flags sorted by urgency (emergency first), then in declaration order."""
    return sorted(flags, key=lambda f: (_ORDER[URGENCY[f]], _POSITION[f]))
