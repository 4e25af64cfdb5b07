"""The engine's reasons as sentences: one per code, in every language, with the numbers."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.utils import translation

from strideback.core.content.models import Dose
from strideback.core.engine.decision import Action, Cause, Code, Decision, Reason
from strideback.core.engine.red_flags import RedFlag, Urgency
from strideback.core.engine.state import evaluate
from strideback.core.languages import LANGUAGES, Lang
from strideback.words import explain
from strideback.words.decisions import CAUSES, REASONS
from tests.core.engine.helpers import START, day, every_other_day, knee_programme, strength

TUESDAY = date(2025, 3, 4)
BREACH = {"cause": Cause.PAIN_AFTER, "date": TUESDAY, "value": 4, "limit": 0}

SAMPLES: dict[Code, dict[str, object]] = {
    Code.NOT_STARTED: {"date": TUESDAY},
    Code.ON_TRACK: {"phase": 2, "week": 6},
    Code.ADVANCE: {"phase": 3, "week": 9, "from_phase": 2},
    Code.HOLD: {"phase": 2, "week": 8, **BREACH},
    Code.STEP_BACK: {"phase": 1, "week": 4, "from_phase": 2, "weeks": 2, **BREACH},
    Code.PAIN_NOTED: BREACH,
    Code.GAP_REPEAT_WEEK: {"phase": 2, "week": 6, "last": TUESDAY, "days": 9},
    Code.GAP_PREVIOUS_PHASE: {"phase": 1, "week": 1, "last": TUESDAY, "days": 25},
    Code.NO_RUN_PLAN: {},
    Code.RUNNING_NOT_YET: {"phase": 2, "min_phase": 4},
    Code.RUNNING_GATE_PAIN: {
        "date": TUESDAY,
        "value": 1,
        "limit": 0,
        "weeks": 4,
        "opens_on": date(2025, 4, 2),
    },
    Code.RUNNING_GATE_PHASE: {"phase": 4, "previous_phase": 3, "date": TUESDAY, "value": 1},
    Code.RUNNING_GATE_NO_LOG: {"phase": 4, "previous_phase": 3},
    Code.RUNNING_GATE_STATED: {"phase": 4, "previous_phase": 3, "date": TUESDAY, "by": "runner"},
    Code.RUNNING_GATE_NEXT_PHASE: {"next_phase": 5},
    Code.RUNNING_GATE_OPENS_ON: {"opens_on": date(2025, 4, 2)},
    Code.RUNNING_ALLOWED: {"run_week": 3, "run_day": 2},
    Code.PAUSE_RUNNING: {**BREACH, "cause": Cause.RUN_PAIN_DURING, "limit": 2},
    Code.RESTART_COUNTDOWN: {"restart_on": TUESDAY, "days": 1, "needed": 3, "run_week": 2},
    Code.RESUME_RUNNING: {"run_week": 2, "days": 3, "date": TUESDAY},
    Code.RUN_WEEK_REPEAT: {"run_week": 2, "cause": Cause.RUN_SWELLING, "date": TUESDAY},
    Code.RUN_GAP_REPEAT_WEEK: {"run_week": 2, "last": TUESDAY, "days": 9},
    Code.RUN_GAP_PREVIOUS_WEEK: {"run_week": 1, "last": TUESDAY, "days": 30},
    Code.RUN_PLAN_DONE: {"weeks": 12},
    Code.RUNNING_STOPPED: {},
    Code.STOP: {"flag": RedFlag.CALF_SWELLING, "date": TUESDAY, "urgency": Urgency.SAME_DAY},
    Code.LONG_RUN: {
        "date": TUESDAY,
        "minutes": 20.0,
        "planned": 12,
        "longest": 10.0,
        "limit": 11.0,
        "percent": 10,
        "window": 30,
    },
    Code.ADVICE_TECHNIQUE: {"exercise": "plank", "count": 1},
    Code.ADVICE_FEWER_REPS: {"exercise": "plank", "count": 2, "dose": Dose(sets=3, reps=7)},
    Code.ADVICE_EASIER: {
        "exercise": "plank",
        "count": 3,
        "easier": "plank",
        "phase": 1,
        "dose": Dose(sets=3, hold_seconds=30),
    },
    Code.ADVICE_ASK_PHYSIO: {"exercise": "plank", "count": 3, "dose": Dose(sets=3, reps=7)},
    Code.ADVICE_ICE: {"minutes": 20, "hours": 2},
}


def test_every_reason_code_and_cause_has_a_sentence() -> None:
    assert all(code.value in REASONS for code in Code)
    assert all(cause.value in CAUSES for cause in Cause)
    assert set(SAMPLES) == set(Code)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("code", list(Code))
def test_every_reason_renders_as_one_sentence_with_its_numbers(code: Code, lang: Lang) -> None:
    text = explain.reason(Reason(code, SAMPLES[code]), lang)
    assert text.strip() and "{" not in text and "%(" not in text and text[-1] in ".!?"
    for key in ("value", "minutes", "days", "run_week", "phase"):
        value = SAMPLES[code].get(key)
        if isinstance(value, int | float) and key in _placeholders(code, lang):
            assert explain.number_text(value, lang) in text


def _placeholders(code: Code, lang: Lang) -> set[str]:
    with translation.override(lang):
        text = str(REASONS[code.value])
    return set(re.findall(r"%\((\w+)\)s", text))


def test_the_issue_example_reads_naturally() -> None:
    sentence = explain.reason(Reason(Code.HOLD, SAMPLES[Code.HOLD]), "en")
    assert sentence == (
        "You stay in phase 2 this week: your pain was 4/10 right after the "
        "session on Tuesday 4 March, and the limit is 0."
    )


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "Tuesday 4 March"),
        ("da", "tirsdag den 4. marts"),
        ("de", "Dienstag, 4. März"),
        ("nb", "tirsdag 4. mars"),
    ],
)
def test_dates_are_written_the_way_each_language_writes_them(lang: Lang, expected: str) -> None:
    assert explain.date_text(TUESDAY, lang) == expected


def test_numbers_drop_a_needless_decimal_and_use_a_comma_where_the_language_does() -> None:
    assert explain.number_text(2.0, "en") == "2"
    assert explain.number_text(2.5, "en") == "2.5"
    assert explain.number_text(2.5, "de") == "2,5"


def test_a_red_flag_reason_says_what_to_do() -> None:
    text = explain.reason(Reason(Code.STOP, SAMPLES[Code.STOP]), "en")
    assert "a swollen, warm or tender calf" in text and "today" in text


def test_exercise_ids_become_names_when_the_library_knows_them() -> None:
    text = explain.reason(Reason(Code.ADVICE_TECHNIQUE, {"exercise": "plank", "count": 1}), "en")
    assert text.startswith("Plank hurt")
    unknown = explain.reason(
        Reason(Code.ADVICE_TECHNIQUE, {"exercise": "no-such", "count": 1}), "en"
    )
    assert unknown.startswith("no-such hurt")


def test_a_decision_reads_as_its_first_reason() -> None:
    journal = [e for e in every_other_day(0, 40) if e.date != day(24)] + [strength(24, after=4)]
    state = evaluate(knee_programme(), START, journal, day(29))
    assert explain.decision(state.decision, "en").startswith("You stay in phase 1 this week")
    assert explain.action_label(Decision(Action.HOLD, ()), "en") == "Stay in this phase"
    assert explain.decision(Decision(Action.CONTINUE, ()), "en") == ""


def test_red_flag_questions_and_advice_are_there_for_the_onboarding() -> None:
    assert explain.flag_question(RedFlag.KNEE_LOCKED, "da").endswith("?")
    assert "112" in explain.flag_advice(RedFlag.HOT_RED_SWOLLEN_FEVER, "de")
