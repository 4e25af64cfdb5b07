"""The build backend: setuptools, after compiling the interface catalogues.

``src/strideback/web/locale/<lang>/LC_MESSAGES/django.po`` is what translators edit and git
keeps; the ``.mo`` next to it, which Django reads, is built from it here (with Babel, pure
Python, so ``pip install .`` needs no GNU gettext) for every wheel and editable install, and
never committed. The test suite calls ``compile_catalogues`` too, so a fresh clone works.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from setuptools import build_meta as _setuptools
from setuptools.build_meta import (  # noqa: F401 - the hooks setuptools answers unchanged
    build_sdist,
    get_requires_for_build_editable,
    get_requires_for_build_sdist,
    get_requires_for_build_wheel,
    prepare_metadata_for_build_editable,
    prepare_metadata_for_build_wheel,
)

LOCALE = Path(__file__).resolve().parents[1] / "src" / "strideback" / "web" / "locale"


def compile_catalogues(locale: Path = LOCALE) -> list[Path]:
    """Write each ``django.mo`` that is missing or older than its ``.po``; return them all."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    built = []
    for po in sorted(locale.glob("*/LC_MESSAGES/django.po")):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            with po.open("rb") as source:
                catalog = read_po(source, locale=po.parts[-3])
            tmp = mo.with_suffix(".mo.tmp")
            with tmp.open("wb") as target:
                write_mo(target, catalog)  # fuzzy entries are left out
            tmp.replace(mo)
        built.append(mo)
    return built


def build_wheel(
    wheel_directory: str,
    config_settings: dict[str, Any] | None = None,
    metadata_directory: str | None = None,
) -> str:
    compile_catalogues()
    return _setuptools.build_wheel(wheel_directory, config_settings, metadata_directory)


def build_editable(
    wheel_directory: str,
    config_settings: dict[str, Any] | None = None,
    metadata_directory: str | None = None,
) -> str:
    compile_catalogues()
    return _setuptools.build_editable(wheel_directory, config_settings, metadata_directory)
