"""Bad input is a 4xx naming the field, never a 500 — checked with generated bodies too."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strideback.api.errors import field_path, message
from tests.api.conftest import World

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)
FIELDS = st.fixed_dictionaries(
    {},
    optional={
        "date": st.one_of(st.text(max_size=12), st.just("2026-03-02"), st.integers()),
        "kind": st.one_of(st.sampled_from(["strength", "run", "check"]), st.text(max_size=8)),
        "pain": st.one_of(
            JSON, st.fixed_dictionaries({}, optional={"during": st.integers(-5, 15)})
        ),
        "sets_done": st.one_of(st.integers(-3, 200), st.text(max_size=3)),
        "run_minutes": st.one_of(st.floats(allow_nan=False), st.none()),
        "red_flags": st.one_of(st.lists(st.text(max_size=10), max_size=3), JSON),
        "idempotency_key": st.one_of(st.text(max_size=70), st.none()),
        "note": st.text(max_size=50),
    },
)
BAD_STATUS = (200, 201, 400, 409, 422)  # 409: a key reused for a different entry


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=st.one_of(JSON, FIELDS))
def test_any_json_body_gets_an_answer_never_a_500(world: World, as_token, body: object) -> None:
    response = as_token("runner_b").post(
        "/api/v1/journal", json.dumps(body), content_type="application/json"
    )
    assert response.status_code in BAD_STATUS, response.content[:300]
    if response.status_code >= 400:
        for error in response.json()["errors"]:
            assert error["message"]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(raw=st.binary(max_size=40))
def test_any_bytes_as_a_body_get_an_answer(world: World, as_token, raw: bytes) -> None:
    response = as_token("runner_b").post("/api/v1/journal", raw, content_type="application/json")
    assert response.status_code in BAD_STATUS


def test_an_unexpected_error_is_a_json_500_without_details(
    world: World, as_token, monkeypatch: pytest.MonkeyPatch
) -> None:
    from strideback.training import today as today_module

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(today_module, "today", broken)
    response = as_token("runner_a").get("/api/v1/me/today")
    assert response.status_code == 500
    assert b"secret internals" not in response.content
    assert response.json()["errors"][0]["message"].startswith("internal error")


@pytest.mark.parametrize(
    ("loc", "path"),
    [
        (("body", "payload", "pain", "during"), "pain.during"),
        (("query", "limit"), "limit"),
        (("path", "entry_id"), "entry_id"),
        (("body", "payload", "red_flags", 2), "red_flags.2"),
        (("body", "payload"), "body"),
    ],
)
def test_field_paths_drop_the_source_and_parameter_name(loc: tuple, path: str) -> None:
    assert field_path(loc) == path


def test_messages_say_what_is_wrong_in_plain_words() -> None:
    assert message({"type": "less_than_equal", "ctx": {"le": 10}}) == "must be at most 10"
    assert message({"type": "greater_than", "ctx": {"gt": 0}}) == "must be more than 0"
    assert message({"type": "missing"}) == "is required"
    assert message({"type": "value_error", "msg": "Value error, no good"}) == "no good"
