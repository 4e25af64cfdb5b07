"""The return-to-run-5k plan, pinned session by session to the run table at the back of
seed 000 ("Løbetræningsprogram"). The table below was typed from the seed, not from the YAML.

Notation: "w5" = walk 5 minutes, "r1" = run 1 minute, in the seed's order.
"""

from __future__ import annotations

import re

import pytest

from strideback.core.content.library import Library, load_library
from strideback.core.content.models import Programme, RunSession
from strideback.core.languages import LANGUAGES, Lang

SEED_TABLE: dict[int, tuple[str, str, str]] = {
    1: ("w5 r1 w5 r1 w3", "w5 r1 w5 r1 w3", "w5 r1 w5 r1 w3"),
    2: ("w5 r2 w4 r1 w2", "w5 r2 w4 r2 w1", "w5 r2 w4 r2 w1"),
    3: ("w4 r3 w4 r2 w1", "w4 r3 w4 r3 w1", "w3 r4 w3 r3 w1"),
    4: ("w3 r4 w3 r3 w1", "w3 r5 w3 r4 w1", "w2 r8 w5"),
    5: ("w3 r5 w3 r4 w1", "w2 r6 w2 r5 w1", "w2 r10 w5"),
    6: ("w2 r6 w2 r5 w1", "w2 r7 w2 r6 w1", "w2 r12 w5"),
    7: ("w2 r7 w2 r6 w1", "w2 r8 w2 r7 w1", "w2 r14 w5"),
    8: ("w2 r8 w2 r7 w1", "w2 r9 w2 r8 w1", "w2 r16 w5"),
    9: ("w2 r9 w2 r8 w1", "w2 r10 w2 r9 w1", "w2 r20 w5"),
    10: ("w2 r10 w2 r9 w1", "w2 r11 w2 r11 w1", "w2 r26 w5"),
    11: ("w2 r11 w2 r10 w1", "w2 r12 w2 r11 w1", "w2 r26 w5"),
    12: ("w2 r12 w2 r11 w1", "w2 r13 w2 r12 w1", "r30"),
}

SESSIONS = [
    (week, day, notation)
    for week, days in SEED_TABLE.items()
    for day, notation in enumerate(days, start=1)
]
KINDS = {"w": "walk", "r": "run"}


def parse(notation: str) -> list[tuple[str, int]]:
    return [(KINDS[token[0]], int(token[1:])) for token in notation.split()]


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library()


@pytest.fixture(scope="module")
def plan(library: Library) -> Programme:
    return library.programme("return-to-run-5k")


def session(plan: Programme, week: int, day: int) -> RunSession:
    return plan.weeks[week - 1].sessions[day - 1]


def segments(plan: Programme, week: int, day: int) -> list[tuple[str, int]]:
    return [(s.kind, s.minutes) for s in session(plan, week, day).segments]


# --- the frame ---------------------------------------------------------------------------


def test_plan_is_a_run_plan_of_three_sessions_a_week_governed_by_knee_pain(plan: Programme):
    assert plan.kind == "run_plan"
    assert plan.rule_sets == ["seed-000", "trek"]
    assert (plan.schedule.per_week_min, plan.schedule.per_week_max) == (3, 3)
    assert plan.schedule.every_days is None
    assert plan.phases == []


def test_source_is_the_same_seed_handout_as_the_strength_programme(
    plan: Programme, library: Library
):
    assert plan.source.seed == "000"
    assert plan.source == library.programme("anterior-knee-pain").source


def test_the_strength_programme_names_this_plan_as_its_companion(library: Library):
    assert library.programme("anterior-knee-pain").companion == "return-to-run-5k"


def test_plan_has_twelve_weeks_of_three_days(plan: Programme):
    assert [w.number for w in plan.weeks] == list(range(1, 13))
    for week in plan.weeks:
        assert [s.day for s in week.sessions] == [1, 2, 3]


# --- every session, exactly as the seed's table ---------------------------------------------


@pytest.mark.parametrize(
    ("week", "day", "notation"), SESSIONS, ids=[f"week{w}-day{d}" for w, d, _ in SESSIONS]
)
def test_every_session_matches_the_seeds_table(plan: Programme, week: int, day: int, notation):
    assert segments(plan, week, day) == parse(notation)


def test_week_two_day_one_ends_with_one_minute_run_then_two_minutes_walk(plan: Programme):
    assert segments(plan, 2, 1)[-2:] == [("run", 1), ("walk", 2)]


def test_week_four_day_three_is_two_walk_eight_run_five_walk(plan: Programme):
    assert segments(plan, 4, 3) == [("walk", 2), ("run", 8), ("walk", 5)]


