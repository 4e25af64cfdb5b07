"""The whole packaged library is complete in every language, for every programme and exercise.

These checks go beyond the schema (which already refuses a missing language): a text copied
from English, English words left in a Danish, German or Norwegian sentence, Danish in a
Norwegian field (and the reverse), "du" in the German text (we say "Sie"), a programme without
its seed or a reference, an exercise no programme uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, NamedTuple

import pytest

from strideback.core.content.library import Library, load_library
from strideback.core.content.models import Translated
from strideback.core.i18n import read_catalogue
from strideback.core.languages import LANGUAGES, Lang

OTHERS: tuple[Lang, ...] = tuple(lang for lang in LANGUAGES if lang != "en")

# Texts that are rightly the same as the English. Keep this list short; every entry is a
# (language, text) pair. Single-word interface labels ("Start", "Pause", "Hold" in Danish and
# Norwegian) are spelt the same so often that they are let through without a list entry.
SAME_AS_ENGLISH_ALLOWED = {
    ("nb", "Foam roller"),  # what Norwegian runners call it
    ("da", "Send link"),  # good Danish
}

# Common English words that no Danish, German or Norwegian sentence needs.
ENGLISH_WORDS = re.compile(r"\b(the|and|your|with|you|this|should|while|into|of)\b", re.IGNORECASE)
# Informal German address: the German text speaks to the runner as "Sie".
GERMAN_DU = re.compile(r"\b(du|dich|dir|dein\w*)\b", re.IGNORECASE)
# Words that are Danish but not Bokmål, and the other way round (copy-paste between the two).
DANISH_ONLY = re.compile(r"\b(af|dig|mig|sig|hvad)\b", re.IGNORECASE)
NORWEGIAN_ONLY = re.compile(r"\b(av|deg|meg|seg|hva|ikkje)\b", re.IGNORECASE)


class Texts(NamedTuple):
    """One translated thing: where it lives, and its text leaves per language."""

    where: str
    by_lang: dict[Lang, dict[str, str]]


def _leaves(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield from _leaves(inner, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            yield from _leaves(inner, f"{path}[{i}]")


def _texts(where: str, translated: Translated[Any]) -> Texts:
    by_lang: dict[Lang, dict[str, str]] = {}
    for lang in LANGUAGES:
        value = translated.get(lang)
        dumped = value.model_dump() if hasattr(value, "model_dump") else value
        by_lang[lang] = dict(_leaves(dumped))
    return Texts(where, by_lang)


def _all_texts(library: Library) -> list[Texts]:
    found = [_texts(f"exercises/{e.id}", e.text) for e in library.exercises.values()]
    for prog in library.programmes.values():
        found.append(_texts(f"programmes/{prog.id}", prog.text))
        for phase in prog.phases:
            if phase.text is not None:
                found.append(_texts(f"programmes/{prog.id} phase {phase.number}", phase.text))
            for item in phase.items:
                if item.text is not None:
                    where = f"programmes/{prog.id} phase {phase.number} item {item.position}"
                    found.append(_texts(where, item.text))
    for kind, codes in library.terms.items():
        found += [_texts(f"terms.yaml {kind}.{code}", t) for code, t in codes.items()]
    catalogue, problems = read_catalogue()
    assert problems == []
    for key, texts in catalogue.items():
        found.append(Texts(f"ui {key}", {lang: {"": texts.get(lang, "")} for lang in LANGUAGES}))
    return found


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library()


@pytest.fixture(scope="module")
def all_texts(library: Library) -> list[Texts]:
    return _all_texts(library)


def _offending(
    all_texts: list[Texts], langs: tuple[Lang, ...], pattern: re.Pattern[str]
) -> list[str]:
    return [
        f"{t.where} [{lang}] {path}: {text!r}"
        for t in all_texts
        for lang in langs
        for path, text in t.by_lang[lang].items()
        if pattern.search(text)
    ]


# --- the library loads, and every part of it is there ---------------------------------


def test_the_packaged_library_has_no_problems() -> None:
    from strideback.core.content.library import check_library

    _, problems = check_library()
    assert [str(p) for p in problems] == []


def test_every_text_is_present_and_not_blank_in_every_language(all_texts: list[Texts]) -> None:
    blank = [
        f"{t.where} [{lang}] {path or '(text)'}"
        for t in all_texts
        for lang in LANGUAGES
        for path, text in (t.by_lang[lang].items() or [("", "")])
        if not text.strip()
    ]
    assert blank == []


def test_every_language_has_the_same_fields_as_english(all_texts: list[Texts]) -> None:
    """A guidance paragraph or a step present in English only is a missing translation."""
    uneven = [
        f"{t.where} [{lang}]: {sorted(set(t.by_lang['en']) ^ set(t.by_lang[lang]))}"
        for t in all_texts
        for lang in OTHERS
        if _shape(t.by_lang[lang]) != _shape(t.by_lang["en"])
    ]
    assert uneven == []


def _shape(leaves: dict[str, str]) -> set[str]:
    # cues and common mistakes may differ in number between languages; everything else may not
    return {p for p in leaves if not p.startswith(("cues[", "mistakes["))}


def test_every_exercise_has_three_to_six_steps_none_empty(library: Library) -> None:
    for exercise in library.exercises.values():
        for lang in LANGUAGES:
            text = exercise.text.get(lang)
            assert 3 <= len(text.steps) <= 6, f"{exercise.id} [{lang}]: {len(text.steps)} steps"
            assert all(step.strip() for step in text.steps), f"{exercise.id} [{lang}]"
            assert text.cues and text.mistakes, f"{exercise.id} [{lang}]"


def test_every_code_the_content_uses_has_words_in_every_language(library: Library) -> None:
    used: set[tuple[str, str]] = set()
    for exercise in library.exercises.values():
        used |= {("region", r.value) for r in exercise.region}
        used |= {("equipment", e.value) for e in exercise.equipment}
    for prog in library.programmes.values():
        used |= {("rule_set", rs.value) for rs in prog.rule_sets}
        for phase in prog.phases:
            for item in phase.items:
                used |= {("setup", s.value) for s in item.setup}
                if item.dose.load is not None:
                    used.add(("load", item.dose.load.value))
    for kind, code in used:
        for lang in LANGUAGES:
            assert library.term(kind, code, lang).strip(), f"{kind}.{code} [{lang}]"


# --- translated, not copied -------------------------------------------------------------


def _one_word_label(where: str, text: str) -> bool:
    words = re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.sub(r"\{\w+\}", "", text))
    return where.startswith("ui ") and len(words) <= 1


def test_no_translation_is_a_copy_of_the_english(all_texts: list[Texts]) -> None:
    copies = [
        f"{t.where} [{lang}] {path}: {text!r}"
        for t in all_texts
        for lang in OTHERS
        for path, text in t.by_lang[lang].items()
        if t.by_lang["en"].get(path) == text
        and (lang, text) not in SAME_AS_ENGLISH_ALLOWED
        and not _one_word_label(t.where, text)
    ]
    assert copies == []


@pytest.mark.parametrize(
    ("where", "text", "one_word"),
    [
        ("ui player.pause", "Pause", True),
        ("ui cue.rep_hold", "{n}, hold", True),
        ("ui handout.phone", "Tel. {phone}", True),
        ("ui acct.email", "E-mail", True),
        ("ui acct.reset_button", "Send the link", False),
        ("exercises/plank", "Plank", False),
    ],
)
def test_only_one_word_interface_labels_may_match_the_english(
    where: str, text: str, one_word: bool
) -> None:
    assert _one_word_label(where, text) is one_word


def test_no_english_is_left_in_danish_german_or_norwegian(all_texts: list[Texts]) -> None:
    assert _offending(all_texts, OTHERS, ENGLISH_WORDS) == []


def test_german_says_sie_not_du(all_texts: list[Texts]) -> None:
    assert _offending(all_texts, ("de",), GERMAN_DU) == []


def test_danish_and_norwegian_are_not_mixed_up(all_texts: list[Texts]) -> None:
    assert _offending(all_texts, ("nb",), DANISH_ONLY) == []
    assert _offending(all_texts, ("da",), NORWEGIAN_ONLY) == []


@pytest.mark.parametrize(
    ("text", "pattern", "caught"),
    [
        ("Stå på ét ben with your knee bent.", ENGLISH_WORDS, True),
        ("Hold the stretch.", ENGLISH_WORDS, True),
        ("Stå på ét ben, og bøj knæet lidt.", ENGLISH_WORDS, False),
        ("Stellen Sie sich auf ein Bein.", ENGLISH_WORDS, False),
        ("Halte dich am Stuhl fest.", GERMAN_DU, True),
        ("Halten Sie sich am Stuhl fest.", GERMAN_DU, False),
        ("Løsner siden af hoften.", DANISH_ONLY, True),
        ("Løsner siden av hoften.", DANISH_ONLY, False),
        ("Løsner siden av hoften.", NORWEGIAN_ONLY, True),
    ],
)
def test_the_language_heuristics_catch_what_they_should(
    text: str, pattern: re.Pattern[str], caught: bool
) -> None:
    assert bool(pattern.search(text)) is caught


# --- programmes and exercises belong together --------------------------------------------


def test_every_programme_names_its_seed_and_a_reference(library: Library) -> None:
    for prog in library.programmes.values():
        assert re.fullmatch(r"[0-9]{3}", prog.source.seed), prog.id
        assert prog.source.title.strip(), prog.id
        assert prog.references, f"{prog.id} has no reference"
        assert all(ref.strip() for ref in prog.references), prog.id


def test_every_exercise_is_used_by_some_programme(library: Library) -> None:
    used = {
        item.exercise
        for prog in library.programmes.values()
        for phase in prog.phases
        for item in phase.items
    }
    assert sorted(set(library.exercises) - used) == []


def test_easier_and_harder_links_point_both_ways(library: Library) -> None:
    for exercise in library.exercises.values():
        if exercise.harder is not None:
            assert library.exercise(exercise.harder).easier == exercise.id, exercise.id
        if exercise.easier is not None:
            # the easier one names this as its harder version, or a sibling that shares the
            # same easier version (seed 002: two harder variants of the second exercise)
            harder = library.exercise(exercise.easier).harder
            assert harder is not None, exercise.id
            assert library.exercise(harder).easier == exercise.easier, exercise.id
