"""Who may do what: every API operation and every page x {anonymous, runner A, runner B, A's
clinician, another clinician}. Nobody reads or changes what is not theirs.

The operations come from /api/v1/openapi.json and the pages from the URLconf: a new endpoint
or page without a row here fails ``test_every_*_has_a_row``. Each row names the expected status
per actor; on top, two rules hold for every request by anyone but A and A's clinician:
A's private marker never appears in the response, and A's data is byte-for-byte unchanged.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.models import model_to_dict
from django.http import HttpResponse
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from strideback.accounts.models import CareLink
from strideback.api.models import ApiToken
from strideback.clinic.models import ClinicalNote
from strideback.training.models import (
    Enrollment,
    ImportedRun,
    JournalEntry,
    Profile,
    PushSubscription,
    QuestionnaireResponse,
    RedFlagClearance,
    Reminder,
    SetLoad,
)
from tests.api.conftest import ACTORS, SECRET, World, make_world, session_client, token_client
from tests.training.watchfiles import gpx, track

pytestmark = pytest.mark.django_db


TRUSTED = {"runner_a", "a_clinician"}  # who may see A's data
Expect = dict[str, int | tuple[int, ...]]


def expect(anonymous: Any, a: Any, b: Any, c: Any, d: Any) -> Expect:
    return dict(zip(ACTORS, (anonymous, a, b, c, d), strict=True))


PUBLIC = expect(200, 200, 200, 200, 200)
MINE = expect(401, 200, 200, 200, 200)  # everyone gets their own (A's stays A's)
CREATE_MINE = expect(401, 201, 201, 201, 201)
A_ONLY = expect(401, 200, 404, 404, 404)
CLINICIANS = expect(401, 403, 403, 200, 200)
A_PATIENT = expect(401, 403, 403, 200, 404)


@dataclass(frozen=True)
class Row:
    expected: Expect
    params: Callable[[World], dict[str, Any]] = lambda w: {}
    body: Callable[[World], Any] | None = None
    query: dict[str, str] = field(default_factory=dict)
    upload: Callable[[World], bytes] | None = None  # sent as the multipart field `file`


def today() -> str:
    return timezone.localdate().isoformat()


def entry_body(w: World) -> dict[str, Any]:
    return {"date": today(), "kind": "check", "pain": {"next_morning": 1}}


def watch_file() -> bytes:
    start = dt.datetime.combine(timezone.localdate(), dt.time(6, 0), tzinfo=dt.UTC)
    return gpx(track(start, 20, 2.8))


def a_id(w: World) -> dict[str, Any]:
    return {"runner_id": w.a.pk}


API: dict[str, Row] = {
    "GET /api/v1/programmes": Row(PUBLIC),
    "GET /api/v1/programmes/{programme_id}": Row(
        PUBLIC, lambda w: {"programme_id": "anterior-knee-pain"}
    ),
    "GET /api/v1/me": Row(MINE),
    "GET /api/v1/me/today": Row(MINE),
    "GET /api/v1/me/decision": Row(MINE),
    "GET /api/v1/me/plan": Row(MINE),
    "GET /api/v1/me/calendar": Row(MINE),
    "GET /api/v1/me/progress": Row(MINE),
    "GET /api/v1/me/export": Row(MINE),
    "GET /api/v1/me/export/fhir": Row(MINE),
    "GET /api/v1/me/loads": Row(MINE),
    # A follows the knee programme: the heel raise is not theirs to load (422 for everyone).
    "GET /api/v1/me/loads/next": Row(
        expect(401, 422, 422, 422, 422), query={"exercise": "single-leg-heel-raise-towel"}
    ),
    "PUT /api/v1/me/loads/{date}/{exercise}/{set_number}": Row(
        expect(401, 422, 422, 422, 422),
        lambda w: {"date": today(), "exercise": "single-leg-heel-raise-towel", "set_number": 1},
        body=lambda w: {"load_kg": 4, "reps": 10},
    ),
    "GET /api/v1/questionnaires": Row(PUBLIC),
    "GET /api/v1/questionnaires/{questionnaire_id}": Row(
        PUBLIC, lambda w: {"questionnaire_id": "kujala-akps"}
    ),
    "GET /api/v1/me/questionnaires/responses": Row(MINE),
    "GET /api/v1/me/questionnaires/due": Row(MINE),
    "GET /api/v1/me/outcomes": Row(MINE),
    "POST /api/v1/me/questionnaires/{questionnaire_id}/responses": Row(
        CREATE_MINE,
        lambda w: {"questionnaire_id": "groc"},
        body=lambda w: {"answers": {"change": "better-3"}},
    ),
    "POST /api/v1/me/morning": Row(MINE, body=lambda w: {"pain": 1}),
    "POST /api/v1/me/programmes": Row(
        CREATE_MINE, body=lambda w: {"programme_ids": ["leg-axis"], "start": today()}
    ),
    "DELETE /api/v1/me/programmes/{enrollment_id}": Row(
        A_ONLY, lambda w: {"enrollment_id": w.enrollment.pk}
    ),
    "POST /api/v1/me/red-flag-check": Row(MINE, body=lambda w: {"red_flags": []}),
    "GET /api/v1/me/reminders": Row(MINE),
    "PUT /api/v1/me/reminders": Row(
        MINE, body=lambda w: {"enabled": True, "time": "07:30", "channels": ["email"]}
    ),
    "POST /api/v1/me/reminders/push-subscriptions": Row(
        CREATE_MINE,
        body=lambda w: {
            "endpoint": "https://push.example.org/x",
            "keys": {"p256dh": "B" * 87, "auth": "a" * 22},
        },
    ),
    "DELETE /api/v1/me/clinicians/{clinician_id}": Row(
        expect(401, 204, 404, 403, 403), lambda w: {"clinician_id": w.clinician.pk}
    ),
    "POST /api/v1/journal": Row(CREATE_MINE, body=entry_body),
    "GET /api/v1/journal": Row(MINE),
    "POST /api/v1/journal/import": Row(CREATE_MINE, upload=lambda w: watch_file()),
    "GET /api/v1/journal/{entry_id}": Row(A_ONLY, lambda w: {"entry_id": w.entry.pk}),
    "PUT /api/v1/journal/{entry_id}": Row(
        A_ONLY, lambda w: {"entry_id": w.entry.pk}, body=entry_body
    ),
    "GET /api/v1/clinician/patients": Row(CLINICIANS),
    "GET /api/v1/clinician/flags": Row(CLINICIANS),
    "GET /api/v1/clinician/patients/{runner_id}": Row(A_PATIENT, a_id),
    "DELETE /api/v1/clinician/patients/{runner_id}": Row(expect(401, 403, 403, 204, 404), a_id),
    "POST /api/v1/clinician/patients/{runner_id}/notes": Row(
        expect(401, 403, 403, 201, 404), a_id, body=lambda w: {"text": "knee better"}
    ),
    "GET /api/v1/clinician/patients/{runner_id}/notes": Row(A_PATIENT, a_id),
    "POST /api/v1/clinician/patients/{runner_id}/prescriptions": Row(
        expect(401, 403, 403, 201, 404),
        a_id,
        body=lambda w: {"programme_id": "medial-knee-pain", "start": today()},
    ),
    "PATCH /api/v1/clinician/patients/{runner_id}/prescription": Row(
        A_PATIENT, a_id, body=lambda w: {"note": "gently"}
    ),
    "POST /api/v1/clinician/patients/{runner_id}/clearances": Row(
        expect(401, 403, 403, 201, 404), a_id, body=lambda w: {"note": "seen"}
    ),
    "GET /api/v1/clinician/patients/{runner_id}/handout.pdf": Row(A_PATIENT, a_id),
    "GET /api/v1/clinician/patients/{runner_id}/export/fhir": Row(A_PATIENT, a_id),
    "GET /api/v1/clinician/patients/{runner_id}/outcomes": Row(A_PATIENT, a_id),
    "PUT /api/v1/clinician/patients/{runner_id}/questionnaires": Row(
        A_PATIENT, a_id, body=lambda w: {"add": ["groc"]}
    ),
    "GET /api/v1/clinician/programmes/{programme_id}/handout.pdf": Row(
        CLINICIANS, lambda w: {"programme_id": "plantar-heel-pain"}, query={"lang": "da"}
    ),
    "POST /api/v1/clinician/invites": Row(
        expect(401, 403, 403, 201, 201), body=lambda w: {"email": "new@example.org"}
    ),
    "GET /api/v1/tokens": Row(MINE),
    "POST /api/v1/tokens": Row(CREATE_MINE, body=lambda w: {"name": "matrix"}),
    "DELETE /api/v1/tokens/{token_id}": Row(
        expect(401, 204, 404, 404, 404),
        lambda w: {"token_id": ApiToken.objects.get(user=w.a).pk},
    ),
}
# A token cannot mint another token (only a logged-in session can).
TOKEN_MODE: dict[str, Expect] = {"POST /api/v1/tokens": expect(401, 403, 403, 403, 403)}


# --- the two rules that hold everywhere ---------------------------------------------------


def fingerprint(w: World) -> str:
    """Everything of A's (and A's clinician's tokens), as one comparable string."""
    parts: list[Any] = [model_to_dict(w.a, exclude=["last_login", "user_permissions", "groups"])]
    for model, lookup in [
        (JournalEntry, {"user": w.a}),
        (ImportedRun, {"user": w.a}),
        (QuestionnaireResponse, {"user": w.a}),
        (SetLoad, {"user": w.a}),
        (Enrollment, {"user": w.a}),
        (RedFlagClearance, {"user": w.a}),
        (Profile, {"user": w.a}),
        (PushSubscription, {"user": w.a}),
        (Reminder, {"user": w.a}),
        (CareLink, {"runner": w.a}),
        (ClinicalNote, {"runner": w.a}),
        (ApiToken, {"user__in": [w.a, w.clinician]}),
    ]:
        rows = model.objects.filter(**lookup).order_by("pk")
        parts.append([model_to_dict(r) for r in rows])
    for token in ApiToken.objects.filter(user__in=[w.a, w.clinician]):
        parts.append((token.pk, token.revoked_at))
    return json.dumps(parts, default=str, sort_keys=True)


