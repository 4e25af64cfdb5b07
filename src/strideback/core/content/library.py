"""Load and validate the programme library: one YAML file per exercise and per programme.

``check_library`` returns every problem at once; ``load_library`` raises ``ContentError`` with
all of them, or returns a ``Library`` that is known to be consistent.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from strideback.core.content.models import Exercise, Programme, Translated
from strideback.core.content.problems import ContentError, Problem, from_validation_error
from strideback.core.content.terms import TERM_KINDS
from strideback.core.figures.spec import Figure
from strideback.core.languages import LANGUAGES, Lang

DEFAULT_ROOT = Path(__file__).resolve().parents[2] / "content"

_TranslatedStr = Translated[str]


@dataclass(frozen=True)
class Library:
    exercises: Mapping[str, Exercise]
    programmes: Mapping[str, Programme]
    terms: Mapping[str, Mapping[str, Translated[str]]]
    # The walk/run player's figures, by segment kind (figures/walk.yaml, figures/run.yaml).
    gaits: Mapping[str, Figure] = dataclasses.field(default_factory=dict)

    def programme(self, programme_id: str) -> Programme:
        return self.programmes[programme_id]

    def exercise(self, exercise_id: str) -> Exercise:
        return self.exercises[exercise_id]

    def term(self, kind: str, code: str, lang: Lang) -> str:
        return self.terms[kind][code].get(lang)


_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _UniqueKeyLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    """A safe loader (libyaml's when present: ~20x faster) that refuses a key given twice in
    one mapping, where plain YAML would silently keep the last one."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            line = key_node.start_mark.line + 1
            raise yaml.constructor.ConstructorError(
                None, None, f"key '{key}' appears twice (line {line})", key_node.start_mark
            )
        seen.add(key)
    return dict(loader.construct_pairs(node))


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,
)


def read_yaml(path: Path, label: str) -> tuple[Any, list[Problem]]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)  # noqa: S506
    except UnicodeDecodeError:
        return None, [Problem(label, "", "is not UTF-8 text")]
    except OSError as exc:  # a directory named like a file, no permission, ...
        return None, [Problem(label, "", f"cannot be read: {exc.strerror or exc}")]
    except RecursionError:
        return None, [Problem(label, "", "is nested too deeply to read")]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else ""
        reason = getattr(exc, "problem", None) or str(exc)
        return None, [Problem(label, where, f"is not valid YAML: {reason}")]
    if not isinstance(data, dict):
        return None, [Problem(label, "", "must be a mapping of fields at the top level")]
    return data, []


def yaml_files(folder: Path) -> Iterator[Path]:
    if folder.is_dir():
        yield from sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))


M = TypeVar("M", bound=BaseModel)


def parse_folder(folder: Path, label: str, model: type[M]) -> tuple[dict[str, Any], list[Problem]]:
    """Every YAML file in ``folder`` validated as ``model``: ``{id: (file label, object)}``,
    with ``{"!stem": (file label, raw data)}`` for a file that failed validation, and every
    problem (file labels are ``label/name.yaml``). A file's id must match its name."""
    parsed: dict[str, Any] = {}
    problems: list[Problem] = []
    for path in yaml_files(folder):
        name = f"{label}/{path.name}"
        data, found = read_yaml(path, name)
        problems += found
        if data is None:
            continue
        try:
            obj = model.model_validate(data)
        except ValidationError as exc:
            problems += from_validation_error(name, exc)
            parsed[f"!{path.stem}"] = (name, data)
            continue
        obj_id = getattr(obj, "id", None)
        if obj_id != path.stem:
            problems.append(
                Problem(name, "id", f"'{obj_id}' must match the file name '{path.stem}'")
            )
        parsed[str(obj_id)] = (name, obj)
    return parsed, problems


def _parse_all(
    root: Path, sub: str, model: type[Exercise] | type[Programme]
) -> tuple[dict[str, Any], list[Problem]]:
    return parse_folder(root / sub, sub, model)


GAITS = ("walk", "run")


def _parse_gaits(root: Path) -> tuple[dict[str, Figure], list[Problem]]:
    """The walking and running figures: each must be there and valid, like an exercise's."""
    gaits: dict[str, Figure] = {}
    problems: list[Problem] = []
    for name in GAITS:
        label = f"figures/{name}.yaml"
        path = root / label
        if not path.exists():
            problems.append(Problem(label, "", "is missing: the walk/run player shows it"))
            continue
        data, more = read_yaml(path, label)
        problems += more
        if data is None:
            continue
        try:
            gaits[name] = Figure.model_validate(data)
        except ValidationError as exc:
            problems += from_validation_error(label, exc)
    return gaits, problems


