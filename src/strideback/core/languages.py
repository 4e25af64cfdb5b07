"""The four languages Strideback speaks, everywhere: content, interface, messages."""

from typing import Literal

Lang = Literal["da", "en", "de", "nb"]
LANGUAGES: tuple[Lang, ...] = ("da", "en", "de", "nb")
DEFAULT_LANGUAGE: Lang = "en"
LANGUAGE_NAMES: dict[Lang, str] = {
    "da": "Dansk",
    "en": "English",
    "de": "Deutsch",
    "nb": "Norsk bokmål",
}


def is_language(value: str) -> bool:
    return value in LANGUAGES
