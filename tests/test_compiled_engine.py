"""The compiled engine (mypyc, what ``pip install .`` ships) decides exactly as the pure one.

A wheel is built from the repository (setup.py compiles the engine's hot modules) and
installed into a folder of its own; the same script then evaluates a few hundred random
journals, plus hand-made edge cases, once with that folder first on the path (the compiled
engine) and once with ``src/`` (the pure-Python engine), and prints every ``Plan`` (with its
``State``). The two outputs must be identical.

The build (about 30-60 s) is the cost: it is kept in ``build/compiled-engine/<hash>/`` (the
hash of everything it depends on), made once under a file lock, so the two xdist workers and
the SQLite and PostgreSQL runs share it. ``STRIDEBACK_COMPILED_WHEEL=path/to.whl`` tests a
given wheel instead. Skipped only when there is no C compiler.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "build" / "compiled-engine"
WHEEL_ENV = "STRIDEBACK_COMPILED_WHEEL"
JOURNALS = 400

# Run in a fresh interpreter: argv[1] is bench/engine.py (its journal generator), argv[2] the
# number of random journals. Prints a JSON header, then one line per evaluation.
SCRIPT = r"""
import importlib.util, json, random, sys
from datetime import timedelta

import strideback
from strideback.core.content.library import default_library
from strideback.core.engine import (
    EntryKind, JournalEntry, Pain, RedFlag, compiled, plan, thresholds_for,
)

spec = importlib.util.spec_from_file_location("bench_engine", sys.argv[1])
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)
START, count = bench.START, int(sys.argv[2])
print(json.dumps({"compiled": compiled(), "package": strideback.__file__}))

library = default_library()
programmes = sorted(library.programmes.values(), key=lambda p: p.id)
run_plans = [p for p in programmes if p.kind == "run_plan"]
flags = list(RedFlag)


def extras(rng, programme, weeks):
    # What the benchmark's runners rarely do: red flags, swelling, painful exercises of this
    # programme, high pain, runs naming their week and day, checks with morning pain.
    exercises = sorted({i.exercise for p in programme.phases for i in p.items}) or ["plank"]
    out = []
    for _ in range(rng.randint(0, 6)):
        day = START + timedelta(days=rng.randint(-10, weeks * 7 + 10))
        pain = Pain(rng.randint(0, 10), rng.choice((None, rng.randint(0, 10))),
                    rng.choice((None, rng.randint(0, 10))))
        kind = rng.choice((EntryKind.STRENGTH, EntryKind.RUN, EntryKind.CHECK))
        out.append(JournalEntry(
            day, kind,
            completed=rng.random() < 0.7,
            sets_done=rng.choice((None, 0, 1, 3)),
            pain=pain,
            swelling=rng.random() < 0.2,
            red_flags=frozenset(rng.sample(flags, rng.choice((0, 0, 0, 1, 2)))),
            run_minutes=rng.choice((None, 5.0, 30, 90.0)) if kind is EntryKind.RUN else None,
            run_week=rng.choice((None, 1, 3, 99)),
            run_day=rng.choice((None, 1, 2, 9)),
            painful_exercises=tuple(rng.sample(exercises, min(len(exercises), rng.randint(0, 2)))),
        ))
    return out


def case(rng, i):
    weeks = rng.choice((0, 1, 3, rng.randint(4, 30)))
    programme = rng.choice(programmes)
    run = None if programme.kind == "run_plan" else rng.choice((None, *run_plans))
    entries = bench.journal(rng, weeks) + extras(rng, programme, weeks)
    rng.shuffle(entries)  # the engine sorts the journal itself
    start = START + timedelta(days=rng.choice((0, 0, 0, rng.randint(-5, 40))))
    on = START + timedelta(days=rng.randint(-3, weeks * 7 + 30))
    cleared = [START + timedelta(days=rng.randint(0, weeks * 7 + 1))] if rng.random() < 0.2 else []
    thresholds = None
    if rng.random() < 0.25:
        overrides = {"weekly_rise_max": rng.choice((0, 1, 2)), "gap_days": rng.choice((5, 7, 14))}
        thresholds = thresholds_for(programme, run).with_overrides(overrides)
    days = rng.choice((0, 7, 14, 28))
    result = plan(programme, start, entries, on, run_plan=run, thresholds=thresholds,
                  cleared=cleared, days=days)
    print(i, programme.id, run.id if run else None, repr(result))


rng = random.Random(20261122)
for i in range(count):
    case(rng, i)

# Hand-made edge cases: nothing logged, evaluated before the start, a red flag before the
# start (then cleared), everything on one day, a journal entirely after the evaluation day.
knee, run5k = library.programme("anterior-knee-pain"), library.programme("return-to-run-5k")
flag = JournalEntry(START - timedelta(days=3), EntryKind.CHECK, completed=False,
                    red_flags=frozenset({RedFlag.CALF_SWELLING}))
