"""The engine's reasons as sentences: the edge between codes and numbers and the runner's words.

Each ``Reason`` renders with its message in ``words.decisions.REASONS`` (translated in the
gettext catalogues); its facts fill the placeholders: dates in the language's own format,
numbers without a needless ".0" (and with a decimal comma where the language uses one), a
``cause`` as its clause (``CAUSES``), exercise ids as the exercise's name, doses as words, a
red flag as its label (with its advice). Each function speaks the ``lang`` it is given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from django.utils.translation import gettext
from pydantic import ConfigDict

from strideback.core.content.library import default_library
from strideback.core.content.models import Dose
from strideback.core.engine.decision import Cited, Decision, Reason, SourceKind
from strideback.core.engine.red_flags import RedFlag
from strideback.core.engine.rules import RULES_BY_ID, source_of
from strideback.core.languages import Lang
from strideback.words import in_language
from strideback.words.calendar import MONTHS, WEEKDAYS
from strideback.words.decisions import ACTIONS, CAUSES, REASONS
from strideback.words.describe import dose_text
from strideback.words.red_flags import RED_FLAG_ADVICE, RED_FLAG_LABELS, RED_FLAG_QUESTIONS
from strideback.words.sources import RULE_NOTES, SEED_DOCUMENTS

Names = Callable[[str, Lang], str]

_EXERCISE_FACTS = ("exercise", "easier")
_DECIMAL_COMMA: frozenset[str] = frozenset({"da", "de", "nb"})


@in_language
def date_text(value: dt.date, lang: Lang) -> str:
    """'Tuesday 4 March' / 'tirsdag den 4. marts' / 'Dienstag, 4. März' / 'tirsdag 4. mars'."""
    weekday = WEEKDAYS[value.isoweekday()]
    month = MONTHS[value.month]
    return gettext("%(weekday)s %(day)s %(month)s") % {
        "weekday": weekday,
        "day": value.day,
        "month": month,
    }


def number_text(value: float, lang: Lang) -> str:
    """2.0 -> '2'; 2.5 -> '2.5' in English and '2,5' in Danish, German and Norwegian."""
    if float(value).is_integer():
        return str(int(value))
    text = f"{value:g}"
    return text.replace(".", ",") if lang in _DECIMAL_COMMA else text


def exercise_name(exercise: str, lang: Lang) -> str:
    """The exercise's name from the packaged library, or its id if it is not there."""

    try:
        return default_library().exercise(exercise).text.get(lang).name
    except Exception:  # an unknown id, or a broken library: show the id
        return exercise


def _value(key: str, value: object, lang: Lang, names: Names) -> object:
    if isinstance(value, dt.date):
        return date_text(value, lang)
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return number_text(value, lang)
    if isinstance(value, Dose):
        return dose_text(value, lang)
    if key in _EXERCISE_FACTS and isinstance(value, str):
        return names(value, lang)
    return getattr(value, "value", value)


def _facts(facts: Mapping[str, object], lang: Lang, names: Names) -> dict[str, object]:
    out = {key: _value(key, value, lang, names) for key, value in facts.items()}
    cause = facts.get("cause")
    if cause is not None:
        out["cause"] = str(CAUSES[getattr(cause, "value", cause)]) % out
    flag = facts.get("flag")
    if isinstance(flag, RedFlag):
        out["flag"] = flag_label(flag, lang)
        out["advice"] = flag_advice(flag, lang)
    return out


@in_language
def reason(r: Reason, lang: Lang, names: Names = exercise_name) -> str:
    """One plain sentence for a reason, with its numbers."""
    return str(REASONS[r.code.value]) % _facts(r.facts, lang, names)


@in_language
def decision(d: Decision, lang: Lang, names: Names = exercise_name) -> str:
    """The decision's headline sentence: its first reason."""
    return reason(d.reasons[0], lang, names) if d.reasons else ""


