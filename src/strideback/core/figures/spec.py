"""The figure description every exercise's YAML carries under ``figure:``.

A figure is a view, its props, named key poses (joint angles, and which body points touch
which surface) and how the tempo moves between them. ``strideback content check`` validates
it like the rest of the content: a missing figure, an unknown joint, point, surface or pose is
an error naming the field.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from strideback.core.figures.body import DOFS, limits

View = Literal["right", "left", "front", "back", "top"]
Surface = Literal["floor", "wall", "step", "seat", "roller"]
Motion = Literal["rep", "hold", "cycle"]
# The pacer's words for one repetition (see ``cue_words``): a movement's two directions, or
# an isometric's effort and rest.
Cues = Literal["up_down", "down_up", "out_in", "push_relax", "hold_relax"]
MOVING_CUES: frozenset[str] = frozenset(("up_down", "down_up", "out_in"))
HOLD_CUES: frozenset[str] = frozenset(("push_relax", "hold_relax"))
FEET = ("heel", "ball", "toe")
PropKind = Literal[
    "floor",
    "mat",
    "wall",
    "step",
    "chair",
    "roller",
    "band",
    "tile",
    "towel",
    "ball",
    "backpack",
    "mirror",
    "door",
]

_LIMB_POINTS = (
    "hip", "thigh", "above_knee", "knee", "shank", "ankle", "heel", "ball", "toe",
    "shoulder", "upper_arm", "elbow", "forearm", "wrist", "hand",
)  # fmt: skip
POINTS = frozenset(
    ("pelvis", "chest", "neck", "head")
    + tuple(f"{side}_{p}" for side in ("r", "l") for p in _LIMB_POINTS)
)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _known_point(value: str) -> str:
    if value not in POINTS:
        raise ValueError(f"unknown body point '{value}'")
    return value


class Prop(_Model):
    """Something the exercise uses. Surfaces (wall, step, chair seat, roller) are fixed in the
    room; a band runs between two body points (or a body point and ``anchor``); a tile,
    towel or ball sits under a body point; a backpack on the back."""

    kind: PropKind
    x: float | None = None  # a wall at x = ..., a roller's axis, a mirror or door
    y: float | None = None  # a wall at y = ...
    span: Annotated[list[float], Field(min_length=2, max_length=2)] | None = None  # x from, to
    height: Annotated[float, Field(gt=0)] | None = None
    radius: Annotated[float, Field(gt=0)] | None = None
    at: str | None = None
    to: str | None = None
    anchor: Annotated[list[float], Field(min_length=3, max_length=3)] | None = None

    @field_validator("at", "to")
    @classmethod
    def _points(cls, value: str | None) -> str | None:
        return None if value is None else _known_point(value)

    @model_validator(mode="after")
    def _complete(self) -> Prop:
        need: dict[str, tuple[str, ...]] = {
            "step": ("span", "height"),
            "chair": ("span", "height"),
            "roller": ("radius",),
            "band": ("at",),
            "tile": ("at",),
            "towel": ("at",),
            "ball": ("at",),
            "mirror": ("x",),
            "door": ("x",),
        }
        missing = [f for f in need.get(self.kind, ()) if getattr(self, f) is None]
        if missing:
            raise ValueError(f"a {self.kind} needs {' and '.join(missing)}")
        if self.kind in ("wall", "roller") and (self.x is None) == (self.y is None):
            raise ValueError(f"a {self.kind} needs x or y (where it is), not both")
        if self.kind == "band" and (self.to is None) == (self.anchor is None):
            raise ValueError("a band needs to (a body point) or anchor (a place), not both")
        return self


class Pose(_Model):
    """A key pose: joint angles (degrees; x, y, z in mm) and the points that touch a surface.
    ``from`` starts from another pose's angles and contacts."""

    from_: str | None = Field(default=None, alias="from")
    angles: dict[str, float] = {}
    touch: dict[str, Surface] | None = None
    grip: dict[str, str] | None = None  # a hand holding another body point: {r_hand: r_knee}

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @field_validator("angles")
    @classmethod
    def _angles(cls, value: dict[str, float]) -> dict[str, float]:
        for dof, angle in value.items():
            if dof not in DOFS:
                raise ValueError(f"unknown joint '{dof}'")
            span = limits(dof)
            if span is not None and not span[0] <= angle <= span[1]:
                raise ValueError(f"{dof} {angle:g} is outside {span[0]:g}..{span[1]:g} degrees")
        return value

    @field_validator("grip")
    @classmethod
    def _grip(cls, value: dict[str, str] | None) -> dict[str, str] | None:
        for hand, point in (value or {}).items():
            if hand not in ("r_hand", "l_hand"):
                raise ValueError(f"only a hand grips, not '{hand}'")
            _known_point(point)
        return value

    @field_validator("touch")
    @classmethod
    def _touch(cls, value: dict[str, Surface] | None) -> dict[str, Surface] | None:
        for point in value or {}:
            _known_point(point)
        return value


