"""`pip install .` (not editable) must ship every template, static file and content file."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import strideback

PACKAGE = Path(strideback.__file__).parent
PYPROJECT = PACKAGE.parents[1] / "pyproject.toml"


def glob_regex(pattern: str) -> re.Pattern[str]:
    """setuptools' glob: ``**/`` is any number of folders, ``*`` stays within one."""
    out = ""
    for part in re.split(r"(\*\*/|\*)", pattern):
        out += {"**/": "(?:.*/)?", "*": "[^/]*"}.get(part, re.escape(part))
    return re.compile(out + "$")


def test_the_glob_reading_matches_setuptools() -> None:
    assert glob_regex("*/templates/**/*").match("clinic/templates/clinic/patient.html")
    assert glob_regex("templates/**/*").match("templates/base.html")
    assert not glob_regex("content/**/*.yaml").match("content/ui/core.txt")


def test_every_data_file_of_the_package_is_declared_as_package_data() -> None:
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    patterns = [glob_regex(p) for p in config["tool"]["setuptools"]["package-data"]["strideback"]]
    data_files = [
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*")
        if path.is_file() and path.suffix not in (".py", ".pyc") and "__pycache__" not in path.parts
    ]
    assert len(data_files) > 50, "templates, static files and the content library"
    missing = [f for f in data_files if not any(p.match(f) for p in patterns)]
    assert missing == []
