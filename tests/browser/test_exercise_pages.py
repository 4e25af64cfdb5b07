"""The exercise library, an exercise's page and Today's stills in a real browser at phone
size: every figure is one image with a text alternative, nothing scrolls sideways, axe finds
nothing, and the filter works without JavaScript."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from strideback.accounts.models import Role, User
from strideback.core.content.library import default_library
from strideback.core.figures.exercise import exercise_svg
from strideback.training import onboarding


@pytest.fixture(scope="module", autouse=True)
def _figures_drawn_once() -> None:
    """The live server runs in this process: draw every still once, so that loading 37 of
    them does not time the figures' first computation on a loaded test machine."""
    library = default_library()
    for exercise_id in library.exercises:
        exercise_svg(library, exercise_id, 0.0, "en")


def _images_drawn(page: Any) -> list[str]:
    """The figure images that failed to load or have no text alternative."""
    return page.evaluate(
        """() => [...document.querySelectorAll('img[src*="figure.svg"]')]
            .filter(i => !i.complete || i.naturalWidth === 0 || !i.alt.trim())
            .map(i => i.src)"""
    )


@pytest.mark.django_db(transaction=True)
def test_the_library_filters_without_javascript_and_is_axe_clean(
    make_page: Any, axe: Any, shot: Any
) -> None:
    page = make_page(locale="de-DE")
    page.set_default_timeout(60_000)  # 37 images from a test server on a shared machine
    page.goto(page.base + "/exercises/")
    for img in page.locator("img.still").all()[:40]:
        img.scroll_into_view_if_needed()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "Übungen"
    assert _images_drawn(page) == []
    assert axe(page) == []
    shot(page, "exercise-library-360-de")
    wide = page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > 361)
            .map(e => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`)
            .slice(0, 8)"""
    )
    assert wide == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.select_option("#f-region", "foot")
    page.get_by_role("button", name="Anzeigen").click()
    page.wait_for_url("**/exercises/?programme=&region=foot")
    names = page.locator(".exercise-cards .name").all_inner_texts()
    assert "Kurzer Fuß im Sitzen" in names or any("Fuß" in n for n in names)
    assert "Mini-Kniebeuge mit Band" not in names


@pytest.mark.django_db(transaction=True)
def test_an_exercise_page_shows_its_poses_and_is_axe_clean(phone: Any, axe: Any, shot: Any) -> None:
    phone.set_default_timeout(60_000)
    phone.goto(phone.base + "/exercises/side-lying-hip-external-rotation-band/")
    phone.wait_for_load_state("networkidle")
    assert phone.locator(".poses img").count() == 2
    assert _images_drawn(phone) == []
    # one image each: the drawing's own elements are not read out one by one
    assert phone.get_by_role("img").count() == 2
    assert axe(phone) == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    shot(phone, "exercise-page-360")


@pytest.mark.django_db(transaction=True)
def test_today_shows_stills_and_is_axe_clean(phone: Any, axe: Any, shot: Any, login: Any) -> None:
    runner = User.objects.create_user(
        "still@example.org", "pw-12345678", language="en", role=Role.RUNNER
    )
    onboarding.save_areas(runner, ["front_of_knee"])
    on = timezone.localdate()
    onboarding.enroll(runner, ["anterior-knee-pain"], on, on)
    login(phone, runner)
    phone.set_default_timeout(60_000)
    phone.goto(phone.base + "/today/?later=1")
    phone.wait_for_load_state("networkidle")
    assert phone.locator(".items img.still").count() >= 3
    assert _images_drawn(phone) == []
    assert axe(phone) == []
    shot(phone, "today-stills-360")
    phone.locator(".items a.with-still").first.click()
    assert phone.locator(".poses img").count() >= 1
