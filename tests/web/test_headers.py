"""Every page and API answer carries a strict Content-Security-Policy and a Permissions-Policy;
every answer to a logged-in person or an API token says `Cache-Control: no-store`; no rendered
page has an inline script, an on*= handler or a style attribute (the policy would block them).

The pages and operations are the authorization matrix's, which fails when one is missing."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.http import HttpResponse
from django.test import Client

from strideback.web.middleware import CONTENT_SECURITY_POLICY, PERMISSIONS_POLICY
from tests.api.conftest import make_world, session_client, token_client
from tests.test_authorization_matrix import API, PAGES, entry_body, fill, page_routes, send

pytestmark = pytest.mark.django_db

DATA_SCRIPTS = {"application/json", "application/ld+json"}


class InlineCode(HTMLParser):
    """Collects what a strict policy blocks: inline <script>, <style>, on*= and style=."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "script" and "src" not in names and names.get("type") not in DATA_SCRIPTS:
            self.found.append(f"<script> without src at line {self.getpos()[0]}")
        if tag == "style":
            self.found.append(f"<style> at line {self.getpos()[0]}")
        for name in names:
            if name.startswith("on") or name == "style":
                self.found.append(f"<{tag} {name}=> at line {self.getpos()[0]}")


def inline_code(html: str) -> list[str]:
    parser = InlineCode()
    parser.feed(html)
    return parser.found


def check_headers(response: HttpResponse, personal: bool, where: str) -> None:
    csp = response.get("Content-Security-Policy", "")
    assert csp == CONTENT_SECURITY_POLICY, f"{where}: CSP {csp!r}"
    assert response.get("Permissions-Policy") == PERMISSIONS_POLICY, where
    cache = response.get("Cache-Control", "")
    if personal and "public" not in cache:
        assert cache == "no-store", f"{where}: Cache-Control {cache!r}"
    if response.get("Content-Type", "").startswith("text/html") and not response.streaming:
        assert inline_code(response.content.decode()) == [], where


def test_the_policy_is_strict() -> None:
    directives = dict(d.split(" ", 1) for d in CONTENT_SECURITY_POLICY.split("; "))
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert "unsafe" not in CONTENT_SECURITY_POLICY
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
    for feature in ("camera", "microphone", "geolocation"):
        assert f"{feature}=()" in PERMISSIONS_POLICY


def test_the_checker_finds_inline_code() -> None:
    html = (
        '<script>alert(1)</script><script src="/static/a.js"></script>'
        '<script type="application/json">{}</script><button onclick="x()">'
        '<p style="color:red"><style>p{}</style>'
    )
    assert len(inline_code(html)) == 4


@pytest.mark.parametrize("route", sorted(PAGES))
def test_every_page_has_the_headers_and_no_inline_code(route: str) -> None:
    if route not in set(page_routes()):
        pytest.skip(f"/{route} is not mounted yet")
    w = make_world()
    url = fill(route, PAGES[route].params(w))
    for actor in ("anonymous", "runner_a", "a_clinician"):
        response = session_client(w.actor(actor)).get(url)
        check_headers(response, actor != "anonymous", f"GET {url} as {actor}")


@pytest.mark.parametrize("operation", sorted(op for op in API if op.startswith("GET ")))
def test_every_api_answer_has_the_headers(operation: str) -> None:
    w = make_world()
    row = API[operation]
    url = operation.split(" ", 1)[1].format(**row.params(w))
    for actor in ("runner_a", "a_clinician"):
        for client in (token_client(w.tokens.get(actor)), session_client(w.actor(actor))):
            response = send(client, "GET", url, None, row.query, None)
            check_headers(response, True, f"GET {url} as {actor}")


def test_an_api_write_is_not_stored_either() -> None:
    w = make_world()
    client = token_client(w.tokens["runner_a"])
    response = send(client, "POST", "/api/v1/journal", entry_body(w), {}, None)
    assert response.status_code == 201, response.content[:300]
    check_headers(response, True, "POST /api/v1/journal")


def test_the_admin_login_has_the_headers() -> None:
    response = Client().get("/admin/login/")
    assert response.status_code == 200
    check_headers(response, False, "/admin/login/")


def test_a_public_figure_keeps_its_own_caching() -> None:
    w = make_world()
    response = session_client(w.a).get("/exercises/mini-squat-band/figure.svg?t=3")
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