@in_language
def action_label(d: Decision, lang: Lang) -> str:
    """A short label for the decision's action ('Stay in this phase')."""
    return str(ACTIONS[d.action.value])


@in_language
def flag_question(flag: RedFlag, lang: Lang) -> str:
    return str(RED_FLAG_QUESTIONS[flag.value])


@in_language
def flag_label(flag: RedFlag, lang: Lang) -> str:
    return str(RED_FLAG_LABELS[flag.value])


@in_language
def flag_advice(flag: RedFlag, lang: Lang) -> str:
    """What to do, and how urgently."""
    return str(RED_FLAG_ADVICE[flag.value])


# --- Why? ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Why:
    """One reason behind a decision, in words, with the source of its rule: what the runner
    reads behind "Why?" on Today, the physio on the patient page, and the API gives."""

    __pydantic_config__ = ConfigDict(use_attribute_docstrings=True)

    code: str
    """the reason's code (docs/engine.md)"""
    text: str
    """the reason as a sentence"""
    source: str
    """where its rule comes from, in words: a seed and its section, a study, or Strideback's
    own"""
    kind: str
    """seed, study, strideback or clinician"""
    rule: str
    """the rule's id (docs/rules.md)"""
    rule_set: str
    """the rule set it belongs to"""
    rule_set_name: str
    """the rule set's name"""


@in_language
def rule_set_name(rule_set: str, lang: Lang) -> str:
    """The rule set's name in words (content ``terms.yaml``), or its id if it has none."""
    try:
        return default_library().term("rule_set", rule_set, lang)
    except Exception:  # a rule set without words: show the id
        return rule_set


@in_language
def source_text(cited: Cited, lang: Lang) -> str:
    """A rule's source in words: "From <the seed document> (seed 000), section “…”", "Study:
    <citation>", "Strideback's own", or the physiotherapist's limit; with what in it is
    Strideback's reading, when the source is a seed or a study."""
    kind, ref = cited.kind, cited.ref
    if kind is SourceKind.CLINICIAN:
        return gettext("A limit set for you by your physiotherapist")
    if kind is SourceKind.STRIDEBACK:
        head = gettext("Strideback's own")
    elif kind is SourceKind.STUDY:
        head = gettext("Study: %(citation)s") % {"citation": ref}
    else:
        seed, _, section = ref.partition(", ")
        document = SEED_DOCUMENTS.get(seed)
        names = {"document": document or gettext("the programme's source"), "seed": seed}
        if section:
            head = gettext("From %(document)s (seed %(seed)s), section “%(section)s”") % {
                **names,
                "section": section,
            }
        else:
            head = gettext("From %(document)s (seed %(seed)s)") % names
    rule = RULES_BY_ID.get(cited.rule)
    note = source_of(rule, cited.rule_set).note if rule is not None else ""
    if note and note in RULE_NOTES:
        return gettext("%(source)s; %(note)s") % {
            "source": head,
            "note": RULE_NOTES[note],
        }
    return head


@in_language
def why(reasons: Iterable[Reason], lang: Lang, names: Names = exercise_name) -> tuple[Why, ...]:
    """Each reason in words with the source of its rule and its rule set's name: the one list
    behind "Why?" on the runner's pages, the patient page and the API's answers (a sentence
    given twice, as the decision and as the running state, is listed once)."""
    out: list[Why] = []
    seen: set[str] = set()
    for r in reasons:
        cited, text = r.source, reason(r, lang, names)
        if text in seen:
            continue
        seen.add(text)
        out.append(
            Why(
                code=r.code.value,
                text=text,
                source=source_text(cited, lang) if cited is not None else "",
                kind=cited.kind.value if cited is not None else "",
                rule=cited.rule if cited is not None else "",
                rule_set=cited.rule_set if cited is not None else "",
                rule_set_name=rule_set_name(cited.rule_set, lang) if cited is not None else "",
            )
        )
    return tuple(out)
