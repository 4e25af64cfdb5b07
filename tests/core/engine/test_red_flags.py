"""Red flags: the screening codes (docs/engine.md), each with an urgency and its words."""

from __future__ import annotations

import pytest
from django.utils import translation

from strideback.core.engine.red_flags import URGENCY, RedFlag, Urgency, most_urgent_first
from strideback.core.languages import LANGUAGES
from strideback.words.red_flags import RED_FLAG_ADVICE, RED_FLAG_LABELS, RED_FLAG_QUESTIONS

REQUIRED = {
    "knee_locked",
    "giving_way_after_injury",
    "cannot_bear_weight",
    "hot_red_swollen_fever",
    "constant_night_pain",
    "numbness_or_tingling",
    "calf_swelling",
    "heel_squeeze_pain",
    "rapid_swelling_after_injury",
    "unexplained_weight_loss",
    "bilateral_heel_morning_stiffness",
    "bone_pain_on_hopping",
}


def test_the_issue_and_clinical_screening_codes_all_exist() -> None:
    assert {flag.value for flag in RedFlag} >= REQUIRED


def test_every_flag_has_an_urgency() -> None:
    assert set(URGENCY) == set(RedFlag)
    assert RedFlag.HOT_RED_SWOLLEN_FEVER.urgency is Urgency.EMERGENCY
    assert RedFlag.KNEE_LOCKED.urgency is Urgency.SAME_DAY
    assert RedFlag.UNEXPLAINED_WEIGHT_LOSS.urgency is Urgency.SOON


def test_flags_sort_most_urgent_first() -> None:
    flags = [RedFlag.UNEXPLAINED_WEIGHT_LOSS, RedFlag.KNEE_LOCKED, RedFlag.HOT_RED_SWOLLEN_FEVER]
    assert most_urgent_first(flags) == [
        RedFlag.HOT_RED_SWOLLEN_FEVER,
        RedFlag.KNEE_LOCKED,
        RedFlag.UNEXPLAINED_WEIGHT_LOSS,
    ]


@pytest.mark.parametrize("part", ["question", "label", "advice"])
def test_every_flag_has_a_question_a_label_and_advice_in_every_language(part: str) -> None:
    words = {
        "question": RED_FLAG_QUESTIONS,
        "label": RED_FLAG_LABELS,
        "advice": RED_FLAG_ADVICE,
    }[part]
    for flag in RedFlag:
        texts = _in_every_language(words[flag.value])
        assert all(texts[lang].strip() for lang in LANGUAGES), flag


def test_every_question_is_a_question() -> None:
    for flag in RedFlag:
        texts = _in_every_language(RED_FLAG_QUESTIONS[flag.value])
        assert all(texts[lang].endswith("?") for lang in LANGUAGES)


def _in_every_language(message: object) -> dict[str, str]:
    out = {}
    for lang in LANGUAGES:
        with translation.override(lang):
            out[lang] = str(message)
    return out
