"""Interface words in four languages: a catalogue of keys, each with da, en, de and nb.

The catalogue is every ``content/ui/*.yaml`` file merged (one file per part of the app, so
parts can grow without editing one shared file; a key defined twice is an error). Unlike
gettext, a key missing a language is not quietly shown in English: the content check fails,
and ``t`` raises. Placeholders are ``{name}`` and must be the same in every language.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from strideback.core.content.problems import ContentError, Problem
from strideback.core.languages import LANGUAGES, Lang

UI_DIR = Path(__file__).resolve().parents[1] / "content" / "ui"

Catalogue = Mapping[str, Mapping[str, str]]
_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def check_catalogue(data: Any, label: str = "ui.yaml") -> list[Problem]:
    if not isinstance(data, dict):
        return [Problem(label, "", "must be a mapping of keys")]
    problems: list[Problem] = []
    for key, texts in data.items():
        if not isinstance(texts, dict):
            problems.append(Problem(label, str(key), "must map each language to its text"))
            continue
        for lang in LANGUAGES:
            value = texts.get(lang)
            if not isinstance(value, str) or not value.strip():
                problems.append(Problem(label, f"{key}.{lang}", f"missing language '{lang}'"))
        for lang in texts:
            if lang not in LANGUAGES:
                problems.append(Problem(label, f"{key}.{lang}", f"unknown language '{lang}'"))
        en = texts.get("en")
        if isinstance(en, str):
            want = _placeholders(en)
            for lang in ("da", "de", "nb"):
                other = texts.get(lang)
                if isinstance(other, str) and _placeholders(other) != want:
                    problems.append(
                        Problem(label, f"{key}.{lang}", f"placeholders must be {sorted(want)}")
                    )
    return problems


def read_catalogue(folder: Path = UI_DIR) -> tuple[dict[str, dict[str, str]], list[Problem]]:
    merged: dict[str, dict[str, str]] = {}
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.yaml")):
        label = f"ui/{path.name}"
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)  # noqa: S506
        except (OSError, yaml.YAMLError) as exc:
            problems.append(Problem(label, "", f"is not valid YAML: {exc}"))
            continue
        found = check_catalogue(data, label)
        problems += found
        if found:
            continue
        for key in data:
            if key in merged:
                problems.append(Problem(label, str(key), "is defined in another ui file too"))
        merged.update(data)
    return (merged if not problems else {}), problems


_catalogue: dict[str, dict[str, str]] | None = None


def catalogue() -> Catalogue:
    global _catalogue
    if _catalogue is None:
        data, problems = read_catalogue()
        if problems:
            raise ContentError(problems)
        _catalogue = data
    return _catalogue


def t(key: str, lang: Lang, **params: object) -> str:
    """The interface text for ``key`` in ``lang``, with ``{placeholders}`` filled in."""
    text = catalogue()[key][lang]
    return text.format(**params) if params else text


def has(key: str) -> bool:
    return key in catalogue()
