"""The clinician's prescribing screens show each exercise's figure next to it, linked to the
exercise's page, and point to the exercise library."""

from __future__ import annotations

import re

from django.test import Client

from strideback.accounts.models import User
from strideback.core.content.library import default_library


def test_the_adjust_table_shows_a_still_beside_every_exercise(
    physio: Client, patient: User
) -> None:
    url = f"/clinic/patients/{patient.pk}"
    physio.post(f"{url}/prescribe", {"programme": "plantar-heel-pain", "start": "2026-03-01"})
    html = physio.get(f"{url}/").content.decode()
    rows = re.findall(
        r'<th scope="row"><a class="with-still" href="/exercises/([a-z0-9-]+)/">'
        r'<img class="still" src="/exercises/\1/figure\.svg\?t=[0-9.]+" alt="([^"]+)"',
        html,
    )
    programme = default_library().programme("plantar-heel-pain")
    assert [r[0] for r in rows] == [i.exercise for p in programme.phases for i in p.items]
    assert all(alt.strip() for _, alt in rows)
    assert 'href="/exercises/"' in html  # browse the library when adding an exercise


def test_the_programme_list_links_each_programme_to_its_exercises(physio: Client) -> None:
    html = physio.get("/clinic/library/").content.decode()
    assert 'href="/exercises/?programme=anterior-knee-pain"' in html
    assert 'href="/exercises/?programme=return-to-run-5k"' not in html  # a run plan: none