def _parse_terms(root: Path) -> tuple[dict[str, dict[str, Translated[str]]], list[Problem]]:
    label = "terms.yaml"
    path = root / label
    if not path.exists():
        return {}, [Problem(label, "", "is missing: every code needs its words in each language")]
    data, problems = read_yaml(path, label)
    if data is None:
        return {}, problems
    terms: dict[str, dict[str, Translated[str]]] = {}
    for kind, enum in TERM_KINDS.items():
        given = data.get(kind)
        if not isinstance(given, dict):
            problems.append(Problem(label, kind, "missing field"))
            continue
        terms[kind] = {}
        for code in (e.value for e in enum):
            if code not in given:
                problems.append(Problem(label, f"{kind}.{code}", "missing field"))
                continue
            try:
                terms[kind][code] = _TranslatedStr.model_validate(given[code])
            except ValidationError as exc:
                for p in from_validation_error(label, exc):
                    problems.append(
                        Problem(label, f"{kind}.{code}.{p.path}".rstrip("."), p.message)
                    )
        known = {e.value for e in enum}
        problems += [Problem(label, f"{kind}.{c}", "unknown code") for c in given if c not in known]
    problems += [Problem(label, k, "unknown field") for k in data if k not in TERM_KINDS]
    return terms, problems


def _check_exercise_refs(exercises: Mapping[str, tuple[str, Any]]) -> list[Problem]:
    """An exercise's easier and harder versions exist, are not the exercise itself, and
    following them never comes back to where it started."""
    problems = []
    for label, ex in exercises.values():
        if isinstance(ex, dict):
            continue
        for field in ("easier", "harder"):
            ref = getattr(ex, field)
            if ref is None:
                continue
            if ref == ex.id:
                problems.append(Problem(label, field, "is the exercise itself"))
            elif ref not in exercises:
                problems.append(Problem(label, field, f"unknown exercise id '{ref}'"))
            elif (cycle := _cycle(exercises, ex.id, field)) is not None:
                problems.append(Problem(label, field, f"goes round in a circle: {cycle}"))
    return problems


def _cycle(exercises: Mapping[str, tuple[str, Any]], start: str, field: str) -> str | None:
    """The chain of ``field`` versions from ``start`` if it comes back to ``start``."""
    chain, at = [start], start
    while True:
        found = exercises.get(at)
        ex = found[1] if found is not None else None
        nxt = getattr(ex, field, None) if ex is not None and not isinstance(ex, dict) else None
        if nxt is None or nxt == at:
            return None
        chain.append(nxt)
        if nxt == start:
            return " -> ".join(chain)
        if nxt in chain[:-1]:
            return None  # a circle further on: reported for the exercises inside it
        at = nxt