def check_rules(w: World, actor: str, response: HttpResponse, before: str) -> None:
    if actor in TRUSTED:
        return
    assert response.status_code < 500
    content = b"" if response.streaming else response.content
    if not response.get("Content-Type", "").startswith("application/pdf"):
        assert SECRET.encode() not in content, f"{actor} saw A's data"
    assert fingerprint(w) == before, f"{actor} changed A's data"


def client_for(w: World, actor: str, mode: str) -> Client:
    user = w.actor(actor)
    if mode == "token":
        return token_client(w.tokens.get(actor))
    return session_client(user)


def send(
    client: Client, method: str, url: str, body: Any, query: dict[str, str], upload: bytes | None
) -> HttpResponse:
    if upload is not None:
        return client.post(url, {"file": SimpleUploadedFile("run.gpx", upload)})
    if method == "GET":
        return client.get(url, query)
    data = json.dumps(body) if body is not None else ""
    return client.generic(method, url, data, content_type="application/json")


# --- the API ------------------------------------------------------------------------------


def schema_operations() -> set[str]:
    schema = Client().get("/api/v1/openapi.json", HTTP_HOST="localhost").json()
    return {f"{m.upper()} {p}" for p, ops in schema["paths"].items() for m in ops}


def test_every_api_operation_has_a_row() -> None:
    operations = schema_operations()
    assert operations - API.keys() == set(), "add a row to API for each new endpoint"
    assert API.keys() - operations == set(), "a row names an endpoint that no longer exists"


