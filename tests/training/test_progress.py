"""Progress: pain over time, sessions done against planned, phases and running minutes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from strideback.accounts.models import User
from strideback.training import progress

from .conftest import ON

DAY = dt.timedelta(days=1)


@pytest.mark.django_db
def test_pain_points_sessions_and_run_minutes_by_week(
    runner: User, enrolled: Callable[..., Any], log: Callable[..., Any]
) -> None:
    start = ON - 13 * DAY
    enrolled(runner, ("anterior-knee-pain", "return-to-run-5k"), start=start, on=ON)
    log(runner, start, pain_during=1, pain_after=2, pain_next_morning=0)
    log(runner, start + 2 * DAY, pain_during=0)
    log(runner, start + 3 * DAY, kind="run", programme="return-to-run-5k", run_minutes=20)
    page = progress.progress(runner, ON, "en")
    assert [p.date for p in page.pain] == [start, start + 2 * DAY]
    assert page.pain[0].after == 2
    assert page.done == 2
    assert page.planned >= 7, "every other day over two weeks"
    assert page.run_minutes == 20
    assert page.weeks[0].monday == start - dt.timedelta(days=start.weekday()), "from the start"
    assert page.weeks[-1].monday == ON - dt.timedelta(days=ON.weekday())


@pytest.mark.django_db
def test_progress_looks_back_twelve_weeks_at_most(
    runner: User, enrolled: Callable[..., Any]
) -> None:
    enrolled(runner, start=ON - 200 * DAY, on=ON)
    assert len(progress.progress(runner, ON, "en").weeks) == progress.PROGRESS_WEEKS


@pytest.mark.django_db
def test_the_phase_timeline_shows_the_past_the_present_and_what_is_expected(
    runner: User, enrolled: Callable[..., Any]
) -> None:
    enrolled(runner, start=ON - 35 * DAY, on=ON)
    (timeline,) = progress.progress(runner, ON, "en").timelines
    spans = timeline.spans
    assert [(s.phase, s.current, s.projected) for s in spans[:2]] == [
        (1, False, False),
        (2, True, False),
    ]
    assert spans[0].end is not None and spans[1].start == spans[0].end + DAY
    assert [s.phase for s in spans[2:]] == [3, 4, 5]
    assert all(s.projected for s in spans[2:])


@pytest.mark.django_db
def test_progress_page_draws_svg_charts_with_text_equivalents(
    logged_in: Client, runner: User, enrolled: Callable[..., Any], log: Callable[..., Any]
) -> None:
    on = timezone.localdate()
    enrolled(runner, start=on - 7 * DAY, on=on)
    log(runner, on - 7 * DAY, pain_during=2, pain_after=3)
    html = logged_in.get("/progress/", HTTP_ACCEPT_LANGUAGE="da").content.decode()
    assert html.count('<svg class="chart') == 2
    assert 'role="img"' in html and "<desc" in html
    assert "Vis som tabel" in html
    assert "<table>" in html
    assert "Smerte over tid" in html
    # The charts are drawn on the server: the only script is the app-wide offline queue.
    scripts = [line.strip() for line in html.splitlines() if "<script" in line]
    assert scripts == [
        '<script type="module" src="/static/strideback/offline.js"></script>',
        '<script src="/static/strideback/timeline.js" defer></script>',  # opens tables to print
    ]


@pytest.mark.django_db
def test_progress_with_nothing_logged_is_calm(
    logged_in: Client, runner: User, enrolled: Callable[..., Any]
) -> None:
    enrolled(runner, start=timezone.localdate())
    html = logged_in.get("/progress/").content.decode()
    assert "No pain logged yet" in html
    assert "Your first week, since" in html  # not "The last 1 weeks"
    assert "1 weeks" not in html
