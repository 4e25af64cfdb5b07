"""A day you can finish, redo or correct: a session ended early is 'partly done' on Today,
in the calendar, on Progress and in the clinician's journal; Today offers Resume and Start
again; the player reopens that session and saves over the same entry; a logged session or run
can be corrected in the page within the API's 24 hours, by the same rule."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from strideback.accounts.models import User
from strideback.training import progress, today
from strideback.training.models import JournalEntry

DAY = dt.timedelta(days=1)


@pytest.fixture
def on() -> dt.date:
    return timezone.localdate()


@pytest.fixture
def partial(
    runner: User, enrolled: Callable[..., Any], log: Callable[..., Any], on: dt.date
) -> JournalEntry:
    enrolled(runner, start=on - 2 * DAY)
    return log(runner, on, pain_during=1, pain_after=1, completed=False, sets_done=4)  # type: ignore[no-any-return]


def _post_json(client: Client, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, data=json.dumps(body), content_type="application/json")


@pytest.mark.django_db
def test_today_shows_a_session_ended_early_as_partly_done_with_resume_and_start_again(
    logged_in: Client, partial: JournalEntry, runner: User, on: dt.date
) -> None:
    (session,) = today.today(runner, on, "en").tracks[0].today
    assert session.done and session.partial and session.entry_id == partial.pk
    html = logged_in.get("/today/").content.decode()
    assert "Partly done: ended early" in html
    assert f"entry={partial.pk}&amp;mode=resume" in html
    assert f"entry={partial.pk}&amp;mode=again" in html
    assert "✓ Done today" not in html


@pytest.mark.django_db
def test_a_finished_session_is_done_with_a_link_to_correct_it(
    logged_in: Client,
    runner: User,
    enrolled: Callable[..., Any],
    log: Callable[..., Any],
    on: dt.date,
) -> None:
    enrolled(runner, start=on - 2 * DAY)
    done = log(runner, on, pain_during=0, pain_after=0, sets_done=18)
    html = logged_in.get("/today/").content.decode()
    assert "✓ Done today" in html and "Resume" not in html
    assert f"/journal/{done.pk}/edit/" in html


@pytest.mark.django_db
def test_progress_counts_a_session_ended_early_as_partly_done_not_done(
    partial: JournalEntry, runner: User, on: dt.date, logged_in: Client
) -> None:
    page = progress.progress(runner, on, "en")
    assert page.partial == 1 and page.done == 0
    assert "and 1 partly done (ended early)" in logged_in.get("/progress/").content.decode()


@pytest.mark.django_db
def test_resume_reopens_the_session_from_the_sets_done_and_saves_over_the_same_entry(
    logged_in: Client, partial: JournalEntry, on: dt.date
) -> None:
    base = f"/play/{on.isoformat()}/strength/?programme=anterior-knee-pain"
    plain = logged_in.get(base).content.decode()
    assert "already in your diary" in plain
    page = logged_in.get(f"{base}&entry={partial.pk}&mode=resume")
    payload = page.context["payload"]
    assert payload["items"] and payload["redo"] == {
        "entry": partial.pk,
        "resume": True,
        "sets_done": 4,
        "run_minutes": 0,
    }
    assert payload["log_url"].endswith(f"&entry={partial.pk}")
    assert "You carry on where you stopped" in page.content.decode()
    again = logged_in.get(f"{base}&entry={partial.pk}&mode=again").context["payload"]
    assert again["redo"]["resume"] is False and again["redo"]["sets_done"] == 0
    body = {
        "date": on.isoformat(),
        "kind": "strength",
        "completed": True,
        "sets_done": 18,
        "pain": {"during": 1, "after": 0},
        "idempotency_key": "resume-key-0001",
    }
    response = _post_json(logged_in, payload["log_url"], body)
    assert response.status_code == 200, response.content
    assert JournalEntry.objects.filter(kind="strength").count() == 1
    partial.refresh_from_db()
    assert partial.completed and partial.sets_done == 18
    html = logged_in.get("/today/").content.decode()
    assert "✓ Done today" in html and "Partly done" not in html


@pytest.mark.django_db
def test_a_session_logged_over_24_hours_ago_cannot_be_resumed_or_overwritten(
    logged_in: Client, partial: JournalEntry, on: dt.date
) -> None:
    JournalEntry.objects.filter(pk=partial.pk).update(
        created_at=timezone.now() - dt.timedelta(hours=25)
    )
    url = f"/play/{on.isoformat()}/strength/?entry={partial.pk}&mode=resume"
    page = logged_in.get(url)
    assert page.context["payload"] is None
    assert "more than 24 hours ago" in page.content.decode()
    body = {"date": on.isoformat(), "kind": "strength", "sets_done": 18, "completed": True}
    response = _post_json(logged_in, f"/play/log?entry={partial.pk}", body)
    assert response.status_code == 409
    assert response.json()["errors"][0]["field"] == "entry"
    partial.refresh_from_db()
    assert partial.sets_done == 4 and not partial.completed


@pytest.mark.django_db
def test_someone_elses_entry_cannot_be_resumed_or_corrected(
    partial: JournalEntry, make_runner: Callable[..., User], on: dt.date
) -> None:
    other = Client()
    other.force_login(make_runner("other@example.org"))
    assert other.get(f"/play/{on.isoformat()}/strength/?entry={partial.pk}").status_code == 404
    body = {"date": on.isoformat(), "kind": "strength", "sets_done": 18}
    assert _post_json(other, f"/play/log?entry={partial.pk}", body).status_code == 404
    assert other.get(f"/journal/{partial.pk}/edit/").status_code == 404
    assert other.post(f"/journal/{partial.pk}/edit/", {"completed": "yes"}).status_code == 404
    partial.refresh_from_db()
    assert partial.sets_done == 4


def _form(**overrides: str) -> dict[str, str]:
    return {
        "completed": "no",
        "sets_done": "6",
        "pain_during": "2",
        "pain_after": "1",
        "swelling": "no",
        "note": "",
    } | overrides


@pytest.mark.django_db
def test_the_correction_page_changes_the_entry_within_24_hours(
    logged_in: Client, partial: JournalEntry
) -> None:
    url = f"/journal/{partial.pk}/edit/"
    page = logged_in.get(url).content.decode()
    assert 'name="sets_done"' in page and 'value="4"' in page
    response = logged_in.post(url, _form(completed="yes", sets_done="18", note="did the rest"))
    assert response.status_code == 302
    partial.refresh_from_db()
    assert partial.completed and partial.sets_done == 18 and partial.pain_during == 2
    assert partial.note == "did the rest"


@pytest.mark.django_db
def test_the_correction_page_names_a_missing_pain_and_a_bad_number_and_changes_nothing(
    logged_in: Client, partial: JournalEntry
) -> None:
    form = _form(sets_done="many")
    del form["pain_after"]
    response = logged_in.post(f"/journal/{partial.pk}/edit/", form)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Pain right afterwards: choose a number from 0 (no pain) to 10." in html
    assert "Sets done: enter the sets you did, from 0 to 100." in html
    partial.refresh_from_db()
    assert partial.sets_done == 4 and partial.pain_during == 1


@pytest.mark.django_db
def test_after_24_hours_the_page_and_the_api_refuse_by_the_same_rule(
    logged_in: Client, partial: JournalEntry
) -> None:
    JournalEntry.objects.filter(pk=partial.pk).update(
        created_at=timezone.now() - dt.timedelta(hours=24, minutes=1)
    )
    url = f"/journal/{partial.pk}/edit/"
    assert "can no longer be changed" in logged_in.get(url).content.decode()
    assert logged_in.post(url, _form(completed="yes")).status_code == 409
    partial.refresh_from_db()
    assert not partial.completed


@pytest.mark.django_db
def test_a_run_stopped_early_is_corrected_in_minutes(
    logged_in: Client,
    runner: User,
    enrolled: Callable[..., Any],
    log: Callable[..., Any],
    on: dt.date,
) -> None:
    enrolled(runner, ("anterior-knee-pain", "return-to-run-5k"), start=on - 2 * DAY)
    run = log(
        runner,
        on,
        kind="run",
        programme="return-to-run-5k",
        completed=False,
        run_minutes=5,
        pain_during=0,
        pain_after=0,
    )
    url = f"/journal/{run.pk}/edit/"
    assert 'name="run_minutes"' in logged_in.get(url).content.decode()
    bad = logged_in.post(url, _form(run_minutes="0"))
    assert (
        bad.status_code == 400 and "Minutes run: enter the minutes you ran" in bad.content.decode()
    )
    assert logged_in.post(url, _form(run_minutes="7.5")).status_code == 302
    run.refresh_from_db()
    assert run.run_minutes == 7.5 and not run.completed
