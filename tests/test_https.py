"""Behind TLS with one switch: STRIDEBACK_HTTPS=1 behind a proxy that says X-Forwarded-Proto."""

from __future__ import annotations

import http.client
import os
import re
import secrets
import subprocess
import sys
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tests.test_serve import free_port, serving

HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "upgrade", "proxy-connection"}


@contextmanager
def tls_proxy(backend_port: int) -> Iterator[int]:
    """What nginx's `proxy_pass` with the lines of docs/deploy.md does, minus the TLS itself:
    forward every request with the Host kept, X-Forwarded-Proto: https and the client's address
    appended to X-Forwarded-For."""

    class Forward(BaseHTTPRequestHandler):
        def _forward(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
            headers = {k: v for k, v in headers.items() if not k.lower().startswith("x-forwarded")}
            headers["X-Forwarded-Proto"] = "https"
            headers["X-Forwarded-For"] = self.client_address[0]
            upstream = http.client.HTTPConnection("127.0.0.1", backend_port, timeout=20)
            upstream.request(self.command, self.path, body=body, headers=headers)
            answer = upstream.getresponse()
            data = answer.read()
            self.send_response(answer.status)
            for key, value in answer.getheaders():
                if key.lower() not in HOP_BY_HOP | {"content-length"}:
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            upstream.close()

        do_GET = do_POST = do_HEAD = _forward

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Forward)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield int(server.server_address[1])
    finally:
        server.shutdown()
        server.server_close()


class Browser:
    """Just enough of a browser: keeps cookies (sent back although the hop to the test proxy is
    plain http, as a browser does over https) and says which origin a form came from."""

    def __init__(self, port: int, host: str) -> None:
        self.port, self.host = port, host
        self.cookies: dict[str, str] = {}
        self.set_cookie_lines: list[str] = []

    def request(
        self, method: str, path: str, form: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], str]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
        headers = {"Host": self.host}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"https://{self.host}"
            headers["Referer"] = f"https://{self.host}{path}"
        conn.request(method, path, body=body, headers=headers)
        answer = conn.getresponse()
        for key, value in answer.getheaders():
            if key.lower() == "set-cookie":
                self.set_cookie_lines.append(value)
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        text = answer.read().decode()
        conn.close()
        return answer.status, {k.lower(): v for k, v in answer.getheaders()}, text

    def csrf(self, path: str) -> str:
        status, _, page = self.request("GET", path)
        assert status == 200, (path, status)
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert found is not None
        return found.group(1)


def test_login_and_a_form_work_through_a_tls_proxy_and_plain_http_is_redirected(
    tmp_path: Path,
) -> None:
    port = free_port()
    host = "strideback.example.org"
    settings = {"STRIDEBACK_HTTPS": "1", "STRIDEBACK_ALLOWED_HOSTS": f"{host},127.0.0.1"}
    with serving(tmp_path, port, **settings), tls_proxy(port) as proxy_port:
        browser = Browser(proxy_port, host)
        password = "knee-over-toe-42"
        token = browser.csrf("/signup/")
        status, headers, _ = browser.request(
            "POST",
            "/signup/",
            {"csrfmiddlewaretoken": token, "email": "r@example.org", "password": password},
        )
        assert status == 302, "the sign-up form's POST passed CSRF through the proxy"
        browser.request("POST", "/logout/", {"csrfmiddlewaretoken": browser.cookies["csrftoken"]})
        browser.cookies.pop("sessionid", None)

        token = browser.csrf("/login/")
        status, headers, _ = browser.request(
            "POST",
            "/login/",
            {"csrfmiddlewaretoken": token, "email": "r@example.org", "password": password},
        )
        assert status == 302 and "sessionid" in browser.cookies
        status, headers, page = browser.request("GET", "/today/")
        assert status in (200, 302) and "/login/" not in headers.get("location", "")
        assert headers["strict-transport-security"] == (
            "max-age=31536000; includeSubDomains; preload"
        )
        session_cookie = next(c for c in browser.set_cookie_lines if c.startswith("sessionid="))
        csrf_cookie = next(c for c in browser.set_cookie_lines if c.startswith("csrftoken="))
        assert "Secure" in session_cookie and "HttpOnly" in session_cookie
        assert "Secure" in csrf_cookie
        lang_cookie = next(c for c in browser.set_cookie_lines if c.startswith("strideback_lang="))
        assert "Secure" in lang_cookie

        # Straight to the app over plain http, no proxy: sent to https.
        plain = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        plain.request("GET", "/login/", headers={"Host": host})
        answer = plain.getresponse()
        assert answer.status == 301
        assert answer.getheader("Location") == f"https://{host}/login/"
        plain.close()
        # ...except the health check, which monitors ask on the inside.
        plain = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        plain.request("GET", "/healthz")
        assert plain.getresponse().status == 200


def test_the_proxys_address_header_feeds_the_login_throttle(tmp_path: Path) -> None:
    """Behind the proxy every request comes from 127.0.0.1: the throttle must count the
    address the proxy reports, or one client would lock out everybody."""
    port = free_port()
    host = "strideback.example.org"
    settings = {"STRIDEBACK_HTTPS": "1", "STRIDEBACK_ALLOWED_HOSTS": f"{host},127.0.0.1"}
    with serving(tmp_path, port, **settings):

        def attempt(client: str, email: str) -> int:
            # The proxy's X-Forwarded-For as nginx writes it: a client's claim, then the peer.
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            headers = {
                "Host": host,
                "X-Forwarded-Proto": "https",
                "X-Forwarded-For": f"10.9.9.9, {client}",
            }
            conn.request("GET", "/login/", headers=headers)
            answer = conn.getresponse()
            page = answer.read().decode()
            cookie = answer.getheader("Set-Cookie", "").split(";", 1)[0]
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
            assert token is not None
            form = urllib.parse.urlencode(
                {"csrfmiddlewaretoken": token.group(1), "email": email, "password": "x"}
            )
            headers |= {
                "Cookie": cookie,
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"https://{host}/login/",
            }
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("POST", "/login/", body=form, headers=headers)
            status = conn.getresponse().status
            conn.close()
            return status

        for n in range(10):
            assert attempt("198.51.100.1", f"guess{n}@example.org") == 400
        assert attempt("198.51.100.1", "guess-more@example.org") == 429
        assert attempt("198.51.100.2", "someone-else@example.org") == 400


def test_check_deploy_reports_no_issues_with_the_switch_on(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("STRIDEBACK_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    env |= {
        "STRIDEBACK_DATA_DIR": str(tmp_path),
        "STRIDEBACK_SECRET_KEY": secrets.token_urlsafe(50),
        "STRIDEBACK_ALLOWED_HOSTS": "strideback.example.org",
    }
    command = [sys.executable, "-m", "strideback", "manage", "check", "--deploy"]
    command += ["--fail-level", "WARNING"]
    without = subprocess.run(command, env=env, capture_output=True, text=True)
    assert without.returncode != 0
    for warning in ("W004", "W008", "W012", "W016"):
        assert f"security.{warning}" in without.stderr
    with_switch = subprocess.run(
        command, env=env | {"STRIDEBACK_HTTPS": "1"}, capture_output=True, text=True
    )
    assert with_switch.returncode == 0, with_switch.stderr
    assert "System check identified no issues (0 silenced)." in with_switch.stdout
