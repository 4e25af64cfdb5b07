"""The rules the engine applies, each with an id, the thresholds it reads and its source in
every rule set: a seed (file and section), a study (short citation) or Strideback's own
convention. One table: the engine names the source of every reason from it, and
``docs/rules.md`` is generated from it (``markdown``), so neither can drift.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from strideback.core.engine.decision import Cause, Cited, Code, Reason, SourceKind
from strideback.core.engine.thresholds import TABLES, Thresholds


class Source(NamedTuple):
    kind: SourceKind
    ref: str = ""  # seed: "NNN, section"; study: short citation; Strideback: ""
    note: str = ""  # what in the rule is Strideback's reading, when the source is not

    def text(self) -> str:
        if self.kind is SourceKind.STRIDEBACK:
            head = "Strideback's own"
        else:
            head = f"{self.kind.value} {self.ref}"
        return f"{head} ({self.note})" if self.note else head


class Rule(NamedTuple):
    id: str
    summary: str  # one English sentence, for docs/rules.md
    keys: tuple[str, ...]  # the thresholds it reads
    sources: Mapping[str, Source]  # by rule set; a rule set missing here does not apply it


def _seed(section: str, note: str = "") -> Source:
    return Source(SourceKind.SEED, section, note)


def _study(ref: str, note: str = "") -> Source:
    return Source(SourceKind.STUDY, ref, note)


OURS = Source(SourceKind.STRIDEBACK)
# "The programme's own seed": the phases of each programme come from its seed document.
PROGRAMME_SEED = Source(SourceKind.SEED, "")

SEED_000_INTRO = "000, Sådan træner du, når du har forreste knæsmerter"
SEED_000_RUN = "000, Løbetræningsprogram"
SEED_004 = "004, Kan høyintensiv trening være bra for plantar fascitt?"
TREK = "TREK runners (La Trobe University, patellofemoral.trekeducation.org/runners)"
SILBERNAGEL = "Silbernagel 2007 (Am J Sports Med 35:897-906)"
FRANDSEN = "Frandsen 2025 (Br J Sports Med 59:1203-1210)"

ALL = tuple(TABLES)


def _every(source: Source) -> dict[str, Source]:
    return dict.fromkeys(ALL, source)


RULES: tuple[Rule, ...] = (
    Rule(
        "phases",
        "The phases follow one another at the end of their weeks, as the programme lists them.",
        (),
        _every(PROGRAMME_SEED),
    ),
    Rule(
        "session-pain",
        "Pain during or right after a session above the limit (or swelling) breaks the rule: "
        "at the end of a phase its last week is repeated; mid-phase it is noted.",
        ("pain_during_max", "pain_after_max"),
        {
            "seed-000": _seed(
                SEED_000_INTRO, "repeating the week at the end of a phase is Strideback's"
            ),
            "seed-004": _seed(SEED_004, "repeating the week is Strideback's"),
            "pain-free": Source(SourceKind.STRIDEBACK, note="after seed 000's pain-free rule"),
            "trek": _study(TREK),
            "silbernagel": _study(SILBERNAGEL),
        },
    ),
    Rule(
        "session-next-morning",
        "Pain the next morning above the limit, or above the runner's baseline (the latest "
        "morning reading within the baseline days) by more than the allowed rise, breaks the rule.",
        ("pain_next_morning_max", "next_morning_rise_max", "baseline_days"),
        {
            "seed-000": Source(
                SourceKind.STRIDEBACK,
                note="the seed's pain-free training, read as next morning too",
            ),
            "seed-004": _seed(SEED_004, "'after' read as the next morning too"),
            "pain-free": OURS,
            "trek": _study(TREK, "the 7-day baseline is Strideback's"),
            "silbernagel": _study(SILBERNAGEL, "the 7-day baseline is Strideback's"),
        },
    ),
    Rule(
        "weekly-rise",
        "The week's worst pain may not rise over the week before by more than the limit.",
        ("weekly_rise_max",),
        {"silbernagel": _study(SILBERNAGEL)},
    ),
    Rule(
        "step-back",
        "This many breached weeks in a row step back to the previous phase's last week.",
        ("step_back_after_weeks",),
        _every(OURS),
    ),
    Rule(
        "gap-repeat-week",
        "No session for the gap days: the runner comes back at the week (or run week) of the "
        "last session.",
        ("gap_days",),
        _every(OURS),
    ),
    Rule(
        "gap-previous-phase",
        "A gap of the long-gap weeks or more: back to the first week of the previous phase (or "
        "one run week earlier).",
        ("long_gap_weeks",),
        _every(OURS),
    ),
    Rule(
        "running-phase",
        "No running before this phase.",
        ("running_min_phase",),
        _every(_seed(SEED_000_INTRO)),
    ),
    Rule(
        "running-gate",
        "Whole-phase gate: running opens in a phase only when the whole phase before was logged "
        "and free of knee pain (during, after, next morning); a phase without a log keeps it "
        "closed until the runner or their physio states it was pain-free, or a whole phase is "
        "logged without pain (in the open-ended last phase: the gate weeks). Window gate: "
        "running opens after the gate weeks without pain above the gate limit.",
        ("running_gate_whole_phase", "running_gate_pain_max", "running_gate_weeks"),
        {
            "seed-000": _seed(
                SEED_000_INTRO,
                "the gate weeks in the open-ended last phase and the stated answer are "
                "Strideback's",
            ),
            "pain-free": OURS,
            "trek": _study(TREK, "the 4-week window is Strideback's"),
            "silbernagel": _study(SILBERNAGEL, "the 4-week window is Strideback's"),
        },
    ),
    Rule(
        "run-pain-pause",
        "Pain during or right after a run above the run limits (and, where the switch is on, "
        "next-morning pain after a run) pauses running; strength training goes on.",
        (
            "run_pain_during_max",
            "run_pain_after_max",
            "run_pain_next_morning_max",
            "run_next_morning_pauses",
        ),
        {
            "seed-000": _seed(SEED_000_RUN),
            "seed-004": _seed(SEED_004),
            "pain-free": OURS,
            "trek": _study(TREK),
            "silbernagel": _study(SILBERNAGEL),
        },
    ),
    Rule(
        "run-restart",
        "Running restarts once the runner has been symptom-free (no pain above the limit, no "
        "swelling) for the restart days, at an earlier run week: the last one without pain, "
        "never later than the week before the one that hurt.",
        ("symptom_free_pain_max", "restart_symptom_free_days"),
        {
            **_every(OURS),
            "seed-000": _seed(
                SEED_000_RUN, "the 3 symptom-free days and the earlier run week are Strideback's"
            ),
        },
    ),
    Rule(
        "run-week-repeat",
        "Next-morning pain over the run limit (where it does not pause) or swelling after a "
        "run repeats that run week.",
        ("run_pain_next_morning_max",),
        {
            **_every(OURS),
            "trek": _study(TREK),
            "silbernagel": _study(SILBERNAGEL),
        },
    ),
    Rule(
        "run-plan",
        "Run sessions are done in order, never on consecutive days.",
        ("run_min_gap_days",),
        _every(_seed(SEED_000_RUN, "the day between runs is Strideback's")),
    ),
    Rule(
        "long-run",
        "A run longer than planned and more than the factor times the longest run in the window "
        "before is a warning.",
        ("long_run_factor", "long_run_window_days"),
        _every(_study(FRANDSEN)),
    ),
    Rule(
        "advice-technique",
        "An exercise that hurts: check the technique first.",
        ("painful_window_days",),
        _every(_seed(SEED_000_INTRO)),
    ),
    Rule(
        "advice-fewer-reps",
        "An exercise that hurt in this many sessions: fewer repetitions (or a shorter hold), "
        "times the factor.",
        ("painful_sessions_for_fewer_reps", "reduced_dose_factor"),
        _every(_seed(SEED_000_INTRO, "the counts and the factor are Strideback's")),
    ),
    Rule(
        "advice-easier",
        "An exercise that hurt in this many sessions: its easier version (listed with the "
        "exercise), never twice in one session; without one, the fewer reps stay and the "
        "runner is asked to see their physiotherapist.",
        ("painful_sessions_for_easier",),
        _every(_seed(SEED_000_INTRO, "the count is Strideback's")),
    ),
    Rule(
        "ice",
        "Pain or swelling: ice for the minutes every so many hours.",
        ("ice_minutes", "ice_every_hours", "ice_advice_days"),
        _every(_seed(SEED_000_INTRO, "showing it for 2 days is Strideback's")),
    ),
    Rule(
        "red-flags",
        "Any red flag stops the plan until a clinician clears it.",
        (),
        _every(OURS),
    ),
    Rule(
        "news",
        "Events this recent are shown as news.",
        ("recent_days",),
        _every(OURS),
    ),
)

RULES_BY_ID: dict[str, Rule] = {rule.id: rule for rule in RULES}

_BY_CODE: dict[Code, str] = {
    Code.NOT_STARTED: "phases",
    Code.ON_TRACK: "phases",
    Code.ADVANCE: "phases",
    Code.NO_RUN_PLAN: "phases",
    Code.HOLD: "session-pain",
    Code.PAIN_NOTED: "session-pain",
    Code.STEP_BACK: "step-back",
    Code.GAP_REPEAT_WEEK: "gap-repeat-week",
    Code.RUN_GAP_REPEAT_WEEK: "gap-repeat-week",
    Code.GAP_PREVIOUS_PHASE: "gap-previous-phase",
    Code.RUN_GAP_PREVIOUS_WEEK: "gap-previous-phase",
    Code.RUNNING_NOT_YET: "running-phase",
    Code.RUNNING_GATE_PAIN: "running-gate",
    Code.RUNNING_GATE_PHASE: "running-gate",
    Code.RUNNING_GATE_NO_LOG: "running-gate",
    Code.RUNNING_GATE_STATED: "running-gate",
    Code.RUNNING_GATE_NEXT_PHASE: "running-gate",
    Code.RUNNING_GATE_OPENS_ON: "running-gate",
    Code.RUNNING_ALLOWED: "running-gate",
    Code.PAUSE_RUNNING: "run-pain-pause",
    Code.RESTART_COUNTDOWN: "run-restart",
    Code.RESUME_RUNNING: "run-restart",
    Code.RUN_WEEK_REPEAT: "run-week-repeat",
    Code.RUN_PLAN_DONE: "run-plan",
    Code.RUNNING_STOPPED: "red-flags",
    Code.STOP: "red-flags",
    Code.LONG_RUN: "long-run",
    Code.ADVICE_TECHNIQUE: "advice-technique",
    Code.ADVICE_FEWER_REPS: "advice-fewer-reps",
    Code.ADVICE_EASIER: "advice-easier",
    Code.ADVICE_ASK_PHYSIO: "advice-easier",
    Code.ADVICE_ICE: "ice",
}

# A reason about a broken pain rule belongs to the rule that was broken.
_BY_CAUSE: dict[Cause, str] = {
    Cause.PAIN_DURING: "session-pain",
    Cause.PAIN_AFTER: "session-pain",
    Cause.SWELLING: "session-pain",
    Cause.PAIN_NEXT_MORNING: "session-next-morning",
    Cause.PAIN_RISING: "weekly-rise",
}


def rule_of(reason: Reason) -> Rule:
    code = reason.code
    if code in (Code.HOLD, Code.PAIN_NOTED):
        cause = reason.facts.get("cause")
        if isinstance(cause, Cause) and cause in _BY_CAUSE:
            return RULES_BY_ID[_BY_CAUSE[cause]]
    return RULES_BY_ID[_BY_CODE[code]]


def source_of(rule: Rule, rule_set: str) -> Source:
    return rule.sources.get(rule_set, OURS)


class Citer:
    """Names the source of each reason in one evaluation: the rule set, the programme's seed
    (for the phases) and the keys the runner's clinician changed (their rules are cited as the
    clinician's)."""

    __slots__ = ("rule_set", "seed", "changed", "_made")

    def __init__(self, rule_set: str, seed: str, table: Thresholds, used: Thresholds) -> None:
        self.rule_set, self.seed = rule_set, seed
        if used is table:
            self.changed: frozenset[str] = frozenset()
        else:
            mine, theirs = table.as_dict(), used.as_dict()
            self.changed = frozenset(k for k in mine if mine[k] != theirs[k])
        self._made: dict[str, Cited] = {}

    def cite(self, rule: Rule) -> Cited:
        found = self._made.get(rule.id)
        if found is None:
            source = source_of(rule, self.rule_set)
            kind, ref = source.kind, source.ref
            if source is PROGRAMME_SEED:
                ref = self.seed
            if self.changed.intersection(rule.keys):
                kind, ref = SourceKind.CLINICIAN, ""
            found = self._made[rule.id] = Cited(rule.id, self.rule_set, kind, ref)
        return found

    def reasons(self, reasons: Sequence[Reason]) -> tuple[Reason, ...]:
        return tuple(r._replace(source=self.cite(rule_of(r))) for r in reasons)


