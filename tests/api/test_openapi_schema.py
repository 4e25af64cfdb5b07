"""The OpenAPI document describes what every operation gives back: a schema for each success
response, and a description for every field in it (nested objects too), so a client author
needs nothing but /api/v1/openapi.json."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client


@pytest.fixture(scope="module")
def document(django_db_blocker: Any) -> dict[str, Any]:
    with django_db_blocker.unblock():
        response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()  # type: ignore[no-any-return]


def _resolve(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = document["components"]["schemas"][name]
    return schema


def _undescribed(
    document: dict[str, Any], schema: dict[str, Any], where: str, seen: set[str]
) -> list[str]:
    """Every field under ``schema`` without a description, as a path."""
    ref = schema.get("$ref")
    if ref is not None:
        if ref in seen:
            return []
        seen = seen | {ref}
    schema = _resolve(document, schema)
    out: list[str] = []
    for key in ("anyOf", "oneOf", "allOf"):
        for option in schema.get(key, []):
            out += _undescribed(document, option, where, seen)
    if "items" in schema:
        out += _undescribed(document, schema["items"], f"{where}[]", seen)
    if isinstance(schema.get("additionalProperties"), dict):
        out += _undescribed(document, schema["additionalProperties"], f"{where}{{}}", seen)
    free = schema.get("type") == "object" and not schema.get("properties")
    if free and not schema.get("additionalProperties"):
        out.append(f"{where}: an object with no properties")
    for name, field in schema.get("properties", {}).items():
        if not field.get("description"):
            out.append(f"{where}.{name}")
        out += _undescribed(document, field, f"{where}.{name}", seen)
    return out


def _json_successes(document: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    found = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                if not status.startswith("2") or status == "204":
                    continue
                content = response.get("content", {})
                if content and "application/json" not in content:
                    continue  # a file (the handout PDF): described by its media type
                name = f"{method.upper()} {path} {status}"
                found.append((name, content.get("application/json", {}).get("schema", {})))
    return found


def test_every_success_response_has_a_schema(document: dict[str, Any]) -> None:
    successes = _json_successes(document)
    assert len(successes) >= 25  # every operation of the API, not a few
    missing = [name for name, schema in successes if not schema]
    assert missing == []


def test_every_field_of_every_success_response_is_described(document: dict[str, Any]) -> None:
    undescribed: list[str] = []
    for name, schema in _json_successes(document):
        resolved = _resolve(document, schema)
        if resolved.get("type") == "object" and not resolved.get("properties"):
            undescribed.append(f"{name}: an object with no properties")
        undescribed += _undescribed(document, schema, name, set())
    assert undescribed == []