def test_week_ten_day_two_runs_eleven_minutes_twice(plan: Programme):
    assert [m for kind, m in segments(plan, 10, 2) if kind == "run"] == [11, 11]


def test_weeks_ten_and_eleven_both_end_with_a_26_minute_run(plan: Programme):
    assert segments(plan, 10, 3) == segments(plan, 11, 3) == [("walk", 2), ("run", 26), ("walk", 5)]


def test_final_session_is_30_minutes_or_5_km(plan: Programme):
    final = session(plan, 12, 3)
    assert len(final.segments) == 1
    only = final.segments[0]
    assert (only.kind, only.minutes, only.or_km) == ("run", 30, 5)


def test_only_the_final_session_offers_a_distance(plan: Programme):
    with_km = [
        (w.number, s.day) for w in plan.weeks for s in w.sessions for g in s.segments if g.or_km
    ]
    assert with_km == [(12, 3)]


def test_first_week_runs_two_minutes_a_session_and_last_week_thirty(plan: Programme):
    assert [s.run_minutes for s in plan.weeks[0].sessions] == [2, 2, 2]
    assert session(plan, 12, 3).run_minutes == 30


# --- guidance -----------------------------------------------------------------------------

GUIDANCE_TOPICS: dict[str, dict[str, str]] = {
    "beginners or back after illness or injury": {
        "da": "ny som løber.*syg.*skadet",
        "en": "new to running.*illness.*injury",
        "de": "neu an.*Krankheit.*Verletzung",
        "nb": "ny som løper.*sykdom.*skade",
    },
    "5 km in 12 weeks without knee pain": {
        "da": "12 uger.*5 km uden ondt i knæene",
        "en": "12 weeks.*5 km without knee pain",
        "de": "12 Wochen.*5 km.*ohne Knieschmerzen",
        "nb": "12 uker.*5 km uten vondt i knærne",
    },
    "not before phase 4": {"da": "fase 4", "en": "phase 4", "de": "Phase 4", "nb": "fase 4"},
    "shoes that fit and hold the heel": {
        "da": "løbesko.*hælen",
        "en": "running shoes.*heel",
        "de": "Laufschuhe.*Ferse",
        "nb": "løpesko.*hælen",
    },
    "arch support and stability shoes for overpronation": {
        "da": "hyperpronation.*fodbuen.*antipronation",
        "en": "overpronation.*arch.*anti-pronation",
        "de": "Überpronation.*Fußgewölbe.*Antipronation",
        "nb": "overpronasjon.*fotbuen.*antipronasjon",
    },
    "too hard or too early": {
        "da": "for hårdt.*for tidligt",
        "en": "too hard.*too soon",
        "de": "zu intensiv oder zu früh",
        "nb": "for hardt eller for tidlig",
    },
    "pause running, strength training, restart carefully": {
        "da": "pause.*styrkeøvelserne.*forsigtigt",
        "en": "break from running.*strength exercises.*carefully",
        "de": "Laufpause.*Kräftigungsübungen.*vorsichtig",
        "nb": "pause.*styrkeøvelsene.*forsiktig",
    },
    "ice 20 minutes with a thin cloth": {
        "da": "Is.*20 minutter.*tyndt stykke stof",
        "en": "Ice.*20 minutes.*thin cloth",
        "de": "Eis.*20 Minuten.*dünnen Tuch",
        "nb": "Is.*20 minutter.*tynt tøystykke",
    },
    "firm or soft surface": {
        "da": "[Ff]ast underlag.*blødt underlag",
        "en": "[Ff]irm ground.*soft ground",
        "de": "[Ff]ester Boden.*weicher Boden",
        "nb": "[Ff]ast underlag.*mykt underlag",
    },
}


def guidance_text(plan: Programme, lang: Lang) -> str:
    return " ".join(" ".join([s.heading, *s.paragraphs]) for s in plan.text.get(lang).guidance)


@pytest.mark.parametrize("topic", sorted(GUIDANCE_TOPICS))
def test_every_language_has_the_guidance_topic(plan: Programme, topic: str):
    for lang in LANGUAGES:
        pattern = GUIDANCE_TOPICS[topic][lang]
        assert re.search(pattern, guidance_text(plan, lang), re.DOTALL), (topic, lang)


def test_the_ice_advice_mentions_20_in_every_language(plan: Programme):
    for lang in LANGUAGES:
        assert "20" in guidance_text(plan, lang)


def test_the_title_names_5_km_and_12_weeks_in_every_language(plan: Programme):
    for lang in LANGUAGES:
        title = plan.text.get(lang).title
        assert "5 km" in title and "12" in title
