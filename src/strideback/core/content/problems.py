"""Turn validation failures into one plain line per problem: file, field path, what is wrong."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from strideback.core.languages import LANGUAGES

_LANGS = ", ".join(LANGUAGES)


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.path}" if self.path else self.file
        return f"{where}: {self.message}"


class ContentError(Exception):
    """The library (or a folder of YAML) has problems; all of them are in ``problems``."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def format_path(loc: Iterable[int | str]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _show(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    return repr(value)


def _message(err: ErrorDetails) -> str:  # noqa: C901 - a flat table of cases reads best
    kind = err["type"]
    loc = err["loc"]
    ctx: dict[str, Any] = dict(err.get("ctx") or {})
    field = str(loc[-1]) if loc else ""
    parent = str(loc[-2]) if len(loc) >= 2 else ""
    got = _show(err.get("input"))
    if kind == "missing":
        if parent == "text" and field in LANGUAGES:
            return f"missing language '{field}' (every text needs {_LANGS})"
        return "missing field"
    if kind == "extra_forbidden":
        if parent == "text":
            return f"unknown language '{field}' (languages are {_LANGS})"
        return "unknown field"
    if field == "tempo_seconds" or parent == "tempo_seconds":
        return f"tempo must be three numbers of seconds (up, hold, down), got {got}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"must be a whole number, got {got}"
    if kind in ("float_type", "float_parsing"):
        return f"must be a number, got {got}"
    if kind == "greater_than":
        if field in ("sets", "reps", "minutes", "hold_seconds", "steps_each_way"):
            return f"must be 1 or more, got {got}"
        return f"must be greater than {ctx.get('gt')}, got {got}"
    if kind in ("string_type",):
        return f"must be text, got {got}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_pattern_mismatch":
        return _pattern_message(field, parent, got)
    if kind == "enum":
        return f"unknown value {got} (expected one of: {ctx.get('expected')})"
    if kind == "literal_error":
        return f"must be one of {ctx.get('expected')}, got {got}"
    if kind in ("list_type", "tuple_type"):
        return f"must be a list, got {got}"
    if kind in ("bool_type", "bool_parsing"):
        return f"must be true or false, got {got}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"must be a mapping of fields, got {got}"
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length')} entries, got {ctx.get('actual_length')}"
    if kind == "too_long":
        return f"allows at most {ctx.get('max_length')} entries, got {ctx.get('actual_length')}"
    if kind == "value_error":
        return str(ctx.get("error", err["msg"]))
    return err["msg"]


def _pattern_message(field: str, parent: str, got: str) -> str:
    if field in ("position", "alternative_to"):
        return f"must be a position like '1' or '5.a', got {got}"
    if field == "seed":
        return f"must be a three-digit seed number like '000', got {got}"
    return f"must be a lowercase id like 'side-plank', got {got}"


def from_validation_error(file: str, error: ValidationError) -> list[Problem]:
    return [
        Problem(file, format_path(e["loc"]), _message(e)) for e in error.errors(include_url=False)
    ]
