"""The four smaller programmes, pinned item by item to their seeds.

- ``runners-knee-mobility``: seed 001 (five mobilisations for runner's knee)
- ``medial-knee-pain``: seed 002 (pain on the inside of the knee)
- ``leg-axis``: seed 003 (knee pain after jogging, the "mirror knee")
- ``plantar-heel-pain``: seed 004 with the doses of Rathleff 2015 (Scand J Med Sci Sports 25:e292)

The tables were written from the seeds, not from the YAML. Where a seed gives no count, the
dose is one untimed round (``sets: 1`` and nothing else): a number here would be invented.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

from strideback.core.content.library import Library, load_library
from strideback.core.content.models import Dose, Programme
from strideback.core.languages import LANGUAGES

UNTIMED = Dose(sets=1)
UNTIMED_EACH_SIDE = Dose(sets=1, per_side=True)
RATHLEFF_TEMPO = [3, 2, 3]  # 3 s up, 2 s hold at the top, 3 s down
RATHLEFF_REST = 120  # 2 min between sets


class Row(NamedTuple):
    position: str
    exercise: str
    dose: Dose
    part: str = "main"
    alternative_to: str | None = None
    setup: tuple[str, ...] = ()


class Expected(NamedTuple):
    seed: str
    rule_sets: list[str]
    every_days: int | None
    per_week: tuple[int, int] | None
    weeks: list[tuple[int, int | None]]
    phases: list[list[Row]]


def _heel_raise(sets: int, reps: int, load: str) -> Dose:
    return Dose(
        sets=sets,
        reps=reps,
        repetition_maximum=True,
        load=load,
        tempo_seconds=RATHLEFF_TEMPO,
        per_side=True,
        rest_seconds=RATHLEFF_REST,
    )


HEEL_RAISE_SETUP = ("towel_under_toes", "forefoot_on_step")

EXPECTED: dict[str, Expected] = {
    # "one to three gym sessions per week, depending on training load and race calendar";
    # the seed repeats the first three on the other side and says nothing of the sort for 4, 5
    "runners-knee-mobility": Expected(
        seed="001",
        rule_sets=["trek"],
        every_days=None,
        per_week=(1, 3),
        weeks=[(1, None)],
        phases=[
            [
                Row(
                    "1",
                    "half-kneeling-quad-mobilisation",
                    UNTIMED_EACH_SIDE,
                    setup=("wall_behind_foot",),
                ),
                Row("2", "low-lunge-with-reach", UNTIMED_EACH_SIDE),
                Row("3", "ninety-ninety-sit-with-reach", UNTIMED_EACH_SIDE),
                Row("4", "ankle-mobilisation", UNTIMED, setup=("foot_on_stable_surface",)),
                Row("5", "wide-legged-forward-fold", UNTIMED),
            ]
        ],
    ),
    # no frequency in the seed: 2-3 a week is Strideback's default
    "medial-knee-pain": Expected(
        seed="002",
        rule_sets=["pain-free", "trek"],
        every_days=None,
        per_week=(2, 3),
        weeks=[(1, None)],
        phases=[
            [
                Row(
                    "1",
                    "foam-roll-front-thigh",
                    UNTIMED,
                    part="warm_up",
                    setup=("foam_roller_under_thigh",),
                ),
                Row(
                    "2",
                    "foam-roll-outer-thigh",
                    UNTIMED,
                    part="warm_up",
                    setup=("foam_roller_under_thigh",),
                ),
                Row("3", "standing-knee-to-chest", UNTIMED, part="warm_up"),
                # "5-10 times, hold for 8-10 seconds"
                Row(
                    "4",
                    "foot-arch-building",
                    Dose(sets=1, reps=5, reps_max=10, hold_seconds=8, hold_seconds_max=10),
                ),
                Row("5", "sit-to-stand-stable-arch", UNTIMED),
                # "Increase Variants" of the second exercise: barefoot squat, band arch control
                Row("5.b", "barefoot-squat", UNTIMED, alternative_to="5", setup=("barefoot",)),
                Row(
                    "5.c",
                    "band-arch-control",
                    UNTIMED,
                    alternative_to="5",
                    setup=("band_under_heel_and_big_toe",),
                ),
                # "3 sets of 25-20 reps", the trained leg on the outside
                Row(
                    "6",
                    "vastus-medialis-band-pull-lunge",
                    Dose(sets=3, reps=20, reps_max=25, per_side=True),
                    setup=("band_anchored_low",),
                ),
                Row("7", "front-thigh-stretch", UNTIMED, part="cool_down"),
                Row(
                    "8",
                    "plantar-ball-roll",
                    UNTIMED,
                    part="cool_down",
                    setup=("ball_under_foot",),
                ),
            ]
        ],
    ),
    # no frequency in the seed: 2-3 a week is Strideback's default
    "leg-axis": Expected(
        seed="003",
        rule_sets=["trek"],
        every_days=None,
        per_week=(2, 3),
        weeks=[(1, None)],
        phases=[
            [
                Row("1", "mirror-knee-check", UNTIMED, setup=("mirror_in_front",)),
                Row("2", "mirror-knee-training", UNTIMED, setup=("mirror_in_front",)),
            ]
        ],
    ),
    # every second day; 3 x 12RM body weight, 4 x 10RM backpack, 5 x 8RM heavier backpack
    "plantar-heel-pain": Expected(
        seed="004",
        rule_sets=["seed-004", "silbernagel"],
        every_days=2,
        per_week=None,
        weeks=[(1, 2), (3, 4), (5, None)],
        phases=[
            [
                Row(
                    "1",
                    "single-leg-heel-raise-towel",
                    _heel_raise(3, 12, "bodyweight"),
                    setup=HEEL_RAISE_SETUP,
                )
            ],
            [
                Row(
                    "1",
                    "single-leg-heel-raise-towel",
                    _heel_raise(4, 10, "backpack"),
                    setup=HEEL_RAISE_SETUP,
                )
            ],
            [
                Row(
                    "1",
                    "single-leg-heel-raise-towel",
                    _heel_raise(5, 8, "backpack_increasing"),
                    setup=HEEL_RAISE_SETUP,
                )
            ],
        ],
    ),
}


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library()


def _programme(library: Library, programme_id: str) -> Programme:
    return library.programme(programme_id)


@pytest.mark.parametrize("programme_id", sorted(EXPECTED))
def test_programme_names_its_seed_rule_sets_and_schedule(
    library: Library, programme_id: str
) -> None:
    prog, want = _programme(library, programme_id), EXPECTED[programme_id]
    assert prog.kind == "exercises"
    assert prog.source.seed == want.seed
    assert prog.rule_sets == want.rule_sets
    assert prog.schedule.every_days == want.every_days
    weekly = (prog.schedule.per_week_min, prog.schedule.per_week_max)
    assert weekly == (want.per_week or (None, None))


@pytest.mark.parametrize("programme_id", sorted(EXPECTED))
def test_phases_cover_the_seed_weeks(library: Library, programme_id: str) -> None:
    prog = _programme(library, programme_id)
    assert [(p.weeks.from_, p.weeks.to) for p in prog.phases] == EXPECTED[programme_id].weeks


@pytest.mark.parametrize(
    ("programme_id", "phase"),
    [(pid, n) for pid, want in sorted(EXPECTED.items()) for n in range(1, len(want.phases) + 1)],
)
def test_every_item_matches_the_seed(library: Library, programme_id: str, phase: int) -> None:
    items = _programme(library, programme_id).phase(phase).items
    got = [
        Row(
            i.position,
            i.exercise,
            i.dose,
            i.part,
            i.alternative_to,
            tuple(s.value for s in i.setup),
        )
        for i in items
    ]
    assert got == EXPECTED[programme_id].phases[phase - 1]


def test_untimed_items_carry_no_invented_count(library: Library) -> None:
    for programme_id in EXPECTED:
        for phase in _programme(library, programme_id).phases:
            for item in phase.items:
                d = item.dose
                if d.reps is None and d.hold_seconds is None:
                    assert d.sets == 1, f"{programme_id} {item.position}"
                    assert d.steps_each_way is None and d.tempo_seconds is None
                    assert d.rest_seconds is None and not d.repetition_maximum


def test_medial_knee_pain_runs_warm_up_then_main_then_cool_down(library: Library) -> None:
    parts = [i.part for i in _programme(library, "medial-knee-pain").phase(1).items]
    order = {"warm_up": 0, "main": 1, "cool_down": 2}
    assert parts == sorted(parts, key=order.__getitem__)


# --- exercises --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("exercise_id", "easier", "harder"),
    [
        ("sit-to-stand-stable-arch", None, "barefoot-squat"),
        ("barefoot-squat", "sit-to-stand-stable-arch", None),
        ("foot-arch-building", None, None),
        ("band-arch-control", "sit-to-stand-stable-arch", None),
        ("wall-squat-one-leg", "wall-squat-two-leg", None),
        ("wall-squat-two-leg", None, "wall-squat-one-leg"),
    ],
)
def test_the_seed_variants_are_linked_as_easier_and_harder(
    library: Library, exercise_id: str, easier: str | None, harder: str | None
) -> None:
    exercise = library.exercise(exercise_id)
    assert (exercise.easier, exercise.harder) == (easier, harder)


# the tissues each mobilisation of seed 001 works on, as named in each language's purpose
# (compared ignoring case: German writes "Gluteus medius")
TISSUES = {
    "half-kneeling-quad-mobilisation": {
        "en": ["quadriceps"],
        "da": ["quadriceps"],
        "de": ["Quadrizeps"],
        "nb": ["quadriceps"],
    },
    "low-lunge-with-reach": {lang: ["iliopsoas", "rectus femoris"] for lang in LANGUAGES},
    "ninety-ninety-sit-with-reach": {lang: ["gluteus medius", "TFL"] for lang in LANGUAGES},
    "ankle-mobilisation": {lang: ["soleus", "gastrocnemius"] for lang in LANGUAGES},
    "wide-legged-forward-fold": {
        "en": ["hamstrings"],
        "da": ["hasemusklerne"],
        "de": ["ischiokrurale"],
        "nb": ["hamstrings"],
    },
}


@pytest.mark.parametrize("exercise_id", sorted(TISSUES))
def test_each_mobilisation_names_its_target_tissues(library: Library, exercise_id: str) -> None:
    exercise = library.exercise(exercise_id)
    for lang in LANGUAGES:
        purpose = exercise.text.get(lang).purpose.lower()
        for tissue in TISSUES[exercise_id][lang]:
            assert tissue.lower() in purpose, f"{exercise_id} [{lang}] lacks {tissue!r}"


def test_heel_raise_uses_towel_step_backpack_and_wall(library: Library) -> None:
    exercise = library.exercise("single-leg-heel-raise-towel")
    assert {e.value for e in exercise.equipment} == {"towel", "step", "backpack", "wall"}
    assert exercise.per_side


# --- guidance and references --------------------------------------------------------------

# facts each programme's English guidance must carry (the other languages are checked for
# completeness and shape in test_content_complete.py)
GUIDANCE_FACTS = {
    "runners-knee-mobility": ["one to three", "race season", "no guaranteed cure"],
    "medial-knee-pain": [
        "vastus medialis",
        "knock-kneed",
        "straight line from the ankle over the knee to the hip",
        "warm up first",
    ],
    "leg-axis": [
        "functional leg-axis instability",
        "too little strength",
        "hypermobile",
        "between the foot and the hip",
        "downhill",
        "iliotibial band",
        "outside of the knee",
        "massage",
        "cause",
    ],
    "plantar-heel-pain": [
        "very severe",
        "after an injury",
        "stretching, good shoes and insoles",
        "cycling, rowing or swimming",
        "most painful stretch has settled",
    ],
}


@pytest.mark.parametrize("programme_id", sorted(GUIDANCE_FACTS))
def test_guidance_carries_the_seed_facts(library: Library, programme_id: str) -> None:
    text = _programme(library, programme_id).text.get("en")
    words = " ".join(p for section in text.guidance for p in section.paragraphs)
    for fact in GUIDANCE_FACTS[programme_id]:
        assert fact in words, f"{programme_id}: guidance lacks {fact!r}"


def test_heel_pain_cites_rathleff_2015_and_riel_2023(library: Library) -> None:
    refs = " ".join(_programme(library, "plantar-heel-pain").references)
    assert "Rathleff MS" in refs and "Scand J Med Sci Sports 2015" in refs
    assert "Riel H" in refs and "Br J Sports Med 2023" in refs


# --- where the content comes from, when not from the seed ------------------------------


def test_seed_004s_doses_name_rathleff_2015_and_riel_2020(library: Library) -> None:
    from strideback.words.public import programme_json

    heel = programme_json(library, library.programme("plantar-heel-pain"), "en")
    assert [d.split(" (")[0] for d in heel["doses_from"]] == ["Rathleff 2015", "Riel 2020"]
    assert heel["schedule_from"] == "study"
    assert any("Rathleff" in r for r in heel["references"])
    assert any("Riel" in r and "2020" in r for r in heel["references"])


@pytest.mark.parametrize(
    ("programme_id", "source"),
    [
        ("anterior-knee-pain", "seed"),
        # The seed's "one to three gym sessions per week" is for strength work, not for these
        # mobilisations: how often to do them is Strideback's reading.
        ("runners-knee-mobility", "strideback"),
        ("medial-knee-pain", "strideback"),
        ("leg-axis", "strideback"),
    ],
)
def test_a_schedule_the_seed_does_not_give_is_marked_as_stridebacks(
    library: Library, programme_id: str, source: str
) -> None:
    assert library.programme(programme_id).schedule.source == source


def test_the_mirror_knee_steps_are_marked_as_stridebacks(library: Library) -> None:
    steps = {e.id: e.steps_from for e in library.exercises.values()}
    assert steps["mirror-knee-check"] == steps["mirror-knee-training"] == "strideback"
    assert {e for e, s in steps.items() if s != "seed"} == {
        "mirror-knee-check",
        "mirror-knee-training",
    }
