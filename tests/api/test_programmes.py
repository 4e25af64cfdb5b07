"""The library over the API: public, read-only, in the public JSON format."""

from __future__ import annotations

from django.test import Client

from strideback.core.content.library import default_library
from strideback.words.public import programme_json


def test_the_library_lists_every_programme(db: None) -> None:
    data = Client().get("/api/v1/programmes", {"lang": "de"}).json()
    assert {p["id"] for p in data} == set(default_library().programmes)
    assert all(p["language"] == "de" for p in data)


def test_a_programme_is_served_in_the_public_format(db: None) -> None:
    library = default_library()
    data = Client().get("/api/v1/programmes/leg-axis", {"lang": "nb"}).json()
    expected = programme_json(library, library.programme("leg-axis"), "nb")
    assert data == Client().get("/api/v1/programmes/leg-axis?lang=nb").json()
    assert data["id"] == expected["id"] and data["title"] == expected["title"]
    assert len(data["phases"]) == len(expected["phases"])


def test_the_language_follows_accept_language_without_lang(db: None) -> None:
    data = Client().get("/api/v1/programmes", HTTP_ACCEPT_LANGUAGE="da").json()
    assert data[0]["language"] == "da"


def test_unknown_programme_is_404_and_unknown_language_422(db: None) -> None:
    missing = Client().get("/api/v1/programmes/knitting")
    assert missing.status_code == 404
    assert missing.json()["errors"][0]["field"] == "programme_id"
    bad = Client().get("/api/v1/programmes", {"lang": "fr"})
    assert bad.status_code == 422
    assert bad.json() == {"errors": [{"field": "lang", "message": "must be one of da, en, de, nb"}]}


def test_the_openapi_schema_and_docs_are_served(db: None) -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "Strideback API"
    assert "/api/v1/journal" in schema["paths"]
    docs = Client().get("/api/v1/docs")
    assert docs.status_code == 200
    assert b"cdn" not in docs.content.lower()
    assert b'data-api-csrf="true"' in docs.content  # "Try it out" sends X-CSRFToken