same_day = [JournalEntry(START, EntryKind.STRENGTH, pain=Pain(9, 9, 9), swelling=True),
            JournalEntry(START, EntryKind.RUN, run_minutes=60.0, pain=Pain(7, 8, 9))]
later = [JournalEntry(START + timedelta(days=50), EntryKind.STRENGTH)]
edges = [
    (knee, START, [], START, run5k, ()),
    (knee, START, [], START - timedelta(days=1), run5k, ()),
    (run5k, START, [], START + timedelta(days=100), None, ()),
    (knee, START, [flag], START + timedelta(days=10), run5k, ()),
    (knee, START, [flag], START + timedelta(days=10), run5k, (START,)),
    (knee, START, same_day, START, run5k, ()),
    (knee, START, same_day, START + timedelta(days=400), run5k, ()),
    (run5k, START, same_day, START + timedelta(days=1), None, ()),
    (knee, START, later, START + timedelta(days=10), None, ()),
]
for i, (programme, start, entries, on, run, cleared) in enumerate(edges):
    print("edge", i, repr(plan(programme, start, entries, on, run_plan=run, cleared=cleared)))
"""


def _compiler() -> str | None:
    return shutil.which(os.environ.get("CC", "cc").split()[0]) or shutil.which("gcc")


def _inputs_hash() -> str:
    """Everything the compiled build and the script's output depend on."""
    digest = hashlib.sha256(sys.version.encode())
    files = [ROOT / "setup.py", ROOT / "pyproject.toml", ROOT / "bench" / "engine.py"]
    for folder in ("core", "content"):
        files += sorted((ROOT / "src" / "strideback" / folder).rglob("*"))
    files.append(ROOT / "src" / "strideback" / "__init__.py")
    for path in files:
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".so":
            digest.update(path.relative_to(ROOT).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _pip(*args: str, env: dict[str, str] | None = None) -> None:
    command = [sys.executable, "-m", "pip", *args]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=900)
    assert done.returncode == 0, f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}"


def _install(wheel: Path, site: Path) -> Path:
    names = zipfile.ZipFile(wheel).namelist()
    compiled = [n for n in names if n.startswith("strideback/core/engine/") and ".so" in n]
    assert compiled, f"{wheel.name} has no compiled engine modules: {names[:5]}..."
    _pip("install", "--no-deps", "--no-index", "--quiet", "--target", str(site), str(wheel))
    return site


def _build(target: Path) -> Path:
    """A wheel built from the repository as ``pip install .`` builds it, installed into
    ``target/site``."""
    shutil.rmtree(target, ignore_errors=True)
    env = {k: v for k, v in os.environ.items() if k != "STRIDEBACK_PURE_PYTHON"}
    _pip("wheel", "--no-deps", "--quiet", "-w", str(target / "wheel"), str(ROOT), env=env)
    (wheel,) = (target / "wheel").glob("strideback-*.whl")
    return _install(wheel, target / "site")


@pytest.fixture(scope="module")
def compiled_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    given = os.environ.get(WHEEL_ENV)
    if given:
        return _install(Path(given), tmp_path_factory.mktemp("compiled") / "site")
    if _compiler() is None:
        pytest.skip("no C compiler (cc or gcc): the build is pure Python, nothing to compare")
    target = CACHE / _inputs_hash()
    with _locked(CACHE.parent / "compiled-engine.lock"):
        if not (target / "done").exists():
            for old in CACHE.glob("*"):  # builds of older sources
                shutil.rmtree(old, ignore_errors=True)
            _build(target)
            (target / "done").touch()
    return target / "site"


def _decisions(path: Path, cwd: Path) -> tuple[dict[str, object], list[str]]:
    env = dict(os.environ, PYTHONPATH=str(path), PYTHONHASHSEED="0")
    args = [sys.executable, "-c", SCRIPT, str(ROOT / "bench" / "engine.py"), str(JOURNALS)]
    done = subprocess.run(args, capture_output=True, text=True, env=env, cwd=cwd, timeout=600)
    assert done.returncode == 0, done.stderr
    header, *lines = done.stdout.splitlines()
    return json.loads(header), lines


def test_the_compiled_engine_decides_exactly_as_the_pure_one(
    compiled_site: Path, tmp_path: Path
) -> None:
    compiled, compiled_lines = _decisions(compiled_site, tmp_path)
    pure, pure_lines = _decisions(ROOT / "src", tmp_path)
    assert compiled["compiled"] is True, compiled
    assert str(compiled["package"]).startswith(str(compiled_site)), compiled
    assert pure["compiled"] is False, pure
    assert str(pure["package"]).startswith(str(ROOT / "src")), pure
    assert len(pure_lines) == JOURNALS + 9
    for mine, theirs in zip(compiled_lines, pure_lines, strict=True):
        assert mine == theirs  # one line per evaluation: pytest shows the first difference
