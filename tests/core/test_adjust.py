"""A clinician's adjustments turn the library programme into the patient's own programme."""

from __future__ import annotations

import pytest

from strideback.core.content.adjust import AdjustmentError, apply_adjustments, parse_adjustments
from strideback.core.content.library import Library, default_library
from strideback.core.content.models import Item, Programme


@pytest.fixture(scope="module")
def library() -> Library:
    return default_library()


@pytest.fixture(scope="module")
def akp(library: Library) -> Programme:
    return library.programme("anterior-knee-pain")


def item(programme: Programme, phase: int, position: str) -> Item:
    return next(i for i in programme.phase(phase).items if i.position == position)


def test_no_adjustments_give_back_the_library_programme(akp: Programme, library: Library) -> None:
    assert apply_adjustments(akp, [], library) is akp


def test_a_dose_change_keeps_the_fields_it_does_not_name(akp: Programme, library: Library) -> None:
    out = apply_adjustments(
        akp, [{"kind": "dose", "phase": 1, "position": "2", "dose": {"hold_seconds": 20}}], library
    )
    assert item(out, 1, "2").dose.hold_seconds == 20
    assert item(out, 1, "2").dose.sets == 3
    assert item(akp, 1, "2").dose.hold_seconds == 30, "the library programme is unchanged"


def test_a_dose_change_by_exercise_applies_in_every_phase(akp: Programme, library: Library) -> None:
    out = apply_adjustments(
        akp, [{"kind": "dose", "exercise": "side-plank", "dose": {"sets": 2}}], library
    )
    sets = [i.dose.sets for p in out.phases for i in p.items if i.exercise == "side-plank"]
    assert sets == [2, 2, 2, 2, 2]


def test_swapping_for_the_easier_variant_takes_the_dose_from_the_nearest_phase(
    akp: Programme, library: Library
) -> None:
    out = apply_adjustments(
        akp, [{"kind": "swap", "phase": 5, "position": "1", "to": "easier"}], library
    )
    swapped = item(out, 5, "1")
    assert swapped.exercise == "plank"
    assert swapped.dose.hold_seconds == 60, "phase 4's plank, not phase 1's"


def test_swapping_for_the_harder_variant(akp: Programme, library: Library) -> None:
    out = apply_adjustments(
        akp, [{"kind": "swap", "phase": 1, "position": "4", "to": "harder"}], library
    )
    assert item(out, 1, "4").exercise == "bridge-one-leg"


def test_a_swap_without_a_variant_names_the_field(akp: Programme, library: Library) -> None:
    with pytest.raises(AdjustmentError) as err:
        apply_adjustments(
            akp, [{"kind": "swap", "phase": 1, "position": "2", "to": "easier"}], library
        )
    assert str(err.value) == "adjustments[0].to: 'plank' has no easier variant in the library"


def test_skipping_an_item_removes_it_and_frees_its_alternative(
    akp: Programme, library: Library
) -> None:
    out = apply_adjustments(akp, [{"kind": "skip", "phase": 5, "position": "5.a"}], library)
    positions = [i.position for i in out.phase(5).items]
    assert "5.a" not in positions
    assert item(out, 5, "5.b").alternative_to is None


def test_adding_a_library_exercise_puts_it_at_the_end(akp: Programme, library: Library) -> None:
    out = apply_adjustments(
        akp,
        [
            {
                "kind": "add",
                "phase": 1,
                "exercise": "front-thigh-stretch",
                "dose": {"sets": 2, "hold_seconds": 30},
            }
        ],
        library,
    )
    added = out.phase(1).items[-1]
    assert (added.position, added.exercise, added.dose.hold_seconds) == (
        "7",
        "front-thigh-stretch",
        30,
    )


def test_adjustments_apply_in_order(akp: Programme, library: Library) -> None:
    out = apply_adjustments(
        akp,
        [
            {"kind": "swap", "phase": 2, "position": "4", "to": "easier"},
            {"kind": "dose", "phase": 2, "position": "4", "dose": {"reps": 8}},
        ],
        library,
    )
    assert (item(out, 2, "4").exercise, item(out, 2, "4").dose.reps) == ("bridge-two-leg", 8)


@pytest.mark.parametrize(
    ("adjustments", "message"),
    [
        ([{"kind": "stretch"}], "adjustments[0].kind: must be one of: dose, swap, skip, add"),
        (
            [{"kind": "skip", "phase": 9, "position": "1"}],
            "adjustments[0].phase: no phase 9 (phases: 1, 2, 3, 4, 5)",
        ),
        (
            [
                {"kind": "skip", "phase": 1, "position": "1"},
                {"kind": "skip", "phase": 1, "position": "9"},
            ],
            "adjustments[1].position: no item at position '9' in phase 1",
        ),
        (
            [{"kind": "dose", "phase": 1, "position": "1", "dose": {"sets": 0}}],
            "adjustments[0].dose.sets: must be greater than 0",
        ),
        (
            [{"kind": "dose", "phase": 1, "position": "1", "dose": {"weight": 5}}],
            "adjustments[0].dose.weight: unknown dose field",
        ),
        (
            [{"kind": "add", "phase": 1, "exercise": "moonwalk", "dose": {"sets": 1}}],
            "adjustments[0].exercise: unknown exercise id 'moonwalk'",
        ),
        (
            [
                {
                    "kind": "add",
                    "phase": 1,
                    "exercise": "plank",
                    "dose": {"sets": 1},
                    "position": "2",
                }
            ],
            "adjustments[0].position: '2' is already used in phase 1",
        ),
        (
            [{"kind": "skip", "position": "1"}],
            "adjustments[0]: a position needs a phase",
        ),
        (
            [{"kind": "swap", "phase": 1, "position": "1", "to": "sideways"}],
            "adjustments[0].to: must be 'easier' or 'harder'",
        ),
    ],
)
def test_bad_adjustments_name_their_index_and_field(
    akp: Programme, library: Library, adjustments: list[object], message: str
) -> None:
    with pytest.raises(AdjustmentError) as err:
        apply_adjustments(akp, adjustments, library)
    assert str(err.value) == message


def test_skipping_every_item_of_a_phase_is_refused(akp: Programme, library: Library) -> None:
    skips = [{"kind": "skip", "phase": 1, "position": str(n)} for n in range(1, 7)]
    with pytest.raises(AdjustmentError, match=r"adjustments\[5\]: would leave phase 1 with no"):
        apply_adjustments(akp, skips, library)


def test_a_run_plan_takes_no_exercise_adjustments(library: Library) -> None:
    run = library.programme("return-to-run-5k")
    with pytest.raises(AdjustmentError, match="is a run plan"):
        apply_adjustments(run, [{"kind": "skip", "phase": 1, "position": "1"}], library)


def test_parse_adjustments_accepts_what_it_returned() -> None:
    parsed = parse_adjustments([{"kind": "skip", "exercise": "plank"}])
    assert parse_adjustments(parsed) == parsed
