"""For the whole suite: the interface catalogues compiled (a fresh clone has only the .po)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "buildtools"))

from strideback_build import compile_catalogues  # noqa: E402


def pytest_configure() -> None:
    compile_catalogues()
