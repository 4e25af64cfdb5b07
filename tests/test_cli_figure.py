"""`strideback figure EXERCISE [--at SECONDS] [--side first|second] [--lang L]` and the same
drawing at GET /exercises/<id>/figure.svg?t=SECONDS."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from strideback.cli import main
from strideback.core.content.library import default_library

SVG = "{http://www.w3.org/2000/svg}"


def figure(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["figure", *args]) == 0
    return capsys.readouterr().out


def paths(svg: str) -> list[str]:
    return [p.get("d", "") for p in ET.fromstring(svg).iter(f"{SVG}path")]


def test_at_zero_three_five_and_eight_seconds_of_a_3_2_3_rep(
    capsys: pytest.CaptureFixture[str],
) -> None:
    start, top, held, back = (
        figure(capsys, "mini-squat-band", "--at", t) for t in ("0", "3", "5", "8")
    )
    root = ET.fromstring(start)
    assert root.get("role") == "img"
    assert root.findtext(f"{SVG}title", "").startswith("Mini squat with band: Stand")
    assert paths(start) != paths(top)  # the squat has moved
    assert paths(top) == paths(held)  # still through the hold
    assert paths(back) == paths(start)  # and back at the start


def test_the_second_side_and_another_language(capsys: pytest.CaptureFixture[str]) -> None:
    first = figure(capsys, "bridge-one-leg", "--at", "3")
    second = figure(capsys, "bridge-one-leg", "--at", "3", "--side", "second", "--lang", "de")
    assert paths(first) != paths(second)
    german = default_library().exercise("bridge-one-leg").text.de.name
    assert ET.fromstring(second).findtext(f"{SVG}title", "").startswith(german + ": Legen Sie")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no-such-exercise"], "unknown exercise 'no-such-exercise' (choose one of: ankle-"),
        (["plank", "--at", "-1"], "--at: must be a number of seconds, 0 or more, got '-1'"),
        (["plank", "--at", "soon"], "--at: must be a number of seconds, 0 or more, got 'soon'"),
        (["plank", "--side", "left"], "--side: unknown side 'left' (choose one of: first, second)"),
        (["plank", "--lang", "fr"], "unknown language 'fr' (choose one of: da, en, de, nb)"),
    ],
)
def test_bad_input_is_a_one_line_error_naming_the_choices(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert main(["figure", *args]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


@pytest.mark.django_db
def test_the_url_serves_the_same_svg_cacheable(capsys: pytest.CaptureFixture[str]) -> None:
    response = Client().get("/exercises/mini-squat-band/figure.svg?t=3")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert "max-age" in response["Cache-Control"] and "public" in response["Cache-Control"]
    assert response.content.decode() == figure(capsys, "mini-squat-band", "--at", "3").strip()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "status", "names"),
    [
        ("/exercises/no-such-exercise/figure.svg", 404, None),
        ("/exercises/plank/figure.svg?t=-2", 422, "t:"),
        ("/exercises/plank/figure.svg?t=abc", 422, "t:"),
        ("/exercises/plank/figure.svg?side=third", 422, "side:"),
    ],
)
def test_the_url_refuses_what_it_cannot_draw(url: str, status: int, names: str | None) -> None:
    response = Client().get(url)
    assert response.status_code == status
    if names:
        assert re.match(names, response.content.decode())
