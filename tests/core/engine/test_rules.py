"""The rules table: every rule has a source in each rule set that applies it, every threshold
and reason code belongs to a rule, and docs/rules.md is the table as it is now."""

from __future__ import annotations

from pathlib import Path

from strideback.cli import main
from strideback.core.engine.decision import Code, Reason, SourceKind
from strideback.core.engine.rules import RULES, Citer, markdown, rule_of
from strideback.core.engine.thresholds import TABLES, THRESHOLD_KEYS

DOCS = Path(__file__).resolve().parents[3] / "docs" / "rules.md"


def test_docs_rules_md_is_generated_from_the_table_and_up_to_date() -> None:
    assert DOCS.read_text(encoding="utf-8") == markdown(), (
        "docs/rules.md is out of date: run `strideback rules > docs/rules.md`"
    )


def test_the_rules_command_prints_the_same_table(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["rules"]) == 0
    assert capsys.readouterr().out == markdown()


def test_every_threshold_belongs_to_a_rule() -> None:
    used = {key for rule in RULES for key in rule.keys}
    assert used == THRESHOLD_KEYS


def test_every_reason_code_has_a_rule() -> None:
    for code in Code:
        assert rule_of(Reason(code)).id


def test_every_rule_names_sources_only_for_known_rule_sets() -> None:
    for rule in RULES:
        assert set(rule.sources) <= set(TABLES), rule.id
        for source in rule.sources.values():
            if source.kind is SourceKind.STUDY:
                assert source.ref, rule.id


def test_the_strideback_conventions_are_marked_as_ours() -> None:
    ours = {r.id for r in RULES if all(s.kind is SourceKind.STRIDEBACK for s in r.sources.values())}
    assert {"step-back", "gap-repeat-week", "gap-previous-phase"} <= ours
    assert "long-run" not in ours  # Frandsen 2025


def test_a_limit_changed_by_a_clinician_is_cited_as_theirs() -> None:
    table = TABLES["seed-000"]
    citer = Citer("seed-000", "000", table, table.with_overrides({"run_pain_during_max": 2}))
    [paused] = citer.reasons([Reason(Code.PAUSE_RUNNING)])
    assert paused.source is not None and paused.source.kind is SourceKind.CLINICIAN
    [ice] = citer.reasons([Reason(Code.ADVICE_ICE)])
    assert ice.source is not None and ice.source.kind is SourceKind.SEED
