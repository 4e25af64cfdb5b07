"""The interface catalogues are complete and strict, as the YAML catalogue was: every message
translated into Danish, German and Norwegian, none fuzzy, the same placeholders, complete
plurals, and every string the code or a template marks for translation is in them. (Whether a
translation reads as its language, not English or a Danish/Norwegian mix-up, is checked with
the programme texts in tests/core/test_content_complete.py.)"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import gettext, ngettext, pgettext

from tests import catalogues

SRC = Path(__file__).resolve().parents[2] / "src" / "strideback"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%%")


def _placeholders(text: str) -> Counter[str]:
    return Counter(PLACEHOLDER.findall(text))


@pytest.fixture(scope="module")
def entries() -> list[catalogues.Entry]:
    return catalogues.entries()


def test_every_message_is_translated_in_every_language_and_none_is_fuzzy(
    entries: list[catalogues.Entry],
) -> None:
    missing = [
        f"{lang}: {e.english[0]!r}"
        for e in entries
        for lang in catalogues.TRANSLATED
        if len(e.by_lang.get(lang, ())) != len(e.english)
        or not all(form.strip() for form in e.by_lang[lang])
    ]
    fuzzy = [f"{lang}: {e.english[0]!r}" for e in entries for lang, f in e.fuzzy.items() if f]
    assert missing == []
    assert fuzzy == []


def test_every_translation_has_the_placeholders_of_its_english(
    entries: list[catalogues.Entry],
) -> None:
    wrong = [
        f"{lang}: {english!r} -> {text!r}"
        for e in entries
        for lang, forms in e.by_lang.items()
        for english, text in zip(e.english, forms, strict=False)
        if _placeholders(english) != _placeholders(text)
    ]
    assert wrong == []


def test_every_catalogue_has_two_plural_forms_and_every_plural_both() -> None:
    for lang in catalogues.TRANSLATED:
        catalog = catalogues.read(lang)
        assert catalog.num_plurals == 2, lang
        assert catalog.plural_expr.replace(" ", "") == "(n!=1)", lang
        for message in catalog:
            if isinstance(message.id, tuple):
                assert len(message.string) == 2 and all(message.string), message.id


def test_no_message_is_in_a_catalogue_twice() -> None:
    """Parallel branches add entries to the .po files, merged as a union: a message added on
    two branches must not end up twice (gettext's msgfmt refuses such a file)."""
    for lang in catalogues.TRANSLATED:
        text = (catalogues.LOCALE / lang / "LC_MESSAGES" / "django.po").read_text("utf-8")
        keys = [_block_key(block) for block in re.split(r"\n\s*\n", text)]
        twice = [k for k, n in Counter(k for k in keys if k != ("", "")).items() if n > 1]
        assert twice == [], lang


def _block_key(block: str) -> tuple[str, str]:
    """An entry's (msgctxt, msgid) as written, continuation lines joined."""
    found = {
        word: "".join(re.findall(r'"(.*)"', strings))
        for word, strings in re.findall(r'^(msgctxt|msgid) ((?:".*"\n?)+)', block, flags=re.M)
    }
    return found.get("msgctxt", ""), found.get("msgid", "")


@pytest.mark.parametrize(
    ("lang", "today", "plural_one", "plural_many"),
    [
        ("da", "I dag", "Styrke – 1 øvelse", "Styrke – 3 øvelser"),
        ("de", "Heute", "Kraft – 1 Übung", "Kraft – 3 Übungen"),
        ("nb", "I dag", "Styrke – 1 øvelse", "Styrke – 3 øvelser"),
        ("en", "Today", "Strength – 1 exercise", "Strength – 3 exercises"),
    ],
)
def test_the_compiled_catalogues_answer_in_each_language(
    lang: str, today: str, plural_one: str, plural_many: str
) -> None:
    one, many = "Strength – 1 exercise", "Strength – %(count)s exercises"
    with translation.override(lang):
        assert gettext("Today") == today
        assert ngettext(one, many, 1) % {"count": 1} == plural_one
        assert ngettext(one, many, 3) % {"count": 3} == plural_many
        # the same English, two meanings: a context each
        assert pgettext("navigation", "Progress") != "" and pgettext("calendar entry", "Run")


def _extract(tmp: Path) -> list[tuple[str | None, str]]:
    """Every string the code and the templates mark for translation, as Django's
    ``makemessages`` finds them (the tool a contributor runs)."""
    if shutil.which("xgettext") is None:
        pytest.fail("GNU gettext (xgettext) is needed: apt-get install gettext")
    script = (
        "import django; django.setup(); from django.conf import settings; "
        f"settings.LOCALE_PATHS = [{str(tmp)!r}]; "
        "from django.core.management import call_command; "
        "call_command('makemessages', locale=['da'], no_location=True, no_obsolete=True, "
        "verbosity=0, ignore_patterns=['static/*', 'locale'])"
    )
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="tests.settings")
    root = str(SRC.parents[1])
    env["PYTHONPATH"] = os.pathsep.join([root, env.get("PYTHONPATH", "")])
    subprocess.run([sys.executable, "-c", script], cwd=SRC, env=env, check=True)
    return [catalogues.key(m) for m in catalogues.read("da", tmp) if m.id]


def test_every_string_marked_for_translation_is_in_every_catalogue(tmp_path: Path) -> None:
    marked = set(_extract(tmp_path))
    assert len(marked) > 500  # the extraction really read the code and the templates
    for lang in catalogues.TRANSLATED:
        have = {catalogues.key(m) for m in catalogues.read(lang) if m.id}
        assert sorted(marked - have, key=str) == [], f"{lang}: add these to its django.po"
        assert sorted(have - marked, key=str) == [], f"{lang}: no longer used, remove these"
