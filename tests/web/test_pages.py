"""The health check and the home page."""

from __future__ import annotations

import pytest
from django.test import Client


@pytest.mark.django_db
def test_healthz_answers_ok_after_asking_the_database(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


@pytest.mark.parametrize(
    ("accept", "lang", "heading"),
    [
        ("da-DK,da;q=0.9", "da", "Tilbage til løb"),
        ("de-DE", "de", "Zurück zum Laufen"),
        ("nb-NO,no;q=0.8", "nb", "Tilbake til løping"),
        ("no", "nb", "Tilbake til løping"),
        ("fr-FR", "en", "Back to running"),
    ],
)
@pytest.mark.django_db
def test_the_home_page_speaks_the_browsers_language(
    client: Client, accept: str, lang: str, heading: str
) -> None:
    html = client.get("/", HTTP_ACCEPT_LANGUAGE=accept).content.decode()
    assert f'<html lang="{lang}">' in html
    assert heading in html


@pytest.mark.django_db
def test_a_chosen_language_is_remembered(client: Client) -> None:
    response = client.post("/language", {"language": "de", "next": "/"})
    assert response.status_code == 302
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="da").content.decode()
    assert '<html lang="de">' in html


@pytest.mark.django_db
def test_an_unknown_language_is_refused_with_the_field_named(client: Client) -> None:
    response = client.post("/language", {"language": "fr"})
    assert response.status_code == 400
    assert response.content.decode().startswith("language: must be one of da, en, de, nb")
