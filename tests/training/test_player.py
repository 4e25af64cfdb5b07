"""The player page, its session payload and the JSON log endpoint."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client

from strideback.accounts.models import User
from strideback.training.models import Enrollment, JournalEntry
from strideback.training.player import planned_session, session_payload

START = dt.date(2026, 3, 2)


def runner(email: str = "runner@example.com", language: str = "en") -> User:
    return User.objects.create_user(email, "pw-123456789", language=language)


def enrol(user: User, programme: str = "anterior-knee-pain", start: dt.date = START) -> Enrollment:
    return Enrollment.objects.create(user=user, programme_id=programme, start=start)


def logged_in(user: User) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def post_entry(client: Client, body: Any, url: str = "/play/log") -> Any:
    client.get("/play/2026-03-02/strength/")  # sets the CSRF cookie, as the page does
    token = client.cookies["csrftoken"].value
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post(url, data=data, content_type="application/json", HTTP_X_CSRFTOKEN=token)


def entry(**overrides: Any) -> dict[str, Any]:
    body = {
        "date": "2026-03-02",
        "kind": "strength",
        "sets_done": 18,
        "pain": {"during": 1, "after": 0},
        "swelling": False,
        "note": "",
        "idempotency_key": "a1b2c3d4e5f6a7b8",
    }
    return body | overrides


@pytest.mark.django_db
def test_the_strength_payload_is_the_engines_session_of_the_day() -> None:
    user = runner()
    enrol(user)
    first = planned_session(user, START, "strength", "en")
    assert first is not None and first["phase"] == 1 and first["week"] == 1
    item = first["items"][0]
    assert item["dose"]["tempo_seconds"] == [3, 2, 3]
    assert item["dose"]["sets"] == 3 and item["dose"]["reps"] == 10
    assert item["steps"] and item["name"]
    assert planned_session(user, START + dt.timedelta(days=1), "strength", "en") is None


@pytest.mark.django_db
def test_the_run_payload_gives_the_weeks_next_session() -> None:
    user = runner()
    plan = enrol(user, "return-to-run-5k")
    session = planned_session(user, START, "run", "en")
    assert session is not None
    assert (session["run_week"], session["run_day"]) == (1, 1)
    walk, run = session["segments"][:2]
    assert (walk["kind"], walk["minutes"], run["kind"], run["minutes"]) == ("walk", 5, "run", 1)
    JournalEntry.objects.create(
        user=user, enrollment=plan, date=START, kind="run", run_week=1, run_day=1
    )
    again = planned_session(user, START + dt.timedelta(days=2), "run", "en")
    assert again is not None and again["run_day"] == 2


@pytest.mark.django_db
def test_nothing_is_planned_before_the_start_or_without_an_enrollment() -> None:
    user = runner()
    assert planned_session(user, START, "strength", "en") is None
    enrol(user)
    assert planned_session(user, START - dt.timedelta(days=1), "strength", "en") is None
    assert planned_session(user, START, "run", "en") is None


@pytest.mark.django_db
def test_the_payload_speaks_the_runners_language_and_carries_the_pain_band() -> None:
    user = runner(language="da")
    enrol(user)
    payload = session_payload(user, START, "strength", "da")
    assert payload is not None
    assert payload["speech_lang"] == "da-DK"
    assert payload["pain"] == {"limit": 0, "high": 5}  # strength work is pain-free
    assert payload["log_url"] == "/play/log?programme=anterior-knee-pain"


@pytest.mark.django_db
def test_the_player_page_needs_a_login() -> None:
    response = Client().get("/play/2026-03-02/strength/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]


@pytest.mark.django_db
def test_the_player_page_embeds_the_session_and_its_texts() -> None:
    user = runner()
    enrol(user)
    response = logged_in(user).get("/play/2026-03-02/strength/", HTTP_ACCEPT_LANGUAGE="de")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="session"' in html and 'id="player-texts"' in html
    assert "Seite wechseln" in html  # the spoken cues travel with the page
    assert 'rel="manifest"' in html
    assert "csrftoken" in response.cookies


@pytest.mark.django_db
def test_the_player_says_so_when_nothing_is_planned() -> None:
    user = runner()
    html = logged_in(user).get("/play/2026-03-02/run/").content.decode()
    assert "Nothing like this is planned" in html


@pytest.mark.parametrize("path", ["/play/2026-13-02/strength/", "/play/2026-03-02/swim/"])
@pytest.mark.django_db
def test_a_bad_date_or_kind_is_not_found(path: str) -> None:
    assert logged_in(runner()).get(path).status_code == 404


@pytest.mark.django_db
def test_logging_a_session_stores_it_once_per_key() -> None:
    user = runner()
    enrollment = enrol(user)
    client = logged_in(user)
    first = post_entry(client, entry())
    second = post_entry(client, entry())
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"]
    stored = JournalEntry.objects.get(user=user)
    assert stored.sets_done == 18 and stored.pain_during == 1 and stored.pain_after == 0
    assert stored.enrollment == enrollment


@pytest.mark.django_db
def test_a_run_is_logged_against_the_run_plan() -> None:
    user = runner()
    enrol(user)
    plan = enrol(user, "return-to-run-5k")
    body = entry(kind="run", sets_done=None, run_minutes=2, run_week=1, run_day=1)
    assert post_entry(logged_in(user), body).status_code == 201
    assert JournalEntry.objects.get(user=user).enrollment == plan


@pytest.mark.django_db
def test_a_session_is_logged_against_the_programme_that_was_played() -> None:
    user = runner()
    enrol(user)
    mobility = enrol(user, "runners-knee-mobility")
    url = "/play/log?programme=runners-knee-mobility"
    assert post_entry(logged_in(user), entry(), url).status_code == 201
    assert JournalEntry.objects.get(user=user).enrollment == mobility


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (entry(pain={"during": 11}), "pain.during"),
        (entry(kind="swim"), "kind"),
        (entry(idempotency_key="no spaces please"), "idempotency_key"),
        (entry(surprise=1), "surprise"),
        ("not json", "body"),
        ("[1, 2]", "body"),
    ],
)
@pytest.mark.django_db
def test_a_bad_entry_is_refused_naming_the_field(body: Any, field: str) -> None:
    user = runner()
    response = post_entry(logged_in(user), body)
    assert response.status_code == 422
    assert field in [e["field"] for e in response.json()["errors"]]
    assert all(e["message"] for e in response.json()["errors"])
    assert not JournalEntry.objects.exists()


@pytest.mark.django_db
def test_logging_without_a_login_is_refused_naming_the_session() -> None:
    response = Client().post("/play/log", data="{}", content_type="application/json")
    assert response.status_code == 401
    assert response.json()["errors"][0]["field"] == "session"


@pytest.mark.django_db
def test_logging_needs_a_session_and_the_csrf_header() -> None:
    anonymous = Client(enforce_csrf_checks=True)
    assert anonymous.post("/play/log", data="{}", content_type="application/json").status_code in (
        401,
        403,
    )
    client = logged_in(runner())
    no_header = client.post("/play/log", data=json.dumps(entry()), content_type="application/json")
    assert no_header.status_code == 403
    assert not JournalEntry.objects.exists()


@pytest.mark.django_db
def test_a_red_flag_stops_the_player_too() -> None:
    user = runner()
    enrol(user)
    JournalEntry.objects.create(user=user, date=START, kind="check", red_flags=["knee_locked"])
    assert planned_session(user, START, "strength", "en") is None


@pytest.mark.django_db
def test_the_link_from_today_picks_which_programme_to_play() -> None:
    user = runner()
    enrol(user)
    enrol(user, "runners-knee-mobility")
    client = logged_in(user)
    first = client.get("/play/2026-03-02/strength/").content.decode()
    chosen = client.get("/play/2026-03-02/strength/?programme=runners-knee-mobility")
    assert "Pain at the front of the knee" in first
    assert "/play/log?programme=runners-knee-mobility" in chosen.content.decode()


@pytest.mark.django_db
def test_a_link_to_a_logged_session_never_opens_another_programmes_session() -> None:
    """Back from the log, or from a calendar link: the knee session must not take the heel's
    place (and be logged against the heel programme's link)."""
    user = runner()
    enrol(user)
    enrol(user, "runners-knee-mobility")
    client = logged_in(user)
    url = "/play/2026-03-02/strength/?programme=runners-knee-mobility"
    assert "/play/log?programme=runners-knee-mobility" in client.get(url).content.decode()
    log = "/play/log?programme=runners-knee-mobility"
    assert post_entry(client, entry(), log).status_code == 201
    again = client.get(url).content.decode()
    assert "This session is already in your diary for that day." in again
    assert "Pain at the front of the knee" not in again
    assert "/play/log" not in again
    other = client.get("/play/2026-03-02/strength/?programme=anterior-knee-pain").content.decode()
    assert "/play/log?programme=anterior-knee-pain" in other  # the knee session is still there


@pytest.mark.django_db
def test_the_player_log_refuses_a_key_reused_for_a_different_session() -> None:
    user = runner()
    enrol(user)
    client = logged_in(user)
    assert post_entry(client, entry()).status_code == 201
    assert post_entry(client, entry()).status_code == 200  # a retry
    response = post_entry(client, entry(sets_done=3))
    assert response.status_code == 409
    assert response.json()["errors"][0]["field"] == "idempotency_key"
    assert JournalEntry.objects.get(user=user).sets_done == 18


@pytest.mark.django_db
def test_the_player_shows_the_clinicians_note() -> None:
    user = runner()
    enrollment = enrol(user)
    enrollment.note_to_runner = "Roligt på trapperne <3"
    enrollment.save()
    page = logged_in(user).get("/play/2026-03-02/strength/").content.decode()
    assert "Roligt på trapperne &lt;3" in page  # shown, and escaped