@pytest.mark.parametrize("mode", ["session", "token"])
@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("operation", sorted(API))
def test_api(operation: str, actor: str, mode: str) -> None:
    w = make_world()
    row = API[operation]
    method, path = operation.split(" ", 1)
    url = path.format(**row.params(w))
    body = row.body(w) if row.body else None
    before = fingerprint(w)
    upload = row.upload(w) if row.upload else None
    response = send(client_for(w, actor, mode), method, url, body, row.query, upload)
    want = TOKEN_MODE.get(operation, row.expected) if mode == "token" else row.expected
    assert response.status_code == want[actor], response.content[:300]
    if response.status_code >= 400:
        assert response.json()["errors"][0]["message"]
    check_rules(w, actor, response, before)


# --- the pages ----------------------------------------------------------------------------

SKIP_PREFIXES = ("api/v1/", "admin/")  # the API has its own matrix; admin is Django's, staff only


def page_routes(patterns: list[Any] | None = None, prefix: str = "") -> Iterator[str]:
    for p in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(p, URLResolver):
            yield from page_routes(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern)


ANON_REFUSED = "refused"  # 401/403, or a redirect to the login page
OK = "ok"  # served: 2xx or a redirect that is not to the login page


@dataclass(frozen=True)
class Page:
    expected: dict[str, Any]
    params: Callable[[World], dict[str, Any]] = lambda w: {}
    post: dict[str, Any] | None = None  # also POST this form (state-changing pages)


