"""The installable app: manifest, service worker, icons, offline page."""

from __future__ import annotations

import json

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from PIL import Image


@pytest.mark.django_db
def test_the_manifest_makes_the_app_installable_in_the_users_language() -> None:
    response = Client().get("/manifest.webmanifest", HTTP_ACCEPT_LANGUAGE="nb")
    assert response["Content-Type"] == "application/manifest+json"
    data = json.loads(response.content)
    assert data["start_url"] == "/" and data["display"] == "standalone"
    assert data["lang"] == "nb" and "løping" in data["description"]
    sizes = {icon["sizes"] for icon in data["icons"]}
    assert {"192x192", "512x512"} <= sizes
    assert any(icon.get("purpose") == "maskable" for icon in data["icons"])


@pytest.mark.parametrize(("name", "size"), [("icon-192.png", 192), ("icon-512.png", 512)])
def test_the_icons_have_the_sizes_the_manifest_promises(name: str, size: int) -> None:
    path = finders.find(f"strideback/icons/{name}")
    assert path is not None
    assert Image.open(path).size == (size, size)


@pytest.mark.django_db
def test_the_service_worker_is_served_from_the_root_with_a_versioned_cache() -> None:
    response = Client().get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    source = response.content.decode()
    assert "__VERSION__" not in source and "__SHELL__" not in source and "__URLS__" not in source
    assert '"/static/strideback/player.js"' in source


@pytest.mark.django_db
def test_the_offline_page_needs_no_login() -> None:
    response = Client().get("/play/offline/", HTTP_ACCEPT_LANGUAGE="da")
    assert response.status_code == 200
    assert "Du er offline" in response.content.decode()
