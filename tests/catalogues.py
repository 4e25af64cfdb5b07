"""The interface catalogues (``web/locale/<lang>/LC_MESSAGES/django.po``) as the tests read
them: English is the msgid, da, de and nb its translations."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parents[1] / "src" / "strideback" / "web" / "locale"
TRANSLATED = ("da", "de", "nb")


class Entry(NamedTuple):
    """One message: its English forms and, per language, the translated forms (one, or two
    for a plural), in the same order."""

    context: str | None
    english: tuple[str, ...]
    by_lang: dict[str, tuple[str, ...]]
    fuzzy: dict[str, bool]


def read(lang: str, locale: Path = LOCALE) -> Catalog:
    with open(locale / lang / "LC_MESSAGES" / "django.po", "rb") as f:
        return read_po(f, locale=lang)


def _forms(value: str | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def key(message: Message) -> tuple[str | None, str]:
    return message.context, _forms(message.id)[0]


def entries(locale: Path = LOCALE) -> list[Entry]:
    found: dict[tuple[str | None, str], Entry] = {}
    for lang in TRANSLATED:
        for message in read(lang, locale):
            if not message.id:
                continue
            entry = found.setdefault(
                key(message), Entry(message.context, _forms(message.id), {}, {})
            )
            entry.by_lang[lang] = _forms(message.string or "")
            entry.fuzzy[lang] = message.fuzzy
    return list(found.values())