# --- docs/rules.md ------------------------------------------------------------------------


def _value(value: object) -> str:
    if value is None:
        return "off"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return f"{value:g}" if isinstance(value, float) else str(value)


def markdown() -> str:
    """docs/rules.md: every rule, the thresholds it reads in each rule set, and its source."""
    lines: list[str] = [
        "# The rules, their thresholds and their sources",
        "",
        "Generated from `strideback/core/engine/rules.py` and `thresholds.py` by",
        "`strideback rules` (a test fails when this file is out of date). Every reason the",
        "engine gives names its rule, rule set and source; this is the whole table.",
        "",
        "Sources: **seed NNN, section** — the seed document and the section the rule comes",
        "from (000: the hospital handout on anterior knee pain; 004: the article on plantar",
        "fasciitis); **study** — a published study; **Strideback's own** — our convention.",
        "Where a clinician changed one of a rule's thresholds for a runner, the reason names",
        "the clinician as its source instead.",
        "",
        "Rule sets: " + ", ".join(f"`{rs}`" for rs in ALL) + ". A programme lists the rule",
        "sets it may follow (`rule_sets:` in its YAML, the first is its default); a clinician",
        "may choose another of them for one runner.",
        "",
    ]
    for rule in RULES:
        lines += [f"## `{rule.id}`", "", rule.summary, ""]
        keys = rule.keys
        columns = ["rule set", *(f"`{k}`" for k in keys), "source"]
        lines += ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        for rule_set in ALL:
            if rule_set not in rule.sources:
                continue
            table = TABLES[rule_set].as_dict()
            source = rule.sources[rule_set]
            text = "the programme's seed" if source is PROGRAMME_SEED else source.text()
            cells = [f"`{rule_set}`", *(_value(table[k]) for k in keys), text]
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    return "\n".join(lines)
