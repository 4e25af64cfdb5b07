"""The core is plain Python: no Django, no web, no clock (docs/architecture.md)."""

import ast
from pathlib import Path

import strideback.core

CORE = Path(strideback.core.__file__).parent
FORBIDDEN = ("django", "ninja", "strideback.web", "strideback.accounts")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_core_module_imports_django_or_the_web_layer() -> None:
    offenders = {
        f"{path.relative_to(CORE)}: {name}"
        for path in CORE.rglob("*.py")
        for name in imported_modules(path)
        if name.split(".")[0] in FORBIDDEN or name.startswith(FORBIDDEN)
    }
    assert offenders == set()


def test_no_core_module_reads_the_clock() -> None:
    calls = ("date.today(", "datetime.now(", "datetime.today(", "time.time(", "timezone.now(")
    offenders = [
        str(path.relative_to(CORE))
        for path in CORE.rglob("*.py")
        if any(call in path.read_text(encoding="utf-8") for call in calls)
    ]
    assert offenders == []
