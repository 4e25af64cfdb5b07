"""The apps import one way: api > clinic > training > accounts (> core). Never upward, not
even inside a function, so a newcomer can read each layer knowing only the ones below it."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "strideback"
RANK = {"accounts": 1, "training": 2, "clinic": 3, "api": 4}


def imported_modules(tree: ast.AST) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            if node.module == "strideback":  # from strideback import clinic
                found += [(node.lineno, f"strideback.{a.name}") for a in node.names]
            else:
                found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
    return found


def upward_imports(root: Path = SRC) -> list[str]:
    problems = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root).parts
        if rel[0] not in RANK or "migrations" in rel:
            continue
        for line, module in imported_modules(ast.parse(path.read_text(encoding="utf-8"))):
            parts = module.split(".")
            if len(parts) > 1 and parts[0] == "strideback" and RANK.get(parts[1], 0) > RANK[rel[0]]:
                problems.append(f"{'/'.join(rel)}:{line} imports {module}")
    return sorted(set(problems))


def test_no_app_imports_an_app_above_it() -> None:
    assert upward_imports() == []


def test_the_check_finds_an_upward_import_even_inside_a_function(tmp_path: Path) -> None:
    (tmp_path / "training").mkdir()
    (tmp_path / "training" / "views.py").write_text(
        "def page():\n    from strideback.clinic import patients\n    return patients\n"
    )
    assert upward_imports(tmp_path) == ["training/views.py:2 imports strideback.clinic"]


def test_the_core_imports_no_app() -> None:
    for path in (SRC / "core").rglob("*.py"):
        for _, module in imported_modules(ast.parse(path.read_text(encoding="utf-8"))):
            parts = module.split(".")
            assert not (parts[0] == "strideback" and parts[1:2] and parts[1] in RANK), (
                f"{path}: imports {module}"
            )
