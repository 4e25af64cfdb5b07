"""Thresholds: one table per rule set (a programme names its own), overrides checked by key."""

from __future__ import annotations

from dataclasses import fields

import pytest

from strideback.core.engine.thresholds import (
    RUN_KEYS,
    THRESHOLD_KEYS,
    ThresholdError,
    Thresholds,
    UnknownRuleSet,
    thresholds_for,
)
from strideback.core.engine.thresholds import (
    table as rule_set_table,
)
from tests.core.engine.helpers import knee_programme, run_plan


def test_the_known_keys_are_exactly_the_table_fields() -> None:
    assert {f.name for f in fields(Thresholds)} == THRESHOLD_KEYS
    assert RUN_KEYS <= THRESHOLD_KEYS


def test_the_seed_rule_is_pain_free_with_a_running_gate_at_zero() -> None:
    table = rule_set_table("seed-000")
    assert (table.pain_during_max, table.pain_after_max, table.pain_next_morning_max) == (0, 0, 0)
    assert table.running_min_phase == 4 and table.running_gate_weeks == 4
    assert table.running_gate_pain_max == 0
    assert (table.gap_days, table.long_gap_weeks, table.long_run_factor) == (7, 3, 1.1)


def test_the_runners_knee_rule_allows_two_out_of_ten() -> None:
    table = rule_set_table("trek")
    assert (table.pain_during_max, table.pain_after_max, table.run_pain_during_max) == (2, 2, 2)
    assert table.next_morning_rise_max == 0 and table.weekly_rise_max is None


def test_the_tendon_rule_allows_five_and_no_rise_week_to_week() -> None:
    table = rule_set_table("silbernagel")
    assert (table.pain_during_max, table.pain_after_max) == (5, 5)
    assert table.weekly_rise_max == 0


def test_a_clinician_override_changes_only_its_keys() -> None:
    table = rule_set_table("seed-000")
    looser = table.with_overrides({"running_gate_pain_max": 2, "gap_days": 10.0})
    assert looser.running_gate_pain_max == 2 and looser.gap_days == 10
    assert isinstance(looser.gap_days, int)
    assert looser.pain_during_max == table.pain_during_max


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"pain_limit": 3}, "pain_limit: unknown threshold"),
        ({"pain_during_max": 11}, "pain_during_max: must be a pain level from 0 to 10, got 11"),
        ({"gap_days": 2.5}, "gap_days: must be a whole number of at least 1, got 2.5"),
        ({"gap_days": 0}, "gap_days: must be a whole number of at least 1, got 0"),
        ({"long_run_factor": 0.9}, "long_run_factor: must be a factor of at least 1, got 0.9"),
        ({"reduced_dose_factor": 0}, "reduced_dose_factor: must be a fraction above 0"),
        ({"restart_symptom_free_days": "3"}, "restart_symptom_free_days: must be a number"),
        ({"gap_days": True}, "gap_days: must be a number, got True"),
        ({"pain_during_max": None}, "pain_during_max: must be a number, got None"),
    ],
)
def test_a_bad_override_is_an_error_naming_the_key(
    overrides: dict[str, object], message: str
) -> None:
    with pytest.raises(ThresholdError) as caught:
        rule_set_table("trek").with_overrides(overrides)
    assert caught.value.problems[0].startswith(message)


def test_the_weekly_rule_can_be_switched_off() -> None:
    table = rule_set_table("silbernagel").with_overrides({"weekly_rise_max": None})
    assert table.weekly_rise_max is None


def test_a_programme_table_takes_its_yaml_overrides() -> None:
    programme = knee_programme(thresholds={"running_gate_pain_max": 1, "gap_days": 10})
    table = thresholds_for(programme)
    assert table.running_gate_pain_max == 1 and table.gap_days == 10


def test_runs_alongside_a_programme_follow_the_programmes_rule_set() -> None:
    seed = thresholds_for(knee_programme(rule_sets=["seed-000", "trek"]), run_plan())
    assert (seed.pain_during_max, seed.run_pain_during_max) == (0, 0)
    assert seed.run_next_morning_pauses and seed.running_gate_whole_phase
    trek = thresholds_for(knee_programme(rule_sets=["seed-000", "trek"]), run_plan(), "trek")
    assert (trek.pain_during_max, trek.run_pain_during_max) == (2, 2)
    assert not trek.run_next_morning_pauses and not trek.running_gate_whole_phase
    own = thresholds_for(knee_programme(), run_plan(thresholds={"run_pain_after_max": 1}))
    assert own.run_pain_after_max == 1  # the run plan's own run keys still apply


def test_a_rule_set_the_programme_does_not_offer_is_refused_by_name() -> None:
    with pytest.raises(UnknownRuleSet) as caught:
        thresholds_for(knee_programme(rule_sets=["seed-000", "trek"]), None, "silbernagel")
    assert str(caught.value) == "unknown rule set 'silbernagel' (choose one of: seed-000, trek)"
    with pytest.raises(UnknownRuleSet):
        rule_set_table("nonsense")


def test_a_switch_takes_only_true_or_false() -> None:
    with pytest.raises(ThresholdError) as caught:
        rule_set_table("seed-000").with_overrides({"run_next_morning_pauses": 1})
    assert caught.value.problems == ["run_next_morning_pauses: must be true or false, got 1"]
    assert (
        not rule_set_table("seed-000")
        .with_overrides({"run_next_morning_pauses": False})
        .run_next_morning_pauses
    )


def test_a_bad_key_in_a_programme_table_is_an_error() -> None:
    with pytest.raises(ThresholdError, match="nonsense: unknown threshold"):
        thresholds_for(knee_programme(thresholds={"nonsense": 1}))
