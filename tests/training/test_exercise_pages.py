"""The public exercise library (/exercises/), each exercise's own page, and Today's stills:
every exercise is shown with its figure, linked to its page, in the page's language."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from strideback.accounts.models import User
from strideback.core.content.library import default_library

LIBRARY = default_library()


def _cards(html: str) -> list[str]:
    """The exercise ids the library page lists, in order."""
    return re.findall(r'<a href="/exercises/([a-z0-9-]+)/"><img class="still"', html)


@pytest.mark.django_db
def test_the_library_shows_every_exercise_with_a_still_that_draws(client: Client) -> None:
    html = client.get("/exercises/").content.decode()
    assert sorted(_cards(html)) == sorted(LIBRARY.exercises)
    stills = re.findall(r'<img class="still" src="([^"]+)" alt="([^"]+)"', html)
    assert len(stills) == len(LIBRARY.exercises)
    src, alt = stills[0]
    assert alt.startswith("90/90 sit with reach: Sit on the floor")  # name and first step
    response = client.get(src.replace("&amp;", "&"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")


@pytest.mark.django_db
def test_the_library_filters_by_programme_and_body_area(client: Client) -> None:
    programme = LIBRARY.programme("plantar-heel-pain")
    wanted = {i.exercise for phase in programme.phases for i in phase.items}
    html = client.get("/exercises/", {"programme": "plantar-heel-pain"}).content.decode()
    assert set(_cards(html)) == wanted
    assert '<option value="plantar-heel-pain" selected>' in html  # the form keeps the choice
    feet = client.get("/exercises/", {"region": "foot"}).content.decode()
    assert set(_cards(feet)) == {
        e.id for e in LIBRARY.exercises.values() if "foot" in {r.value for r in e.region}
    }
    both = client.get("/exercises/", {"programme": "plantar-heel-pain", "region": "hip"})
    assert _cards(both.content.decode()) == []
    assert "No exercise fits both choices." in both.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(("field", "value"), [("programme", "nope"), ("region", "elbow")])
def test_an_unknown_filter_is_a_400_naming_the_field(
    client: Client, field: str, value: str
) -> None:
    response = client.get("/exercises/", {field: value})
    assert response.status_code == 400
    assert response.content.decode().startswith(f"{field}: must be one of ")


@pytest.mark.django_db
def test_the_library_speaks_the_page_language(client: Client) -> None:
    html = client.get("/exercises/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "<h1>Übungen</h1>" in html
    assert "Mini-Kniebeuge mit Band" in html
    assert "Alle Körperbereiche" in html
    assert 'alt="Mini-Kniebeuge mit Band: Stellen Sie sich schulterbreit hin' in html


@pytest.mark.django_db
def test_an_exercise_page_shows_steps_doses_poses_versions_and_source(client: Client) -> None:
    html = client.get("/exercises/bridge-two-leg/", HTTP_ACCEPT_LANGUAGE="da").content.decode()
    bridge = LIBRARY.exercise("bridge-two-leg").text.da
    assert f"<h1>{bridge.name}</h1>" in html
    for step in bridge.steps:
        assert step in html
    assert "Startstilling" in html and "Slutstilling" in html
    poses = re.findall(
        r'<figure><img src="(/exercises/bridge-two-leg/figure\.svg\?t=[0-9.]+)"', html
    )
    assert len(poses) == 2 and poses[0] != poses[1]
    assert (
        '<a href="/exercises/?programme=anterior-knee-pain">Træning ved smerter foran i knæet</a>'
        in html
    )
    assert "3 × 10" in html  # the programme's dose
    assert 'href="/exercises/bridge-one-leg/"' in html  # the harder version
    assert "000, Sådan træner du, når du har forreste knæsmerter" in html


@pytest.mark.django_db
def test_a_hold_shows_one_pose_and_an_unknown_exercise_is_404(client: Client) -> None:
    html = client.get("/exercises/plank/").content.decode()
    assert html.count("<figure><img") == 1
    assert "Hold this position" in html
    assert client.get("/exercises/no-such-thing/").status_code == 404


@pytest.mark.django_db
def test_today_shows_a_still_of_each_exercise_linked_to_its_page(
    client: Client, runner: User, enrolled: Callable[..., Any]
) -> None:
    enrolled(runner, start=timezone.localdate())
    client.force_login(runner)
    html = client.get("/today/?later=1").content.decode()
    items = re.findall(
        r'<a class="with-still" href="/exercises/([a-z0-9-]+)/"><img class="still" '
        r'src="/exercises/\1/figure\.svg\?t=[0-9.]+" alt="[^"]+"',
        html,
    )
    phase = LIBRARY.programme("anterior-knee-pain").phases[0]
    main = [i.exercise for i in phase.items if i.alternative_to is None]
    assert items == main


@pytest.mark.django_db
def test_the_players_list_links_each_exercise_to_its_page(
    client: Client, runner: User, enrolled: Callable[..., Any]
) -> None:
    on = timezone.localdate()
    enrolled(runner, start=on)
    client.force_login(runner)
    html = client.get(f"/play/{on.isoformat()}/strength/?programme=anterior-knee-pain").content
    linked = re.findall(r'<a class="exercise-name" href="/exercises/([a-z0-9-]+)/">', html.decode())
    phase = LIBRARY.programme("anterior-knee-pain").phases[0]
    assert linked == [i.exercise for i in phase.items if i.alternative_to is None]


@pytest.mark.django_db
def test_todays_alternatives_link_to_their_pages(
    client: Client, runner: User, enrolled: Callable[..., Any]
) -> None:
    enrolled(runner, ("medial-knee-pain",), start=timezone.localdate(), areas=("inside_of_knee",))
    client.force_login(runner)
    html = client.get("/today/?later=1").content.decode()
    assert '<a href="/exercises/barefoot-squat/">Or instead: Barefoot squat</a>' in html
    assert '<a href="/exercises/band-arch-control/">Or instead: Band arch control</a>' in html