def page(anonymous: Any, a: Any, b: Any, c: Any, d: Any) -> dict[str, Any]:
    return dict(zip(ACTORS, (anonymous, a, b, c, d), strict=True))


ANYONE = page(OK, OK, OK, OK, OK)
# Anyone may ask; what they get back is their own (4xx for a bad token or form is fine too).
ANYONE_ANY = page("any", "any", "any", "any", "any")
RUNNER = page(ANON_REFUSED, OK, OK, "any", "any")
CLINIC = page(ANON_REFUSED, 403, 403, OK, OK)
PATIENT = page(ANON_REFUSED, 403, 403, OK, 404)
PATIENT_FORM = page(ANON_REFUSED, 403, 403, "any", 404)


def runner(w: World) -> dict[str, Any]:
    return {"runner_id": w.a.pk}


PAGES: dict[str, Page] = {
    "healthz": Page(ANYONE),
    "language": Page(ANYONE_ANY, post={"language": "de", "next": "/"}),
    "": Page(ANYONE),
    "manifest.webmanifest": Page(ANYONE),
    "sw.js": Page(ANYONE),
    "signup/": Page(ANYONE),
    "login/": Page(ANYONE),
    "logout/": Page(ANYONE_ANY, post={}),
    "password-reset/": Page(ANYONE),
    "password-reset/<str:uidb64>/<str:token>/": Page(
        ANYONE_ANY, lambda w: {"uidb64": "MQ", "token": "nope"}
    ),
    "invite/<str:token>": Page(ANYONE_ANY, lambda w: {"token": "not-a-token"}),
    "invite/<str:token>/": Page(ANYONE_ANY, lambda w: {"token": "not-a-token"}),
    "play/log": Page(page(ANON_REFUSED, "any", "any", "any", "any"), post={}),
    "play/offline/": Page(ANYONE_ANY),
    # Exercise figures are library content, public like the programmes.
    "exercises/<slug:exercise_id>/figure.svg": Page(
        ANYONE, lambda w: {"exercise_id": "mini-squat-band"}
    ),
    "exercises/": Page(ANYONE),
    "programmes/<slug:programme_id>/": Page(ANYONE, lambda w: {"programme_id": "leg-axis"}),
    "exercises/<slug:exercise_id>/": Page(ANYONE, lambda w: {"exercise_id": "mini-squat-band"}),
    "play/<str:day>/<str:kind>/": Page(RUNNER, lambda w: {"day": today(), "kind": "strength"}),
    "today/": Page(RUNNER),
    "today/morning/": Page(RUNNER, post={"pain": "1"}),
    "calendar/": Page(RUNNER),
    "calendar/download.ics": Page(RUNNER),
    # The subscription URL's token is the credential: a wrong one shows nobody anything.
    "calendar/<str:token>.ics": Page(page(404, 404, 404, 404, 404), lambda w: {"token": "nope"}),
    "calendar/reset-link/": Page(page(ANON_REFUSED, "any", "any", "any", "any"), post={}),
    "progress/": Page(RUNNER),
    "runs/": Page(RUNNER),
    # The share sheet's post carries no CSRF token; another site's is refused by Sec-Fetch-Site.
    "runs/share/": Page(page(ANON_REFUSED, "any", "any", "any", "any"), post={}),
    # A runner corrects only their own entry: another runner's is not there for them.
    "journal/<id:entry_id>/edit/": Page(
        page(ANON_REFUSED, OK, 404, "any", "any"), lambda w: {"entry_id": w.entry.pk}
    ),
    "questionnaires/<slug:questionnaire_id>/": Page(
        RUNNER, lambda w: {"questionnaire_id": "groc"}, post={"change": "better-3"}
    ),
    "start/": Page(RUNNER),
    "start/safety/": Page(RUNNER),
    "start/stop/": Page(RUNNER),
    "start/goal/": Page(RUNNER),
    "start/programmes/": Page(RUNNER),
    "start/reminders/": Page(RUNNER, post={"enabled": "on", "time": "18:00", "channels": "email"}),
    "settings/": Page(RUNNER),
    "settings/name/": Page(page(ANON_REFUSED, "any", "any", "any", "any"), post={"name": "A"}),
    "settings/my-data.json": Page(RUNNER),
    "settings/my-journal.csv": Page(RUNNER),
    "settings/delete/": Page(
        page(ANON_REFUSED, "any", "any", "any", "any"), post={"confirm": "a@example.org"}
    ),
    "settings/programmes/<id:enrollment_id>/stop/": Page(
        page(ANON_REFUSED, "any", "any", "any", "any"),
        lambda w: {"enrollment_id": w.enrollment.pk},
        post={},
    ),
    "settings/programmes/<id:enrollment_id>/earlier/": Page(
        page(ANON_REFUSED, "any", "any", "any", "any"),
        lambda w: {"enrollment_id": w.enrollment.pk},
        post={"earlier": "yes"},
    ),
    "settings/clinicians/<id:clinician_id>/stop/": Page(
        page(ANON_REFUSED, "any", "any", "any", "any"),
        lambda w: {"clinician_id": w.clinician.pk},
        post={},
    ),
    "settings/tokens": Page(RUNNER, post={"name": "page matrix"}),
    "settings/physio/": Page(
        page(ANON_REFUSED, "any", "any", "any", "any"), post={"email": "physio@example.org"}
    ),
    # A runner's invitation link: only a verified clinician gets past the login; a wrong
    # token shows nothing.
    "clinic/join/<str:token>/": Page(
        page(ANON_REFUSED, 403, 403, 404, 404), lambda w: {"token": "forged"}, post={}
    ),
    # Signing up through an invitation is off by default (PHYSIO_SIGNUP): nothing there.
    "clinic/join/<str:token>/signup/": Page(
        page(404, 404, 404, 404, 404), lambda w: {"token": "forged"}, post={}
    ),
    "settings/reminders/": Page(
        RUNNER, post={"enabled": "on", "time": "07:30", "channels": "email"}
    ),
    # The signed token is the credential: a forged one shows and changes nobody anything.
    "reminders/stop/<str:token>/": Page(
        page(404, 404, 404, 404, 404), lambda w: {"token": "forged"}, post={}
    ),
    "reminders/keep/<str:token>/": Page(
        page(404, 404, 404, 404, 404), lambda w: {"token": "forged"}, post={}
    ),
    "settings/tokens/<id:token_id>/revoke": Page(
        page(ANON_REFUSED, "any", "any", "any", "any"),
        lambda w: {"token_id": ApiToken.objects.get(user=w.a).pk},
        post={},
    ),
    "clinic/": Page(CLINIC),
    "clinic/2fa/": Page(page(ANON_REFUSED, 403, 403, "any", "any")),
    "clinic/verify/": Page(page(ANON_REFUSED, 403, 403, "any", "any")),
    "clinic/invite/": Page(page(ANON_REFUSED, 403, 403, "any", "any"), post={"email": "x@y.org"}),
    "clinic/profile/": Page(CLINIC),
    "clinic/library/": Page(CLINIC),
    "clinic/library/<slug:programme_id>/handout.pdf": Page(
        CLINIC, lambda w: {"programme_id": "leg-axis"}
    ),
    "clinic/patients/<id:runner_id>/": Page(PATIENT, runner),
    "clinic/patients/<id:runner_id>/prescribe": Page(
        PATIENT_FORM, runner, post={"programme": "medial-knee-pain", "start": "2026-01-01"}
    ),
    "clinic/patients/<id:runner_id>/adjust": Page(PATIENT_FORM, runner, post={"note": "x"}),
    "clinic/patients/<id:runner_id>/notes": Page(PATIENT_FORM, runner, post={"text": "x"}),
    "clinic/patients/<id:runner_id>/rule-set": Page(
        PATIENT_FORM, runner, post={"rule_set": "trek"}
    ),
    "clinic/patients/<id:runner_id>/questionnaires": Page(
        PATIENT_FORM, runner, post={"asked": ["groc"]}
    ),
    "clinic/patients/<id:runner_id>/clear-red-flag": Page(
        PATIENT_FORM, runner, post={"note": "seen"}
    ),
    "clinic/patients/<id:runner_id>/stop": Page(PATIENT_FORM, runner, post={}),
    "clinic/patients/<id:runner_id>/handout.pdf": Page(PATIENT, runner),
    "clinic/patients/<id:runner_id>/timeline/": Page(PATIENT, runner),
}