class Figure(_Model):
    view: View
    tilt: Annotated[float, Field(ge=0, le=60)] = 0.0  # the camera looks down this much
    # The side the figure works as drawn, which the pacer names first (an exercise done on
    # each side must say; the second side is this one mirrored).
    side: Literal["right", "left"] | None = None
    props: list[Prop] = []
    poses: dict[str, Pose] = Field(min_length=1)
    motion: Motion
    # rep: up moves start -> end, hold keeps end, down moves end -> start.
    # hold: the pose held (``hold``). cycle: ``sequence`` of [pose, seconds to reach it].
    hold: str = "end"
    sequence: list[tuple[str, Annotated[float, Field(gt=0)]]] = []
    tempo: Annotated[list[Annotated[float, Field(ge=0)]], Field(min_length=3, max_length=3)] = [
        2.0,
        1.0,
        2.0,
    ]
    free: list[str] = []  # joints the contact solver may adjust to keep contacts
    slide: list[str] = []  # contacts that may slide along their surface (a tile, a roller)
    cues: Cues = "up_down"
    get_ready: Annotated[int, Field(ge=5, le=60)] = 10  # seconds to get into the start pose

    @field_validator("free")
    @classmethod
    def _free(cls, value: list[str]) -> list[str]:
        for dof in value:
            if dof not in DOFS:
                raise ValueError(f"unknown joint '{dof}'")
        return value

    @field_validator("slide")
    @classmethod
    def _slide(cls, value: list[str]) -> list[str]:
        return [_known_point(p) for p in value]

    @model_validator(mode="after")
    def _poses_exist(self) -> Figure:
        names = set(self.poses)
        for name, pose in self.poses.items():
            if pose.from_ is not None and pose.from_ not in names:
                raise ValueError(f"poses.{name}.from: no pose '{pose.from_}'")
            seen, at = {name}, pose.from_
            while at is not None and at in names:
                if at in seen:
                    raise ValueError(f"poses.{name}.from: the poses start from each other")
                seen.add(at)
                at = self.poses[at].from_
        needed = {"rep": ["start", "end"], "hold": [self.hold], "cycle": ["start"]}[self.motion]
        needed += [name for name, _ in self.sequence]
        for name in needed:
            if name not in names:
                raise ValueError(f"a {self.motion} figure needs a pose '{name}'")
        if self.motion == "cycle" and not self.sequence:
            raise ValueError("a cycle figure needs a sequence of [pose, seconds]")
        surfaces = {p.kind for p in self.props}
        kinds = {"wall": "wall", "step": "step", "seat": "chair", "roller": "roller"}
        for name, pose in self.poses.items():
            for point, surface in (pose.touch or {}).items():
                if surface != "floor" and kinds[surface] not in surfaces:
                    raise ValueError(f"poses.{name}.touch.{point}: no {kinds[surface]} in props")
        return self

    def first_pose(self) -> str:
        return "start" if "start" in self.poses else self.hold

    def starts_down(self) -> bool:
        """Whether the exercise starts down on the floor: lying, sitting, kneeling or on the
        hands (anything but the feet on the floor)."""
        _, touch = self.resolved(self.first_pose())
        return any(
            surface == "floor" and point.rsplit("_", 1)[-1] not in FEET
            for point, surface in touch.items()
        )

    def resolved(self, name: str) -> tuple[dict[str, float], dict[str, Surface]]:
        """A pose's own angles over those it starts ``from``, and its contacts."""
        pose = self.poses[name]
        if pose.from_ is None:
            return dict(pose.angles), dict(pose.touch or {})
        angles, touch = self.resolved(pose.from_)
        return angles | pose.angles, dict(pose.touch) if pose.touch is not None else touch

    def grips(self, name: str) -> dict[str, str]:
        """Which hand holds which body point in a pose (inherited through ``from``)."""
        pose = self.poses[name]
        if pose.grip is not None or pose.from_ is None:
            return dict(pose.grip or {})
        return self.grips(pose.from_)


def cue_words(cues: str) -> tuple[str, str, str]:
    """The pacer's words for one repetition: moving away from the start, staying there and
    coming back (``up``, ``hold``, ``down`` for a bridge; ``out``, ``hold``, ``in`` for a band
    abduction; ``push`` and ``relax`` for an isometric)."""
    return {
        "up_down": ("up", "hold", "down"),
        "down_up": ("down", "hold", "up"),
        "out_in": ("out", "hold", "in"),
        "push_relax": ("push", "push", "relax"),
        "hold_relax": ("hold", "hold", "relax"),
    }[cues]


READY_SECONDS = 10  # the player's least time to get ready
READY_EXTRA = 10  # more for a band to put on, and more again for getting down on the floor


def ready_needed(figure: Figure, equipment: list[str]) -> int:
    """The least time to get ready that an exercise may give: Strideback's own rule of thumb,
    10 s, plus 10 s to put a band on, plus 10 s to get down on the floor."""
    band = READY_EXTRA if "band" in equipment else 0
    down = READY_EXTRA if figure.starts_down() else 0
    return READY_SECONDS + band + down
