"""The anterior-knee-pain programme, pinned fact by fact to seed 000 (the Danish handout
"Sådan træner du, når du har forreste knæsmerter", Fysio- og Ergoterapi, AKUV01-130).

The tables below were written from the seed, not from the YAML: a change to the content that
drifts from the handout fails here.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import pytest

from strideback.core.content.library import Library, load_library
from strideback.core.content.models import Item, Programme
from strideback.core.languages import LANGUAGES, Lang

MOVING = (3, 2, 3)  # the handout's tempo: 3 s out, 2 s hold halfway, 3 s back


class Row(NamedTuple):
    position: str
    exercise: str
    sets: int
    reps: int | None = None
    hold: int | None = None
    steps: int | None = None
    tempo: tuple[int, int, int] | None = None
    per_side: bool = False
    setup: tuple[str, ...] = ()


SEED_WEEKS = {1: (1, 4), 2: (5, 8), 3: (9, 12), 4: (13, 16), 5: (17, None)}

SEED_PHASES: dict[int, list[Row]] = {
    1: [
        Row(
            "1",
            "supine-hip-external-rotation-band",
            3,
            reps=10,
            tempo=MOVING,
            setup=("band_above_knees",),
        ),
        Row("2", "plank", 3, hold=30),
        Row(
            "3",
            "side-lying-leg-lift-band",
            3,
            reps=10,
            tempo=MOVING,
            per_side=True,
            setup=("band_around_thighs",),
        ),
        Row("4", "bridge-two-leg", 3, reps=10, tempo=MOVING),
        Row("5", "side-plank", 3, hold=20, per_side=True),
        Row("6", "short-foot-sitting", 3, reps=10, hold=5),
    ],
    2: [
        Row(
            "1",
            "side-lying-hip-external-rotation-band",
            3,
            reps=10,
            tempo=MOVING,
            per_side=True,
            setup=("band_above_knees",),
        ),
        Row("2", "plank", 3, hold=40),
        Row(
            "3",
            "side-lying-leg-lift-band",
            3,
            reps=10,
            tempo=MOVING,
            per_side=True,
            setup=("band_around_ankles",),
        ),
        Row("4", "bridge-one-leg", 3, reps=10, tempo=MOVING, per_side=True),
        Row("5", "side-plank", 3, hold=30, per_side=True),
        Row("6", "short-foot-standing", 3, reps=10, hold=5),
    ],
    3: [
        Row("1", "plank", 3, hold=50),
        Row("2", "side-plank", 3, hold=40, per_side=True),
        Row(
            "3",
            "bridge-with-knee-curl-slider",
            3,
            reps=10,
            tempo=MOVING,
            setup=("carpet_tile_under_feet",),
        ),
        Row("4", "single-leg-wall-press", 3, hold=30, per_side=True, setup=("wall_beside",)),
        Row("5", "wall-squat-two-leg", 3, hold=60, setup=("wall_behind",)),
        Row(
            "6",
            "standing-hip-abduction-band",
            3,
            reps=10,
            tempo=MOVING,
            per_side=True,
            setup=("band_around_ankles", "support_chair_table_wall"),
        ),
        Row("7", "short-foot-standing", 3, reps=10, hold=5),
    ],
    4: [
        Row("1", "plank", 3, hold=60),
        Row("2", "side-plank", 3, hold=50, per_side=True),
        Row(
            "3",
            "bridge-with-knee-curl-slider",
            3,
            reps=10,
            tempo=MOVING,
            setup=("carpet_tile_under_feet",),
        ),
        Row("4", "single-leg-wall-press", 3, hold=45, per_side=True, setup=("wall_beside",)),
        Row("5", "mini-squat-band", 3, reps=10, tempo=MOVING, setup=("band_above_knees",)),
        Row("6", "lateral-band-walk", 3, steps=10, setup=("band_around_ankles",)),
        Row("7", "short-foot-single-leg", 3, reps=10, hold=5, per_side=True),
    ],
    5: [
        Row("1", "plank-with-leg-lift", 3, hold=60),
        Row("2", "side-plank", 3, hold=50, per_side=True),
        Row(
            "3",
            "bridge-with-knee-curl-slider",
            3,
            reps=10,
            tempo=MOVING,
            setup=("carpet_tile_under_feet",),
        ),
        Row("4", "single-leg-wall-press", 3, hold=45, per_side=True, setup=("wall_beside",)),
        Row("5.a", "wall-squat-one-leg", 3, hold=60, per_side=True, setup=("wall_behind",)),
        Row(
            "5.b",
            "reverse-lunge-slider",
            3,
            reps=10,
            tempo=MOVING,
            per_side=True,
            setup=("carpet_tile_under_foot",),
        ),
        Row("6", "lateral-band-walk", 3, steps=10, setup=("band_around_ankles_stronger",)),
        Row("7", "short-foot-single-leg", 3, reps=10, hold=5, per_side=True),
    ],
}

ALL_ROWS = [(number, row) for number, rows in SEED_PHASES.items() for row in rows]
ROW_IDS = [f"phase{n}-{row.position}-{row.exercise}" for n, row in ALL_ROWS]


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library()


@pytest.fixture(scope="module")
def programme(library: Library) -> Programme:
    return library.programme("anterior-knee-pain")


def item_at(programme: Programme, phase: int, position: str) -> Item:
    return next(i for i in programme.phase(phase).items if i.position == position)


def as_row(item: Item) -> Row:
    d = item.dose
    return Row(
        item.position,
        item.exercise,
        d.sets,
        d.reps,
        d.hold_seconds,
        d.steps_each_way,
        d.tempo,
        d.per_side,
        tuple(s.value for s in item.setup),
    )


# --- the frame ---------------------------------------------------------------------------


def test_programme_is_an_every_other_day_pain_free_strength_programme(programme: Programme):
    assert programme.kind == "exercises"
    assert programme.rule_sets == ["seed-000", "trek"]
    assert programme.schedule.every_days == 2
    assert programme.companion == "return-to-run-5k"


def test_source_is_the_seed_handout(programme: Programme):
    source = programme.source
    assert source.seed == "000"
    assert source.title == "Sådan træner du, når du har forreste knæsmerter"
    assert source.publisher == "Fysio- og Ergoterapi"
    assert source.published == "2025-05-23"


def test_references_name_the_handout_id_and_the_2018_consensus(programme: Programme):
    refs = " ".join(programme.references)
    assert "AKUV01-130" in refs
    assert "Collins" in refs and "Br J Sports Med 2018" in refs


def test_there_are_five_phases_with_the_seeds_weeks(programme: Programme):
    got = {p.number: (p.weeks.from_, p.weeks.to) for p in programme.phases}
    assert got == SEED_WEEKS


def test_the_last_phase_runs_from_week_seventeen_onwards(programme: Programme):
    assert programme.phase(5).weeks.contains(17)
    assert programme.phase(5).weeks.contains(52)
    assert not programme.phase(4).weeks.contains(17)


# --- every item, in seed order -----------------------------------------------------------


@pytest.mark.parametrize("number", sorted(SEED_PHASES))
def test_each_phase_lists_the_seeds_exercises_in_seed_order(programme: Programme, number: int):
    got = [(i.position, i.exercise) for i in programme.phase(number).items]
    assert got == [(r.position, r.exercise) for r in SEED_PHASES[number]]


def test_phases_one_and_two_have_six_exercises_and_phases_three_and_four_seven(
    programme: Programme,
):
    assert [len(programme.phase(n).items) for n in (1, 2, 3, 4)] == [6, 6, 7, 7]


def test_phase_three_has_seven_exercises_in_seed_order(programme: Programme):
    assert [i.position for i in programme.phase(3).items] == ["1", "2", "3", "4", "5", "6", "7"]


def test_phase_five_numbers_its_two_fifth_exercises_five_a_and_five_b(programme: Programme):
    positions = [i.position for i in programme.phase(5).items]
    assert positions == ["1", "2", "3", "4", "5.a", "5.b", "6", "7"]


@pytest.mark.parametrize(("number", "row"), ALL_ROWS, ids=ROW_IDS)
def test_every_item_has_the_seeds_dose_and_setup(programme: Programme, number: int, row: Row):
    assert as_row(item_at(programme, number, row.position)) == row


# --- facts worth a sentence of their own ---------------------------------------------------


def test_the_plank_is_one_exercise_held_30_40_50_60_seconds_in_phases_one_to_four(
    programme: Programme,
):
    holds = []
    for phase in programme.phases[:4]:
        planks = [i for i in phase.items if i.exercise == "plank"]
        assert len(planks) == 1
        assert planks[0].dose.sets == 3 and planks[0].dose.reps is None
        holds.append(planks[0].dose.hold_seconds)
    assert holds == [30, 40, 50, 60]


def test_the_plank_gives_way_to_the_plank_with_leg_lift_held_60_seconds_in_phase_five(
    programme: Programme, library: Library
):
    item = item_at(programme, 5, "1")
    assert item.exercise == "plank-with-leg-lift"
    assert (item.dose.sets, item.dose.hold_seconds, item.dose.reps) == (3, 60, None)
    assert library.exercise("plank").harder == "plank-with-leg-lift"
    assert library.exercise("plank-with-leg-lift").easier == "plank"
    for lang in LANGUAGES:
        assert "5" in item.text.get(lang).note  # about 5 seconds per leg lift
        assert any("5" in s for s in library.exercise(item.exercise).text.get(lang).steps)


def test_the_side_plank_is_held_20_30_40_50_50_seconds(programme: Programme):
    holds = [
        i.dose.hold_seconds for p in programme.phases for i in p.items if i.exercise == "side-plank"
    ]
    assert holds == [20, 30, 40, 50, 50]


def test_the_wall_press_is_held_30_then_45_seconds(programme: Programme):
    holds = [
        i.dose.hold_seconds
        for p in programme.phases
        for i in p.items
        if i.exercise == "single-leg-wall-press"
    ]
    assert holds == [30, 45, 45]


def test_reverse_lunge_is_an_alternative_to_the_one_leg_wall_squat(programme: Programme):
    lunge = item_at(programme, 5, "5.b")
    assert lunge.exercise == "reverse-lunge-slider"
    assert lunge.alternative_to == "5.a"
    assert item_at(programme, 5, "5.a").alternative_to is None
    alternatives = [i.position for p in programme.phases for i in p.items if i.alternative_to]
    assert alternatives == ["5.b"]


def test_short_foot_is_ten_reps_each_held_five_seconds_without_tempo(programme: Programme):
    items = [i for p in programme.phases for i in p.items if i.exercise.startswith("short-foot")]
    assert len(items) == 5
    for item in items:
        dose = item.dose
        assert (dose.sets, dose.reps, dose.hold_seconds, dose.tempo) == (3, 10, 5, None)


def test_short_foot_progresses_sitting_then_standing_then_on_one_leg(programme: Programme):
    order = [
        i.exercise for p in programme.phases for i in p.items if i.exercise.startswith("short-foot")
    ]
    assert order == [
        "short-foot-sitting",
        "short-foot-standing",
        "short-foot-standing",
        "short-foot-single-leg",
        "short-foot-single-leg",
    ]


def test_moving_rep_exercises_have_the_three_two_three_tempo_and_the_rest_have_none(
    programme: Programme,
):
    for phase in programme.phases:
        for item in phase.items:
            dose = item.dose
            moving = dose.reps is not None and dose.hold_seconds is None
            assert dose.tempo == (MOVING if moving else None), item.exercise


def test_lateral_band_walk_counts_ten_steps_each_way(programme: Programme):
    for number in (4, 5):
        dose = item_at(programme, number, "6").dose
        assert (dose.sets, dose.steps_each_way, dose.reps, dose.tempo) == (3, 10, None, None)


def test_phase_five_side_stepping_asks_for_two_bands_or_a_stronger_one(
    programme: Programme, library: Library
):
    assert [s.value for s in item_at(programme, 4, "6").setup] == ["band_around_ankles"]
    assert [s.value for s in item_at(programme, 5, "6").setup] == ["band_around_ankles_stronger"]
    assert "4" in library.term("setup", "band_around_ankles_stronger", "en")


def test_one_side_exercises_are_per_side_on_the_exercise_and_on_every_dose(
    programme: Programme, library: Library
):
    for phase in programme.phases:
        for item in phase.items:
            assert item.dose.per_side == library.exercise(item.exercise).per_side, item.exercise


def test_side_lying_leg_lift_changes_legs_and_band_between_phases_one_and_two(
    programme: Programme,
):
    first, second = item_at(programme, 1, "3"), item_at(programme, 2, "3")
    assert first.exercise == second.exercise == "side-lying-leg-lift-band"
    assert [s.value for s in first.setup] == ["band_around_thighs"]
    assert [s.value for s in second.setup] == ["band_around_ankles"]
    bent = {"da": "bøjet", "en": "bent", "de": "gebeugt", "nb": "bøyd"}
    straight = {"da": "strakte", "en": "straight", "de": "gestreckt", "nb": "strake"}
    for lang in LANGUAGES:
        assert bent[lang] in first.text.get(lang).note
        assert straight[lang] in second.text.get(lang).note


def test_knee_curl_bridge_crosses_the_arms_over_the_chest_only_in_phase_five(
    programme: Programme,
):
    chest = {"da": "bryst", "en": "chest", "de": "Brust", "nb": "bryst"}
    floor = {"da": "gulvet", "en": "floor", "de": "Boden", "nb": "gulvet"}
    for lang in LANGUAGES:
        for number in (3, 4):
            note = item_at(programme, number, "3").text.get(lang).note
            assert floor[lang] in note and chest[lang] not in note
        assert chest[lang] in item_at(programme, 5, "3").text.get(lang).note


# --- exercises and their words ------------------------------------------------------------


def programme_exercises(programme: Programme) -> set[str]:
    return {i.exercise for p in programme.phases for i in p.items}


def test_the_programme_uses_nineteen_exercises_each_in_one_file(programme: Programme):
    assert len(programme_exercises(programme)) == 19


def test_progressions_follow_the_seed(library: Library):
    links = {
        ("bridge-two-leg", "bridge-one-leg"),
        ("short-foot-sitting", "short-foot-standing"),
        ("short-foot-standing", "short-foot-single-leg"),
        ("plank", "plank-with-leg-lift"),
        ("wall-squat-two-leg", "wall-squat-one-leg"),
        ("supine-hip-external-rotation-band", "side-lying-hip-external-rotation-band"),
    }
    for easier, harder in links:
        assert library.exercise(easier).harder == harder
        assert library.exercise(harder).easier == easier


def test_every_exercise_speaks_four_languages_with_three_to_six_steps(
    programme: Programme, library: Library
):
    for exercise_id in programme_exercises(programme):
        exercise = library.exercise(exercise_id)
        texts = [exercise.text.get(lang) for lang in LANGUAGES]
        for text in texts:
            assert 3 <= len(text.steps) <= 6
            assert text.cues and text.mistakes and text.purpose
        assert len({t.name for t in texts[1:3]}) == 2  # English and German are not copies


def test_short_foot_notes_flat_feet_and_overpronation_in_every_language(library: Library):
    words = {
        "da": "hyperpronation",
        "en": "overpronation",
        "de": "Überpronation",
        "nb": "overpronasjon",
    }
    for exercise_id in ("short-foot-sitting", "short-foot-standing", "short-foot-single-leg"):
        for lang in LANGUAGES:
            note = library.exercise(exercise_id).text.get(lang).note
            assert note is not None and words[lang] in note


def test_wall_squats_keep_the_seeds_60_degrees_and_foot_lengths_from_the_wall(library: Library):
    for exercise_id in ("wall-squat-two-leg", "wall-squat-one-leg"):
        for lang in LANGUAGES:
            steps = " ".join(library.exercise(exercise_id).text.get(lang).steps)
            assert "60" in steps and "2½-3" in steps


def test_wall_press_keeps_the_seeds_60_degree_hip_bend(library: Library):
    for lang in LANGUAGES:
        assert "60" in " ".join(library.exercise("single-leg-wall-press").text.get(lang).steps)


# --- guidance -----------------------------------------------------------------------------

GUIDANCE_TOPICS: dict[str, dict[str, str]] = {
    # topic: a pattern per language that its paragraphs must contain
    "kneecap": {"da": "knæskal", "en": "kneecap", "de": "Kniescheibe", "nb": "kneskål"},
    "stable": {"da": "stabil", "en": "stable", "de": "stabil", "nb": "stabil"},
    "months or years": {
        "da": "måneder.*år",
        "en": "months.*years",
        "de": "Monate.*Jahre",
        "nb": "måneder.*år",
    },
    "every other day": {
        "da": "hver anden dag",
        "en": "every other day",
        "de": "jeden zweiten Tag",
        "nb": "annenhver dag",
    },
    "tempo": {lang: r"3 \+ 2 \+ 3" for lang in LANGUAGES},
    "pelvis drops in the first 30 degrees": {
        "da": "bækken.*30",
        "en": "pelvis.*30",
        "de": "Becken.*30",
        "nb": "bekken.*30",
    },
    "knee over toe": {
        "da": "knæ over tå",
        "en": "knee over toe",
        "de": "Knie über Zehen",
        "nb": "kne over tå",
    },
    "daily life": {"da": "trapper", "en": "stairs", "de": "Treppe", "nb": "trapper"},
    "pain-free": {
        "da": "uden smerter",
        "en": "without pain",
        "de": "ohne Schmerzen",
        "nb": "uten smerter",
    },
    "technique first": {"da": "teknik", "en": "technique", "de": "Technik", "nb": "teknikk"},
    "fewer reps or easier": {
        "da": "færre.*lettere",
        "en": "fewer.*easier",
        "de": "weniger.*leichter",
        "nb": "færre.*lettere",
    },
    "ice 20 minutes every 2 hours": {
        "da": "ispose.*20 minutter.*2\\. time",
        "en": "ice.*20 minutes.*2 hours",
        "de": "2 Stunden 20 Minuten.*Eis",
        "nb": "ispose.*20 minutter.*2\\. time",
    },
    "running from phase 4": {"da": "fase 4", "en": "phase 4", "de": "Phase 4", "nb": "fase 4"},
}


def guidance_text(programme: Programme, lang: Lang) -> str:
    sections = programme.text.get(lang).guidance
    return " ".join(" ".join([s.heading, *s.paragraphs]) for s in sections)


@pytest.mark.parametrize("topic", sorted(GUIDANCE_TOPICS))
def test_every_language_has_the_guidance_topic(programme: Programme, topic: str):
    for lang in LANGUAGES:
        text = guidance_text(programme, lang)
        assert re.search(GUIDANCE_TOPICS[topic][lang], text, re.IGNORECASE), (topic, lang)


def test_the_ice_advice_mentions_20_in_every_language(programme: Programme):
    for lang in LANGUAGES:
        assert "20" in guidance_text(programme, lang)


# The handout's own names and numbering (seed 000's table of contents), so that a patient
# holding the paper handout finds each exercise under the same name and number.
HANDOUT_NAMES = {
    1: {
        "1": "Rygliggende hofte-udadrotation med elastik",
        "2": "Planken",
        "3": "Sideliggende benløft med elastik",
        "4": "Rygliggende 2-bens bækkenløft",
        "5": "Sideplanken",
        "6": "Siddende kortfodsøvelse",
    },
    2: {
        "1": "Sideliggende hofte-udadrotation med elastik",
        "4": "Rygliggende 1-bens bækkenløft",
        "6": "Stående kortfodsøvelse",
    },
    3: {
        "4": "1-bens “wall-press”/hofteudadrotation",
        "5": "2-bens wall-squat",
        "6": "Stående 1-bens hofteabduktion",
        "7": "Stående kortfodsøvelse",
    },
    4: {"5": "Mini-squat med elastik", "6": "Sidelæns gang med elastik"},
    5: {
        "1": "Planken med benløft",
        "5.a": "1-bens wall-squat",
        "5.b": "Reverse lounge",
        "7": "1-bens stående kortfodsøvelse",
    },
}


def test_danish_names_and_numbers_are_the_handouts(programme: Programme, library: Library):
    for phase_number, names in HANDOUT_NAMES.items():
        items = {i.position: i for i in programme.phase(phase_number).items}
        for position, name in names.items():
            exercise = library.exercise(items[position].exercise)
            assert exercise.text.get("da").name == name, (phase_number, position)