def _check_phases(label: str, prog: Programme, exercises: Mapping[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    expected_from = 1
    for i, phase in enumerate(prog.phases):
        where = f"phases[{i}]"
        if phase.number != i + 1:
            problems.append(
                Problem(label, f"{where}.number", f"must be {i + 1}, got {phase.number}")
            )
        if phase.weeks.from_ != expected_from:
            problems.append(
                Problem(
                    label,
                    f"{where}.weeks.from",
                    f"must be {expected_from}, got {phase.weeks.from_}",
                )
            )
        if phase.weeks.to is None and i != len(prog.phases) - 1:
            problems.append(
                Problem(label, f"{where}.weeks.to", "only the last phase may be open-ended")
            )
        expected_from = (phase.weeks.to or 0) + 1
        positions = [item.position for item in phase.items]
        for j, item in enumerate(phase.items):
            at = f"{where}.items[{j}]"
            if item.exercise not in exercises:
                problems.append(
                    Problem(label, f"{at}.exercise", f"unknown exercise id '{item.exercise}'")
                )
            if positions.count(item.position) > 1:
                problems.append(
                    Problem(label, f"{at}.position", f"'{item.position}' is used twice")
                )
            if item.alternative_to is not None and item.alternative_to not in positions:
                problems.append(
                    Problem(
                        label,
                        f"{at}.alternative_to",
                        f"no item at position '{item.alternative_to}'",
                    )
                )
    return problems


def _check_thresholds(label: str, prog: Programme) -> list[Problem]:
    """A programme's threshold overrides must name known keys with sensible values."""
    from strideback.core.engine.thresholds import ThresholdError, table

    try:
        for rule_set in prog.rule_sets:
            table(rule_set).with_overrides(prog.thresholds)
    except ThresholdError as exc:
        return [
            Problem(label, f"thresholds.{key}", message.strip())
            for key, _, message in (p.partition(":") for p in exc.problems)
        ]
    return []


def _check_weeks(label: str, prog: Programme) -> list[Problem]:
    problems = []
    for i, week in enumerate(prog.weeks):
        if week.number != i + 1:
            problems.append(
                Problem(label, f"weeks[{i}].number", f"must be {i + 1}, got {week.number}")
            )
        for j, session in enumerate(week.sessions):
            if session.day != j + 1:
                problems.append(
                    Problem(
                        label,
                        f"weeks[{i}].sessions[{j}].day",
                        f"must be {j + 1}, got {session.day}",
                    )
                )
    return problems


def _raw_item_refs(label: str, data: dict[str, Any], exercises: Mapping[str, Any]) -> list[Problem]:
    """Unknown exercise ids in a programme that failed validation, so they show up now too."""
    problems = []
    phases = data.get("phases")
    for i, phase in enumerate(phases if isinstance(phases, list) else []):
        items = phase.get("items") if isinstance(phase, dict) else None
        for j, item in enumerate(items if isinstance(items, list) else []):
            ref = item.get("exercise") if isinstance(item, dict) else None
            if isinstance(ref, str) and ref not in exercises:
                path = f"phases[{i}].items[{j}].exercise"
                problems.append(Problem(label, path, f"unknown exercise id '{ref}'"))
    return problems


def _check_programmes(
    programmes: Mapping[str, tuple[str, Any]], exercises: Mapping[str, Any]
) -> list[Problem]:
    problems = []
    for label, prog in programmes.values():
        if isinstance(prog, dict):
            problems += _raw_item_refs(label, prog, exercises)
            continue
        problems += _check_phases(label, prog, exercises)
        problems += _check_thresholds(label, prog)
        if prog.easier_versions:
            message = "is made from the exercises' 'easier' fields: do not write it"
            problems.append(Problem(label, "easier_versions", message))
        problems += _check_weeks(label, prog)
        if prog.companion is not None and prog.companion not in programmes:
            problems.append(Problem(label, "companion", f"unknown programme id '{prog.companion}'"))
    return problems


def check_library(root: Path = DEFAULT_ROOT) -> tuple[Library | None, list[Problem]]:
    """Validate every file under ``root``; the library is returned only when nothing is wrong."""
    if not root.is_dir():
        return None, [Problem(str(root), "", "is not a folder")]
    exercises, problems = _parse_all(root, "exercises", Exercise)
    programmes, more = _parse_all(root, "programmes", Programme)
    exercises = {k: v for k, v in exercises.items() if not k.startswith("!")} | {
        k[1:]: v for k, v in exercises.items() if k.startswith("!")
    }
    problems += more
    terms, more = _parse_terms(root)
    problems += more
    gaits, more = _parse_gaits(root)
    problems += more
    problems += _check_exercise_refs(exercises)
    problems += _check_programmes(programmes, exercises)
    if not programmes and not any(p.file.startswith("programmes/") for p in problems):
        problems.append(Problem("programmes/", "", "no programme files found"))
    if problems:
        return None, sorted(set(problems))
    known = {k: v[1] for k, v in exercises.items()}
    library = Library(
        exercises=known,
        programmes={k: _with_versions(v[1], known) for k, v in programmes.items()},
        terms=terms,
        gaits=gaits,
    )
    return library, []


def _with_versions(prog: Programme, exercises: Mapping[str, Exercise]) -> Programme:
    """The programme with the easier version of each of its exercises (``easier_versions``)."""
    used = {item.exercise for phase in prog.phases for item in phase.items}
    versions = {e: easier for e in sorted(used) if (easier := exercises[e].easier) is not None}
    return prog.model_copy(update={"easier_versions": versions}) if versions else prog


def load_library(root: Path = DEFAULT_ROOT) -> Library:
    library, problems = check_library(root)
    if library is None:
        raise ContentError(problems)
    return library


_cached: Library | None = None


def default_library() -> Library:
    """The packaged library, loaded once per process (it never changes while running)."""
    global _cached
    if _cached is None:
        _cached = load_library()
    return _cached


__all__ = [
    "LANGUAGES",
    "Library",
    "check_library",
    "default_library",
    "load_library",
    "parse_folder",
    "read_yaml",
    "yaml_files",
]
