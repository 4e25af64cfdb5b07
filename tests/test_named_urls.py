"""Internal links go through named routes: ``{% url 'name' %}`` in templates, ``reverse()`` /
``redirect("name")`` in Python. A hard-coded "/today/" breaks silently when a route moves.

The scan looks at every template attribute whose value starts with "/" (href, action, src,
value, data-*), at every Python string that is a path under one of the site's own top-level
routes (and anything "/…" handed to redirect() or build_absolute_uri()), and at string
literals in the static scripts. ``{% static %}``, external http(s) links and "#" anchors do
not start with "/", so they pass. A line may keep a path if it says why, with the marker
``url-ok: <reason>`` in a comment on that line.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver

SRC = Path(__file__).resolve().parents[1] / "src" / "strideback"
MARK = re.compile(r"url-ok:\s*\S")
# Template attributes: any attribute whose value begins with a single "/".
ATTRIBUTE = re.compile(r"""\b([a-z][\w-]*)=(["'])(/(?!/)[^"']*)\2""")
# Script string literals beginning with "/" (a regex literal such as /-/g does not match).
SCRIPT_STRING = re.compile(r"""(["'`])(/(?!/)[^"'`\s]*)\1""")
REDIRECTS = {
    "redirect",
    "HttpResponseRedirect",
    "HttpResponsePermanentRedirect",
    "redirect_to_login",
    "build_absolute_uri",
}
# django-ninja's router paths are relative to the API's mount, not site paths.
ROUTER_METHODS = {"get", "post", "put", "patch", "delete", "api_operation", "add_router"}


def site_segments() -> set[str]:
    """The first path segment of every route the site serves (today, clinic, api, …)."""
    found: set[str] = {"static"}

    def walk(patterns: list[URLPattern | URLResolver], prefix: str) -> None:
        for p in patterns:
            literal = prefix + re.split(r"[<^$(\\]", str(p.pattern), maxsplit=1)[0]
            if isinstance(p, URLResolver) and not literal:
                walk(p.url_patterns, "")
            elif literal:
                found.add(literal.split("/", 1)[0])

    walk(get_resolver().url_patterns, "")
    return found


def _is_site_path(text: str, segments: set[str]) -> bool:
    if not text.startswith("/") or text.startswith("//"):
        return False
    first = re.split(r"[/?#]", text[1:], maxsplit=1)[0]
    return first in segments


def _strings(node: ast.AST) -> list[ast.Constant]:
    return [
        n
        for n in ast.walk(node)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value.startswith("/")
    ]


def _call_name(node: ast.Call) -> str:
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def python_paths(path: Path, segments: set[str]) -> list[tuple[int, str]]:
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    tree = ast.parse(source)
    skip: set[int] = set()  # ids of string nodes that are not site paths
    found: dict[int, tuple[int, str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            skip.add(id(node.value))  # a docstring
        elif isinstance(node, ast.Call):
            name = _call_name(node)
            if name in ROUTER_METHODS and isinstance(node.func, ast.Attribute) and node.args:
                skip.add(id(node.args[0]))
            elif name in REDIRECTS and node.args:
                for const in _strings(node.args[0]):
                    found[id(const)] = (const.lineno, const.value)
    for const in _strings(tree):
        if id(const) not in skip and _is_site_path(const.value, segments):
            found.setdefault(id(const), (const.lineno, const.value))
    return [(line, text) for line, text in found.values() if not MARK.search(lines[line - 1])]


def template_paths(path: Path) -> list[tuple[int, str]]:
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if MARK.search(line):
            continue
        found += [(number, f"{m.group(1)}={m.group(3)}") for m in ATTRIBUTE.finditer(line)]
    return found


def script_paths(path: Path, segments: set[str]) -> list[tuple[int, str]]:
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if MARK.search(line) or line.lstrip().startswith("//"):
            continue
        found += [
            (number, m.group(2))
            for m in SCRIPT_STRING.finditer(line)
            if _is_site_path(m.group(2), segments)
        ]
    return found


def hard_coded_paths(root: Path = SRC) -> list[str]:
    segments = site_segments()
    problems = []
    for path in sorted(root.rglob("*")):
        if "migrations" in path.parts or not path.is_file():
            continue
        if path.suffix == ".py":
            hits = python_paths(path, segments)
        elif path.suffix in (".html", ".txt") and "templates" in path.parts:
            hits = template_paths(path)
        elif path.suffix == ".js":
            hits = script_paths(path, segments)
        else:
            continue
        rel = path.relative_to(root)
        problems += [f"{rel}:{line}: {text}" for line, text in hits]
    return sorted(problems)


def test_no_hard_coded_internal_paths() -> None:
    assert hard_coded_paths() == []


def test_the_scan_names_the_file_and_line_of_a_planted_path(tmp_path: Path) -> None:
    templates = tmp_path / "training" / "templates" / "training"
    templates.mkdir(parents=True)
    (templates / "page.html").write_text(
        "<a href=\"{% url 'today' %}\">ok</a>\n"
        '<a href="{% static \'x.css\' %}">ok</a> <a href="https://example.org/">ok</a>\n'
        '<a href="#top">ok</a>\n'
        '<form action="/clinic/patients/{{ id }}/notes">\n'
        '<link rel="manifest" href="/manifest.webmanifest">{# url-ok: fixed by the spec #}\n',
        encoding="utf-8",
    )
    (tmp_path / "training" / "views.py").write_text(
        '"""Mentions /today/ in a docstring, which is fine."""\n'
        "def a(request):\n"
        '    return redirect("today")\n'
        "def b(request):\n"
        '    return HttpResponseRedirect("/")\n'
        "def c(s):\n"
        '    return f"/play/{s.day}/strength/"\n'
        '@router.get("/today")\n'
        "def d(request):\n"
        '    return "/today/"  # url-ok: the test needs it\n',
        encoding="utf-8",
    )
    (tmp_path / "static.js").write_text(
        'const A = "/today/";\nconst B = s.replace(/-/g, "+");\n// "/today/" in a comment\n',
        encoding="utf-8",
    )
    assert hard_coded_paths(tmp_path) == [
        "static.js:1: /today/",
        "training/templates/training/page.html:4: action=/clinic/patients/{{ id }}/notes",
        "training/views.py:5: /",
        "training/views.py:7: /play/",
    ]
