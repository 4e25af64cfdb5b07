"""Build: the engine's hot modules compiled with mypyc, when that is possible.

pyproject.toml holds the project's metadata; this file only adds the extension modules.

- A wheel (``pip install .``, ``pip wheel .``) compiles the modules in ``COMPILED`` with mypyc
  into one shared library plus one small extension per module. The ``.py`` files are shipped
  too and stay the single source of truth.
- Compiling is optional: without a C compiler (or the Python headers), or when mypyc fails,
  the build says so and the package installs as pure Python. All or nothing: if one extension
  fails, the others are dropped too, so a module never half-loads a missing shared library.
- ``STRIDEBACK_PURE_PYTHON=1`` forces the pure build.
- Editable installs (``pip install -e .``) stay pure Python, so an edited ``.py`` file takes
  effect at once and no ``.so`` lands in ``src/``.
- Only the commands that build extensions run mypyc (not ``egg_info``/``dist_info``, which
  pip asks for first): it takes a few seconds.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent
ENGINE = Path("src", "strideback", "core", "engine")
# Chosen by measurement (bench/README.md): the walk through the journal (plan, progression,
# running, monitoring, journal) and what it calls for each runner (decision, advice,
# red_flags). thresholds and schedule gained nothing measurable and stay pure Python.
COMPILED = [
    "journal",
    "monitoring",
    "progression",
    "running",
    "plan",
    "decision",
    "advice",
    "red_flags",
]
# Commands that build the extensions; anything else (metadata, sdist, editable) needs none.
BUILDS = {"build", "build_ext", "bdist_wheel", "install", "bdist"}
EDITABLE = {"editable_wheel", "develop"}
# mypy's own settings for the build: not the project's (whose pydantic plugin is not in the
# isolated build environment); modules outside the engine are only read, for their types.
MYPY_CONFIG = "[mypy]\nignore_missing_imports = True\nfollow_imports = silent\n"


def _wanted() -> bool:
    if os.environ.get("STRIDEBACK_PURE_PYTHON", "") not in ("", "0"):
        print("strideback: STRIDEBACK_PURE_PYTHON set: pure-Python engine", file=sys.stderr)
        return False
    commands = set(sys.argv[1:])
    return bool(commands & BUILDS) and not commands & EDITABLE


def _extensions() -> list:  # type: ignore[type-arg]
    if not _wanted():
        return []
    try:
        from mypyc.build import mypycify

        paths = [str(ENGINE / f"{name}.py") for name in COMPILED]
        cwd = os.getcwd()
        with tempfile.TemporaryDirectory(prefix="strideback-mypyc-") as folder:
            config = Path(folder, "mypy.ini")
            config.write_text(MYPY_CONFIG, encoding="utf-8")
            os.chdir(ROOT)  # mypy finds the modules (and their package) from here
            try:
                extensions = mypycify(
                    ["--config-file", str(config), *paths],
                    group_name="strideback_engine",
                    target_dir=str(Path("build", "mypyc")),
                )
            finally:
                os.chdir(cwd)
    except Exception as error:  # any failure: build the pure package
        print(f"strideback: mypyc failed ({error}); pure-Python engine", file=sys.stderr)
        return []
    for extension in extensions:
        extension.optional = True  # a compile failure is a warning, not a failed install
    return extensions


class BuildExt(build_ext):
    """build_ext that keeps all of the compiled engine or none of it."""

    failed = False

    def build_extension(self, ext) -> None:  # type: ignore[no-untyped-def]
        try:
            super().build_extension(ext)
        except Exception:
            self.failed = True
            raise  # optional: build_ext turns it into a warning

    def build_extensions(self) -> None:
        super().build_extensions()
        if self.failed:
            for ext in self.extensions:
                Path(self.get_ext_fullpath(ext.name)).unlink(missing_ok=True)
            self.extensions = []
            print("strideback: compiling the engine failed: pure-Python engine", file=sys.stderr)

    def get_outputs(self) -> list[str]:
        return [] if self.failed else super().get_outputs()

    def run(self) -> None:
        super().run()
        # pip builds in the source tree: drop extensions left in build/ by an earlier build
        # (another module list, a failed compile), or the wheel would ship them.
        keep = {Path(p).resolve() for p in self.get_outputs()}
        build_lib = Path(self.build_lib)
        for pattern in ("strideback/**/*.so", "strideback/**/*.pyd", "*__mypyc*"):
            for path in build_lib.glob(pattern):
                if path.resolve() not in keep:
                    path.unlink()


setup(ext_modules=_extensions(), cmdclass={"build_ext": BuildExt})
