"""The coach's engine: the rules documented in docs/engine.md and docs/rules.md, as pure
functions of a programme, a start date, a journal and a day. No clock, no database, no
Django; decisions carry reason codes and facts, and the sentences are made at the edge
(``strideback.words.explain``)."""

from strideback.core.engine.advice import Adjustment, AdjustmentKind
from strideback.core.engine.decision import (
    Action,
    Breach,
    Cause,
    Cited,
    Code,
    Decision,
    Reason,
    SourceKind,
)
from strideback.core.engine.gate import Statement
from strideback.core.engine.journal import (
    EntryKind,
    JournalEntry,
    JournalError,
    Pain,
    entry_json,
    parse_journal,
)
from strideback.core.engine.plan import Plan, PlannedItem, PlannedSession, plan
from strideback.core.engine.red_flags import RedFlag, Urgency
from strideback.core.engine.running import RunningState
from strideback.core.engine.state import FlagReport, State, Status, evaluate
from strideback.core.engine.thresholds import (
    RULE_SET_IDS,
    THRESHOLD_KEYS,
    ThresholdError,
    Thresholds,
    UnknownRuleSet,
    rule_set_of,
    table,
    thresholds_for,
)

__all__ = [
    "RULE_SET_IDS",
    "THRESHOLD_KEYS",
    "Cited",
    "SourceKind",
    "Statement",
    "UnknownRuleSet",
    "rule_set_of",
    "table",
    "Action",
    "Adjustment",
    "AdjustmentKind",
    "Breach",
    "Cause",
    "Code",
    "Decision",
    "EntryKind",
    "FlagReport",
    "JournalEntry",
    "JournalError",
    "Pain",
    "Plan",
    "PlannedItem",
    "PlannedSession",
    "Reason",
    "RedFlag",
    "RunningState",
    "State",
    "Status",
    "ThresholdError",
    "Thresholds",
    "Urgency",
    "entry_json",
    "evaluate",
    "parse_journal",
    "plan",
    "thresholds_for",
]