def fill(route: str, params: dict[str, Any]) -> str:
    url = route
    for name, value in params.items():
        for converter in ("", "int:", "id:", "str:", "slug:", "path:"):
            url = url.replace(f"<{converter}{name}>", str(value))
    return "/" + url


def judge(response: HttpResponse, want: Any) -> bool:
    status = response.status_code
    if want == "any":
        return status < 500
    to_login = status == 302 and response["Location"].startswith("/login/")
    if want == ANON_REFUSED:
        return status in (401, 403) or to_login
    if want == OK:
        return (200 <= status < 300 or status in (301, 302, 303)) and not to_login
    return status == want


def test_every_page_has_a_row() -> None:
    routes = {r for r in page_routes() if not r.startswith(SKIP_PREFIXES)}
    assert routes - PAGES.keys() == set(), "add a row to PAGES for each new page"


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("route", sorted(PAGES))
def test_page(route: str, actor: str) -> None:
    if route not in set(page_routes()):
        pytest.skip(f"/{route} is not mounted yet")
    w = make_world()
    row = PAGES[route]
    url = fill(route, row.params(w))
    want = row.expected[actor]
    before = fingerprint(w)
    response = session_client(w.actor(actor)).get(url)
    if response.status_code != 405:
        assert judge(response, want), f"GET {url} as {actor}: {response.status_code}"
    check_rules(w, actor, response, before)
    if row.post is not None:
        response = session_client(w.actor(actor)).post(url, row.post)
        assert judge(response, want), f"POST {url} as {actor}: {response.status_code}"
        check_rules(w, actor, response, before)


def test_a_stopped_care_link_ends_the_clinicians_access() -> None:
    w = make_world()
    CareLink.objects.filter(runner=w.a).update(status="stopped", stopped_at=timezone.now())
    client = session_client(w.clinician)
    assert client.get(f"/api/v1/clinician/patients/{w.a.pk}").status_code == 404
    assert client.get(f"/clinic/patients/{w.a.pk}/").status_code == 404
    assert SECRET not in client.get("/api/v1/clinician/patients").content.decode()


def test_the_world_is_what_the_matrix_assumes() -> None:
    w = make_world()
    assert JournalEntry.objects.filter(user=w.a, note=SECRET).count() == 1
    assert w.entry.date == timezone.localdate()
    assert timezone.now() - w.entry.created_at < dt.timedelta(minutes=1)
