"""The whole OpenAPI schema, fuzzed by schemathesis: every operation with generated valid and
invalid input, as a runner (with a programme and a journal) and as that runner's clinician.
No answer may be a server error or differ from the schema it documents."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis import checks

from strideback.api.urls import api
from tests.api.conftest import World

# Bounded so the whole run stays a few minutes on two cores; raise it locally to dig deeper.
EXAMPLES = int(os.environ.get("STRIDEBACK_FUZZ_EXAMPLES", "12"))

schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1"))


class _App(WSGIHandler):
    """Django's WSGI handler inside the test's transaction: like Django's test client, it does
    not close the database connection when a request starts or ends."""

    def __call__(self, environ: Any, start_response: Any) -> Any:
        signals.request_started.disconnect(close_old_connections)
        signals.request_finished.disconnect(close_old_connections)
        try:
            return super().__call__(environ, start_response)
        finally:
            signals.request_started.connect(close_old_connections)
            signals.request_finished.connect(close_old_connections)


schema.app = _App()

# Ids that exist, so an operation is also reached past its 404: a generated id is swapped for
# the world's own one when it is even (so both kinds are tried).
REAL_IDS = {
    "runner_id": lambda w: w.a.id,
    "entry_id": lambda w: w.entry.id,
    "enrollment_id": lambda w: w.enrollment.id,
    "clinician_id": lambda w: w.clinician.id,
}


# Counted for the record (STRIDEBACK_FUZZ_REPORT=FILE writes "operations cases" there).
CASES: dict[str, int] = {}


@pytest.fixture(scope="module", autouse=True)
def _report() -> Iterator[None]:
    yield
    target = os.environ.get("STRIDEBACK_FUZZ_REPORT")
    if target:
        with open(target, "a", encoding="utf-8") as out:
            out.write(f"{len(CASES)} {sum(CASES.values())}\n")


def _actor(path: str) -> str:
    return "a_clinician" if path.startswith("/api/v1/clinician") else "runner_a"


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    database=None,
)
def test_api_answers_within_its_schema(case: Any, world: World) -> None:
    params = case.path_parameters or {}
    for name, real in REAL_IDS.items():
        value = params.get(name)
        if isinstance(value, int) and value % 2 == 0:
            params[name] = real(world)
    label = f"{case.operation.method.upper()} {case.operation.path}"
    CASES[label] = CASES.get(label, 0) + 1
    token = world.tokens[_actor(case.operation.path)]
    case.call_and_validate(
        headers={"Authorization": f"Bearer {token}", "Accept-Encoding": "identity"},
        checks=[checks.not_a_server_error, checks.response_schema_conformance],
    )


pytestmark = pytest.mark.django_db
