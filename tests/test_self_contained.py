"""Nothing in the repository points at files outside it: a contributor who clones it has every
document it mentions (citations are written out where they are used)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUTSIDE = re.compile(r"DESIGN\.md|UX\.md|research/|clinical\.md|market\.md|\.\./shared|/work/")
CHECKED = ("*.py", "*.md", "*.yaml", "*.html", "*.js", "*.css", "*.toml", "*.sh", "*.txt")


def test_no_file_points_outside_the_repository() -> None:
    found = []
    for pattern in CHECKED:
        for path in ROOT.rglob(pattern):
            rel = path.relative_to(ROOT)
            if rel.parts[0] in {".venv", "node_modules", "build", "dist", ".git"}:
                continue
            if path == Path(__file__).resolve():
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            found += [
                f"{rel}:{n}" for n, line in enumerate(text.splitlines(), 1) if OUTSIDE.search(line)
            ]
    assert found == []
