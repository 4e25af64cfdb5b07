"""The installable web app: the manifest and the service worker, served from the site root.

The service worker must be served from ``/`` (not ``/static/``) for its scope to cover every
page. Its cache name carries a hash of the files it caches, so a new release replaces the old
cache instead of serving stale scripts forever.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from strideback.core.languages import Lang

STATIC = Path(settings.PACKAGE_DIR) / "static" / "strideback"
# What the service worker stores at install time: the shell every page needs offline.
SHELL_PAGES = ("player_offline", "pwa_manifest")
SHELL_STATIC = (
    "strideback/app.css",
    "strideback/player.css",
    "strideback/player.js",
    "strideback/figure.js",  # player.js imports it
    "strideback/offline.js",
    "strideback/icons/icon.svg",
    "strideback/icons/icon-192.png",
)


def shell() -> list[str]:
    return [reverse(name) for name in SHELL_PAGES] + [static(path) for path in SHELL_STATIC]


def worker_urls() -> dict[str, object]:
    """The paths sw.js needs, by URL name, so the script names none of its own."""
    return {
        "offline": reverse("player_offline"),
        "today": reverse("today"),
        "logout": reverse("logout"),
        "manifest": reverse("pwa_manifest"),
        "static": settings.STATIC_URL,
        "icon": static("strideback/icons/icon-192.png"),
        # Never kept: the worker itself, the admin, the player's log, the health check.
        "never": [
            reverse("pwa_service_worker"),
            reverse("admin:index"),
            reverse("player_log"),
            reverse("healthz"),
        ],
    }


@cache
def version() -> str:
    """A short hash of the static files, so each release gets a fresh offline cache."""
    digest = hashlib.sha256()
    for path in sorted(STATIC.rglob("*")):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@require_GET
def manifest(request: HttpRequest) -> HttpResponse:
    data = json.loads((STATIC / "manifest.webmanifest").read_text(encoding="utf-8"))
    lang: Lang = getattr(request, "lang", "en")
    data["lang"] = lang
    data["description"] = gettext("Your training coach when running hurts your knees or feet.")
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=1), content_type="application/manifest+json"
    )
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    source = (STATIC / "sw.js").read_text(encoding="utf-8")
    source = (
        source.replace("__VERSION__", version())
        .replace("__SHELL__", json.dumps(shell()))
        .replace("__URLS__", json.dumps(worker_urls()))
    )
    response = HttpResponse(source, content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response
