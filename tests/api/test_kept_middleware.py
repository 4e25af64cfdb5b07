"""The kept-answers middleware (``api.kept``) answers the most-read GETs for a bearer token
before the rest of the stack. It must give exactly what the full stack gives, to the same
people, and leave everything else (every refusal, every odd request) to the full stack."""

from __future__ import annotations

import gzip
import json
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from strideback.api import kept
from strideback.api.models import ApiToken
from strideback.api.render import dumps
from strideback.api.routers.me import plain
from strideback.api.tokens import revoke_token
from strideback.training import today
from strideback.training.journal import log_entry
from strideback.training.schemas import EntryIn
from tests.api.conftest import ACTORS, World, token_client

TODAY = "/api/v1/me/today"
PATIENTS = "/api/v1/clinician/patients"
FLAGS = "/api/v1/clinician/flags"
FULL_STACK = [m for m in settings.MIDDLEWARE if m != "strideback.api.kept.KeptAnswersMiddleware"]


class Answered:
    """Records whether the middleware answered (rather than passing the request on)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.results: list[bool] = []
        original = kept.kept_answer

        def spy(request: Any) -> Any:
            answer = original(request)
            self.results.append(answer is not None)
            return answer

        monkeypatch.setattr(kept, "kept_answer", spy)

    def last(self) -> bool:
        assert self.results, "the request did not reach the middleware"
        return self.results[-1]


def body_of(response: Any) -> bytes:
    content = response.content
    if response.headers.get("Content-Encoding") == "gzip":
        content = gzip.decompress(content)
    return content  # type: ignore[no-any-return]


def comparable(response: Any) -> tuple[int, dict[str, str], bytes]:
    headers = dict(response.headers.items())
    if headers.get("Content-Encoding") == "gzip":
        headers.pop("Content-Length")  # the gzip header's random filler differs per response
    return response.status_code, headers, body_of(response)


def both(client: Client, path: str, **extra: Any) -> tuple[Any, Any]:
    fast = client.get(path, **extra)
    with override_settings(MIDDLEWARE=FULL_STACK):
        full = client.get(path, **extra)
    return fast, full


# (actor, path, query, headers): what apps send
PLAIN_READS = [
    ("runner_a", TODAY, "", {}),
    ("runner_a", TODAY, "?lang=de", {}),
    ("runner_a", TODAY, "?lang=nb", {"HTTP_ACCEPT_ENCODING": "gzip, deflate"}),
    ("runner_a", TODAY, "?lang=", {"HTTP_ACCEPT_LANGUAGE": "da"}),
    ("runner_b", TODAY, "", {"HTTP_ACCEPT_ENCODING": "gzip"}),
    ("a_clinician", TODAY, "", {}),
    ("a_clinician", PATIENTS, "", {}),
    ("a_clinician", PATIENTS, "?sort=-name", {"HTTP_ACCEPT_LANGUAGE": "de-DE,de;q=0.9"}),
    ("a_clinician", PATIENTS, "?sort=pain", {"HTTP_ACCEPT_ENCODING": "gzip"}),
    ("a_clinician", FLAGS, "", {}),
    ("other_clinician", PATIENTS, "", {}),
    ("other_clinician", FLAGS, "", {"HTTP_ACCEPT_ENCODING": "gzip"}),
]


@pytest.mark.parametrize(("actor", "path", "query", "extra"), PLAIN_READS)
def test_the_kept_answer_is_the_full_stacks_answer(
    world: World, monkeypatch: pytest.MonkeyPatch, actor: str, path: str, query: str, extra: Any
) -> None:
    answered = Answered(monkeypatch)
    fast, full = both(token_client(world.tokens[actor]), path + query, **extra)
    assert answered.last(), "the middleware should have answered this plain read"
    assert fast.status_code == 200
    assert comparable(fast) == comparable(full)


def test_the_kept_answers_are_each_callers_own(world: World) -> None:
    a = token_client(world.tokens["runner_a"]).get(TODAY).json()
    b = token_client(world.tokens["runner_b"]).get(TODAY).json()
    assert a != b
    assert "anterior-knee-pain" in json.dumps(a)  # A's programme
    assert "anterior-knee-pain" not in json.dumps(b)  # B follows nothing
    mine = token_client(world.tokens["a_clinician"]).get(PATIENTS).json()
    others = token_client(world.tokens["other_clinician"]).get(PATIENTS).json()
    assert [row["runner_id"] for row in mine] == [world.a.pk]
    assert others == []


def test_today_says_the_language_it_is_written_in(world: World) -> None:
    world.a.language = "da"
    world.a.save()
    client = token_client(world.tokens["runner_a"])
    assert client.get(TODAY).headers["Content-Language"] == "da"
    assert client.get(TODAY, {"lang": "de"}).headers["Content-Language"] == "de"
    with override_settings(MIDDLEWARE=FULL_STACK):
        assert client.get(TODAY).headers["Content-Language"] == "da"


# (actor or a token, path, extra headers, the status the full stack gives)
REFUSED = [
    (None, TODAY, {}, 401),
    ("sb_not-a-token", TODAY, {}, 401),
    ("runner_a", PATIENTS, {}, 403),
    ("runner_b", FLAGS, {}, 403),
    ("runner_a", TODAY + "?lang=xx", {}, 422),
    ("runner_a", TODAY + "?lang=de&lang=da", {}, 200),
    ("a_clinician", PATIENTS + "?sort=shoe-size", {}, 422),
    ("a_clinician", PATIENTS + "?sort=name&page=2", {}, 200),
    ("a_clinician", FLAGS + "?sort=name", {}, 200),
    ("runner_a", TODAY, {"HTTP_COOKIE": "strideback_lang=de"}, 200),
    ("runner_a", TODAY, {"HTTP_HOST": "evil.example"}, 400),
    ("runner_a", TODAY + "/", {}, 404),
]


@pytest.mark.parametrize(("who", "path", "extra", "status"), REFUSED)
def test_anything_but_a_plain_read_goes_to_the_full_stack(
    world: World,
    monkeypatch: pytest.MonkeyPatch,
    who: str | None,
    path: str,
    extra: Any,
    status: int,
) -> None:
    secret = world.tokens.get(who, who) if who else None
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}") if secret else Client()
    answered = Answered(monkeypatch)
    fast, full = both(client, path, **extra)
    assert answered.results and not any(answered.results)
    assert fast.status_code == full.status_code == status
    assert comparable(fast) == comparable(full)


def test_a_clinician_without_a_confirmed_device_is_refused(world: World) -> None:
    world.clinician.totpdevice_set.update(confirmed=False)
    response = token_client(world.tokens["a_clinician"]).get(PATIENTS)
    assert response.status_code == 403
    assert "authenticator" in json.dumps(response.json())


def test_a_revoked_token_and_a_deactivated_user_are_refused_at_once(world: World) -> None:
    client = token_client(world.tokens["runner_a"])
    assert client.get(TODAY).status_code == 200
    token = ApiToken.objects.get(user=world.a)
    revoke_token(world.a, token.pk)
    assert client.get(TODAY).status_code == 401
    clinician = token_client(world.tokens["a_clinician"])
    assert clinician.get(PATIENTS).status_code == 200
    world.clinician.is_active = False
    world.clinician.save()
    assert clinician.get(PATIENTS).status_code == 401


def test_a_logged_entry_shows_in_the_next_kept_answer(world: World) -> None:
    client = token_client(world.tokens["runner_a"])
    before = client.get(TODAY).json()
    log_entry(
        world.a,  # type: ignore[arg-type]
        EntryIn(date=world.entry.date, kind="run", pain={"during": 8}, note="sharp pain"),
    )
    after = client.get(TODAY).json()
    assert after != before
    with override_settings(MIDDLEWARE=FULL_STACK):
        assert client.get(TODAY).json() == after


def test_a_clinicians_list_and_user_cost_one_query_each_once_kept(world: World) -> None:
    client = token_client(world.tokens["a_clinician"])
    client.get(PATIENTS)  # keeps the rows and makes the clinician's snapshot row
    client.get(PATIENTS)  # this process now knows the clinician
    with CaptureQueriesContext(connection) as queries:
        assert client.get(PATIENTS).status_code == 200
    assert len(queries) == 2, [q["sql"] for q in queries]  # the token, the list's stamps


def test_a_kept_answer_is_compressed_once(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    compressions = []
    original = gzip.compress

    def counted(data: bytes, *args: Any, **kwargs: Any) -> bytes:
        compressions.append(len(data))
        return original(data, *args, **kwargs)

    monkeypatch.setattr(gzip, "compress", counted)
    client = token_client(world.tokens["runner_a"])
    answers = [client.get(TODAY, HTTP_ACCEPT_ENCODING="gzip") for _ in range(5)]
    assert len(compressions) == 1
    plain = client.get(TODAY).content
    for answer in answers:
        assert answer.headers["Content-Encoding"] == "gzip"
        assert answer.headers["Vary"].endswith("Accept-Encoding")
        assert gzip.decompress(answer.content) == plain
        assert int(answer.headers["Content-Length"]) == len(answer.content)
    # Each response gets its own random filler (Django's BREACH mitigation): 5 alike is 1 in 10^8.
    assert len({len(a.content) for a in answers}) > 1


@pytest.mark.parametrize("actor", ACTORS[1:])
def test_each_callers_today_is_computed_from_their_own_data(world: World, actor: str) -> None:
    user = world.actor(actor)
    on = timezone.localdate()
    fresh = json.loads(dumps(plain(today.today(user, on, "en"))))  # type: ignore[arg-type]
    assert token_client(world.tokens[actor]).get(TODAY).json() == fresh


def test_the_remembered_compressions_stay_within_their_bounds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from django.http import HttpResponse
    from django.test import RequestFactory

    from strideback.web.middleware import GZipMiddleware

    monkeypatch.setattr(GZipMiddleware, "REMEMBER", 3)
    monkeypatch.setattr(GZipMiddleware, "REMEMBER_BYTES", 10_000)
    bodies = [json.dumps({"runner": i, "text": "x" * (1000 + i)}) for i in range(6)]
    current: list[str] = []

    def answer(request: Any) -> HttpResponse:
        response = HttpResponse(current[0], content_type="application/json")
        response.kept_answer = True  # type: ignore[attr-defined]
        return response

    middleware = GZipMiddleware(answer)
    request = RequestFactory().get("/", HTTP_ACCEPT_ENCODING="gzip")
    for body in bodies:
        current[:] = [body]
        response = middleware(request)
        assert gzip.decompress(response.content) == body.encode()
    assert len(middleware.remembered) == 3  # the newest three
    assert list(middleware.remembered) == [b.encode() for b in bodies[-3:]]
    monkeypatch.setattr(GZipMiddleware, "REMEMBER_BYTES", 2_500)
    current[:] = [bodies[0]]
    middleware(request)
    assert list(middleware.remembered) == [bodies[5].encode(), bodies[0].encode()]
    assert middleware.remembered_bytes == len(bodies[5]) + len(bodies[0]) <= 2_500
