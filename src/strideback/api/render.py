"""A JSON response that skips ninja's response validation, for the hot, large answers.

The endpoint still declares its response schema (for the OpenAPI document and the tests that
check answers against it); validating 200 patient rows with their evidence on every request
cost more than building them.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpResponse
from ninja.responses import NinjaJSONEncoder


def dumps(data: Any) -> str:
    return json.dumps(data, cls=NinjaJSONEncoder, ensure_ascii=False, separators=(",", ":"))


def fast_json(data: Any, status: int = 200) -> HttpResponse:
    return json_text(dumps(data), status)


def json_text(body: str, status: int = 200, *, lang: str | None = None) -> HttpResponse:
    """A response from JSON text made earlier (a kept answer, see ``training.snapshots``).
    ``lang``: the language the text is written in, sent as Content-Language."""
    response = HttpResponse(body, status=status, content_type="application/json; charset=utf-8")
    if lang is not None:
        response.headers["Content-Language"] = lang
    return response
