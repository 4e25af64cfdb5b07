"""Every API error is JSON naming the field and the problem:

    {"errors": [{"field": "pain.during", "message": "must be at most 10"}]}

422 for invalid input, 400 for a body that is not JSON, 401 without valid credentials, 403
when the caller may not do this, 404 for what does not exist *or is not theirs* (so an id
never tells anyone that another person's record exists), 409 for a state conflict.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from strideback.clinic.patients import ClinicError
from strideback.errors import InputError
from strideback.words.errors import ERRORS

log = logging.getLogger(__name__)

# The location prefixes ninja puts before a field: the source, then our body parameter name.
SOURCES = {"body", "query", "path", "header", "cookie", "form", "file"}
BODY_PARAM = "payload"


class ApiError(Exception):
    """Raised by an endpoint for a clean error response (status, field, message)."""

    def __init__(self, status: int, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.field = field


def body(errors: Iterable[tuple[str | None, str]]) -> dict[str, Any]:
    return {"errors": [{"field": field, "message": message} for field, message in errors]}


def field_path(loc: Sequence[Any]) -> str:
    parts = list(loc)
    if parts and parts[0] in SOURCES:
        parts = parts[1:]
    if parts and parts[0] == BODY_PARAM:
        parts = parts[1:]
    return ".".join(str(p) for p in parts) or "body"


def _bounds(ctx: Mapping[str, Any], kind: str) -> str:
    words = {"ge": "at least", "gt": "more than", "le": "at most", "lt": "less than"}
    return f"must be {words[kind]} {ctx[kind]}"


MESSAGES: dict[str, str] = {
    "missing": "is required",
    "extra_forbidden": "is not a known field",
    "int_parsing": "must be a whole number",
    "int_type": "must be a whole number",
    "int_from_float": "must be a whole number",
    "float_parsing": "must be a number",
    "float_type": "must be a number",
    "bool_parsing": "must be true or false",
    "bool_type": "must be true or false",
    "string_type": "must be text",
    "list_type": "must be a list",
    "dict_type": "must be an object",
    "model_type": "must be an object",
    "model_attributes_type": "must be an object",
    "date_parsing": "must be a date as YYYY-MM-DD",
    "date_from_datetime_parsing": "must be a date as YYYY-MM-DD",
    "date_type": "must be a date as YYYY-MM-DD",
    "json_invalid": "is not valid JSON",
}


def message(error: Mapping[str, Any]) -> str:
    kind = str(error.get("type", ""))
    ctx = error.get("ctx") or {}
    if kind in MESSAGES:
        return MESSAGES[kind]
    for bound in ("ge", "gt", "le", "lt"):
        if bound in ctx and kind.endswith(("_equal", "_than")):
            return _bounds(ctx, bound)
    if kind == "literal_error":
        return f"must be one of {ctx.get('expected', '')}".strip()
    if kind == "string_too_long":
        return f"must be at most {ctx.get('max_length')} characters"
    if kind == "string_too_short":
        return f"must be at least {ctx.get('min_length')} characters"
    if kind == "string_pattern_mismatch":
        return f"must match {ctx.get('pattern')}"
    text = str(error.get("msg", "is not valid"))
    return text.removeprefix("Value error, ")


def validation_errors(errors: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    return body((field_path(e.get("loc", ())), message(e)) for e in errors)


def install(api: NinjaAPI) -> None:
    """Replace ninja's default handlers with ours."""

    def respond(request: HttpRequest, status: int, content: dict[str, Any]) -> HttpResponse:
        return api.create_response(request, content, status=status)

    @api.exception_handler(ValidationError)
    def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return respond(request, 422, validation_errors(exc.errors))

    @api.exception_handler(HttpError)
    def _http(request: HttpRequest, exc: HttpError) -> HttpResponse:
        text = str(exc)
        if exc.status_code == 400 and text.startswith("Cannot parse request body"):
            text = "the request body is not valid JSON"
        return respond(request, exc.status_code, body([(None, text)]))

    @api.exception_handler(ApiError)
    def _api(request: HttpRequest, exc: ApiError) -> HttpResponse:
        return respond(request, exc.status, body([(exc.field, exc.message)]))

    @api.exception_handler(ClinicError)
    def _clinic(request: HttpRequest, exc: ClinicError) -> HttpResponse:
        return respond(request, 422, body([(exc.field, exc.message)]))

    @api.exception_handler(InputError)
    def _input(request: HttpRequest, exc: InputError) -> HttpResponse:
        text = str(ERRORS.get(exc.code, exc.code))
        return respond(request, 422, body([(exc.field, text)]))

    @api.exception_handler(Http404)
    def _not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
        return respond(request, 404, body([(None, "not found")]))

    api.add_exception_handler(ObjectDoesNotExist, _not_found)

    @api.exception_handler(PermissionError)
    def _forbidden(request: HttpRequest, exc: PermissionError) -> HttpResponse:
        return respond(request, 403, body([(None, str(exc) or "forbidden")]))

    @api.exception_handler(Exception)
    def _bug(request: HttpRequest, exc: Exception) -> HttpResponse:
        log.exception("API error on %s %s", request.method, request.path)
        return respond(request, 500, body([(None, "internal error; it has been logged")]))
