"""Closed vocabularies used by the content: regions, equipment, set-ups and loads.

Content files name these by code; the words for each code, in every language, live in
``content/terms.yaml`` and are checked for completeness like any other content.
"""

from enum import StrEnum


class Region(StrEnum):
    HIP = "hip"
    CORE = "core"
    THIGH = "thigh"
    KNEE = "knee"
    LOWER_LEG = "lower_leg"
    FOOT = "foot"
    WHOLE_LEG = "whole_leg"


class Equipment(StrEnum):
    MAT = "mat"
    BAND = "band"
    CARPET_TILE = "carpet_tile"
    WALL = "wall"
    CHAIR = "chair"
    FOAM_ROLLER = "foam_roller"
    BALL = "ball"
    TOWEL = "towel"
    STEP = "step"
    BACKPACK = "backpack"
    MIRROR = "mirror"
    DOOR = "door"
    RUNNING_SHOES = "running_shoes"


class Setup(StrEnum):
    """Where the equipment goes for one item of a programme."""

    BAND_ABOVE_KNEES = "band_above_knees"
    BAND_AROUND_THIGHS = "band_around_thighs"
    BAND_AROUND_ANKLES = "band_around_ankles"
    BAND_AROUND_ANKLES_STRONGER = "band_around_ankles_stronger"
    BAND_ANCHORED_LOW = "band_anchored_low"
    BAND_UNDER_HEEL_AND_BIG_TOE = "band_under_heel_and_big_toe"
    CARPET_TILE_UNDER_FEET = "carpet_tile_under_feet"
    CARPET_TILE_UNDER_FOOT = "carpet_tile_under_foot"
    WALL_BESIDE = "wall_beside"
    WALL_BEHIND = "wall_behind"
    WALL_BEHIND_FOOT = "wall_behind_foot"
    SUPPORT_CHAIR_TABLE_WALL = "support_chair_table_wall"
    TOWEL_UNDER_TOES = "towel_under_toes"
    FOREFOOT_ON_STEP = "forefoot_on_step"
    FOAM_ROLLER_UNDER_THIGH = "foam_roller_under_thigh"
    BALL_UNDER_FOOT = "ball_under_foot"
    MIRROR_IN_FRONT = "mirror_in_front"
    FOOT_ON_STABLE_SURFACE = "foot_on_stable_surface"
    BAREFOOT = "barefoot"


class Load(StrEnum):
    BODYWEIGHT = "bodyweight"
    BACKPACK = "backpack"
    BACKPACK_INCREASING = "backpack_increasing"


class RuleSetId(StrEnum):
    """The rule sets a programme may follow (their tables: ``core.engine.thresholds``; their
    rules and sources: ``core.engine.rules``)."""

    SEED_000 = "seed-000"  # the hospital handout's rules, literally
    SEED_004 = "seed-004"  # the heel article's: no pain during or after
    PAIN_FREE = "pain-free"  # pain-free training (Strideback's own, after seed 000)
    TREK = "trek"  # pain monitoring for runners with patellofemoral pain (TREK)
    SILBERNAGEL = "silbernagel"  # Silbernagel's pain-monitoring model (tendon, heel)


TERM_KINDS: dict[str, type[StrEnum]] = {
    "region": Region,
    "equipment": Equipment,
    "setup": Setup,
    "load": Load,
    "rule_set": RuleSetId,
}
