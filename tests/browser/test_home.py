"""The home page in a real browser, at phone size."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.mark.django_db(transaction=True)
def test_home_page_reads_well_on_a_phone_and_has_no_axe_violations(
    phone: Any, axe: Any, shot: Any
) -> None:
    phone.goto(phone.base + "/")
    assert phone.locator("h1").inner_text() == "Back to running, without knee or foot pain"
    assert axe(phone) == []
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, "nothing may scroll sideways on a 360 px phone"
    shot(phone, "home-360")


@pytest.mark.django_db(transaction=True)
def test_home_page_follows_the_browser_language(phone_da: Any) -> None:
    phone_da.goto(phone_da.base + "/")
    assert "Tilbage til løb" in phone_da.locator("h1").inner_text()
